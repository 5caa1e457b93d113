// @ts-check
'use strict';

/**
 * The CCAI Platform sandbox's Manager API part (https://{subdomain}.{domain}/manager/api/v1):
 *   GET /manager/api/v1/calls       the call list, filtered, sorted and paged
 *   GET /manager/api/v1/calls/:id   one call
 * and the life of a call: the statuses it moves through after it was created, over time (one
 * step every `stepMs`) or on command (the control routes of ccai.js).
 *
 * What it follows, and from where (the README's "Manager API" section has the links):
 * - paging with `page` (from 1) and `per` (default 100, at most 100; a larger value is reduced
 *   to 100), and the headers `Link` (RFC 5988, `rel="next"` while more records exist, `rel="last"`
 *   with the last page), `Total` and `Per-Page` (Google's pagination page);
 * - the body is a bare JSON array of call objects (a public Manager API client reads it so);
 * - `created_at[from]`, `updated_at[from]`, `sort_column` and `sort_direction` (the same client,
 *   and Google's "tailing" advice); `[from]` includes its own instant;
 * - every modification of a call updates its `updated_at` (Google's tailing page).
 * Inferred, and marked so in the README: `GET /calls/:id`, the `[to]` filters, `DESC`, and that a
 * parameter the API does not know (such as `status`) is ignored rather than refused.
 */

/** Every status of the API page's status table, as the API spells it. */
const STATUSES = [
	'selecting',
	'queued',
	'assigned',
	'connecting',
	'connected',
	'finished',
	'failed',
	'switching',
	'recovered',
	'scheduled',
	'action_only',
	'action_only_finished',
	'deflected',
	'voicemail',
	'voicemail_received',
	'voicemail_read',
];

/** The statuses a call created through the Apps API goes through, from the one it is created in. */
const PLANS = {
	outbound: ['assigned', 'connecting', 'connected', 'finished'],
	inbound: ['queued', 'assigned', 'connecting', 'connected', 'finished'],
	scheduled: ['scheduled', 'queued', 'assigned', 'connecting', 'connected', 'finished'],
};

const MAX_PER = 100;
const SORT_COLUMNS = ['id', 'created_at', 'updated_at'];
const FILTERS = ['created_at', 'updated_at'];

/**
 * @typedef {{ id: number, call: Record<string, any>, plan: string[], changedAt: number }} LivingCall
 *   plan: the statuses still ahead of the call, in order; changedAt: when its status last changed
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Answer
 */

/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();

/**
 * Puts `call` into `status` at `atMs`, with the timestamps that status sets, and a new
 * `updated_at`.
 * @param {Record<string, any>} call
 * @param {string} status
 * @param {number} atMs
 * @param {{ failReason?: string }} [details]
 */
function setStatus(call, status, atMs, details = {}) {
	const at = iso(atMs);
	call.status = status;
	if (status === 'queued') call.queued_at = at;
	if (status === 'assigned') call.assigned_at = at;
	if (status === 'connected') {
		call.connected_at = at;
		call.wait_duration = Math.max(0, Math.round((atMs - Date.parse(call.created_at)) / 1000));
	}
	if (['finished', 'failed', 'action_only_finished', 'recovered'].includes(status)) {
		call.ends_at = at;
		call.call_duration = call.connected_at ? Math.max(0, Math.round((atMs - Date.parse(call.connected_at)) / 1000)) : 0;
		call.disconnected_by = status === 'failed' ? 'disconnected_by_end_user' : 'disconnected_by_agent';
		// A call the customer allowed to be recorded, once it was talked in, has its recording. The
		// address is the sandbox's own: CCAI Platform keeps recordings in the account's external
		// storage (a Cloud Storage bucket or an SFTP server), wherever the account set that up.
		if (call.connected_at && call.recording_permission === 'granted') call.recording_url = `https://storage.example.com/acme-ccai-recordings/calls/${call.id}.mp3`;
	}
	call.fail_reason = status === 'failed' ? details.failReason ?? 'eu_abandoned' : 'nothing';
	if (status.startsWith('voicemail')) call.voicemail_reason = 'voicemail_after_hours';
	if (status === 'deflected') call.deflection = 'deflection_voicemail';
	for (const participant of call.participants ?? []) {
		if (status === 'connected') participant.status = 'connected';
		if (call.ends_at) participant.status = 'finished';
	}
	call.updated_at = at;
}

/**
 * Moves every call that has steps ahead of it through the steps that are due at `nowMs`, one
 * every `stepMs` after its last change (a scheduled call not before its `scheduled_at`).
 * @param {LivingCall[]} calls
 * @param {number} nowMs
 * @param {number | null} stepMs  null: calls move on command only
 */
function progress(calls, nowMs, stepMs) {
	if (stepMs === null) return;
	for (const living of calls) {
		for (;;) {
			const next = living.plan[0];
			if (next === undefined) break;
			let due = living.changedAt + stepMs;
			if (living.call.status === 'scheduled' && living.call.scheduled_at) due = Math.max(due, Date.parse(living.call.scheduled_at));
			if (due > nowMs) break;
			living.plan.shift();
			setStatus(living.call, next, due);
			living.changedAt = due;
		}
	}
}

/**
 * One step of the call's plan, now.
 * @param {LivingCall} living
 * @param {number} nowMs
 * @returns {boolean} whether there was a step
 */
function advance(living, nowMs) {
	const next = living.plan.shift();
	if (next === undefined) return false;
	setStatus(living.call, next, Math.max(nowMs, living.changedAt + 1));
	living.changedAt = Date.parse(living.call.updated_at);
	return true;
}

/**
 * Any status, now (a failed call, a voicemail...): the call leaves its plan.
 * @param {LivingCall} living
 * @param {string} status
 * @param {number} nowMs
 * @param {{ failReason?: string }} [details]
 * @returns {string | undefined} what is wrong with the status
 */
function forceStatus(living, status, nowMs, details) {
	if (!STATUSES.includes(status)) return `unknown status "${status}"; use one of ${STATUSES.join(', ')}`;
	setStatus(living.call, status, Math.max(nowMs, living.changedAt + 1), details);
	living.changedAt = Date.parse(living.call.updated_at);
	living.plan = [];
	return undefined;
}

/**
 * A change that is not a status change (a recording, a rating): the fields given, and a new
 * `updated_at`.
 * @param {LivingCall} living
 * @param {Record<string, unknown>} fields
 * @param {number} nowMs
 */
function touch(living, fields, nowMs) {
	const { id: _id, status: _status, updated_at: _updated, ...rest } = fields;
	Object.assign(living.call, rest);
	living.call.updated_at = iso(Math.max(nowMs, Date.parse(living.call.updated_at) + 1));
}

/** @param {string} message @param {number} status */
const managerError = (status, message) => ({
	status,
	body: { error: status === 404 ? 'Not Found' : 'Bad Request', message, status },
});

/**
 * GET /manager/api/v1/calls.
 * @param {LivingCall[]} calls
 * @param {Record<string, string>} query
 * @param {string} selfUrl  the list's absolute URL, without a query (for the Link header)
 * @returns {Answer}
 */
function listCalls(calls, query, selfUrl) {
	const paging = pageParameters(query);
	if ('error' in paging) return paging.error;
	const { page, per } = paging;

	/** @type {Array<(call: Record<string, any>) => boolean>} */
	const tests = [];
	for (const column of FILTERS) {
		for (const bound of ['from', 'to']) {
			const raw = query[`${column}[${bound}]`];
			if (raw === undefined) continue;
			const at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? Date.parse(raw) : NaN;
			if (Number.isNaN(at)) return managerError(400, `${column}[${bound}] is not a valid date-time: "${raw}"`);
			tests.push((call) => {
				const value = Date.parse(call[column]);
				return bound === 'from' ? value >= at : value <= at;
			});
		}
	}
	const column = query.sort_column ?? 'id';
	if (!SORT_COLUMNS.includes(column)) return managerError(400, `sort_column must be one of ${SORT_COLUMNS.join(', ')}`);
	const direction = (query.sort_direction ?? 'DESC').toUpperCase();
	if (direction !== 'ASC' && direction !== 'DESC') return managerError(400, 'sort_direction must be ASC or DESC');
	const sign = direction === 'ASC' ? 1 : -1;
	const key = (/** @type {Record<string, any>} */ call) => (column === 'id' ? call.id : Date.parse(call[column]));

	const matching = calls
		.map((living) => living.call)
		.filter((call) => tests.every((test) => test(call)))
		.sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
	return pageOf(matching, query, selfUrl, page, per);
}

/**
 * The paging of a page and per that were checked (`pageParameters`): the page's records, and the
 * headers of Google's pagination page (`Link` with `rel="next"` while more records exist, `Total`,
 * `Per-Page`). Every Manager API list is paged so.
 * @param {Array<Record<string, any>>} matching  every record of the list, in its order
 * @param {Record<string, string>} query
 * @param {string} selfUrl
 * @param {number} page
 * @param {number} per
 * @returns {Answer}
 */
function pageOf(matching, query, selfUrl, page, per) {
	const total = matching.length;
	const last = Math.max(1, Math.ceil(total / per));
	const link = (/** @type {number} */ target) => {
		const params = new URLSearchParams(query);
		params.set('page', String(target));
		params.set('per', String(per));
		return `<${selfUrl}?${params.toString()}>`;
	};
	const links = [];
	if (page < last) links.push(`${link(page + 1)}; rel="next"`);
	if (page > 1) links.push(`${link(Math.min(page - 1, last))}; rel="prev"`);
	links.push(`${link(last)}; rel="last"`);
	return {
		status: 200,
		body: matching.slice((page - 1) * per, page * per),
		headers: { Total: String(total), 'Per-Page': String(per), Link: links.join(', ') },
	};
}

/**
 * `page` (from 1) and `per` (default 100, at most 100) of a list request, or the 400 answer.
 * @param {Record<string, string>} query
 * @returns {{ page: number, per: number } | { error: Answer }}
 */
function pageParameters(query) {
	const perRaw = query.per === undefined ? MAX_PER : Number.parseInt(query.per, 10);
	const pageRaw = query.page === undefined ? 1 : Number.parseInt(query.page, 10);
	if (!Number.isInteger(perRaw) || perRaw < 1) return { error: managerError(400, `per must be a positive integer, not "${query.per}"`) };
	if (!Number.isInteger(pageRaw) || pageRaw < 1) return { error: managerError(400, `page must be a positive integer, not "${query.page}"`) };
	return { page: pageRaw, per: Math.min(perRaw, MAX_PER) };
}

/**
 * GET /manager/api/v1/calls/:id.
 * @param {LivingCall[]} calls
 * @param {string} rawId
 * @returns {Answer}
 */
function getCall(calls, rawId) {
	const found = /^\d+$/.test(rawId) ? calls.find((living) => living.id === Number(rawId)) : undefined;
	return found ? { status: 200, body: found.call } : managerError(404, `Call ${rawId} not found`);
}

module.exports = { STATUSES, PLANS, setStatus, progress, advance, forceStatus, touch, listCalls, getCall, pageOf, pageParameters, managerError };
