// @ts-check
'use strict';

/**
 * A stand-in for Callgoose SQIBS (/v1/process and /v1/request), from its API pages and the facts
 * in shared/api/NOTES.md:
 * - two kinds of token, as the vendor's pages say: Incident tokens for `/v1/process` and Request
 *   tokens for `/v1/request`, each refused (401) on the other endpoint with the pages' own words;
 *   an Incident token is Global, Team or Service scoped (NOTES.md), which decides the services
 *   whose filters it checks; sent as `Authorization: Bearer` or `?token=`;
 * - API filters match with "value contains" on payload keys (every item of a filter must match;
 *   filters are tried in order and the first match creates the incident), and resolve the active
 *   incidents correlated by the filter's "map incident with" key;
 * - a repeat of a payload that did something, within the duplicate window, answers 208;
 * - an event or request that matches nothing answers 202.
 */

const { SandboxService, bearerToken } = require('./lib');

/**
 * @typedef {{ key: string, contains: string[] }} Condition
 * @typedef {object} ApiFilter
 * @property {string} name
 * @property {Condition[]} trigger           all must match to create an incident
 * @property {string} titleKey
 * @property {string} descriptionKey
 * @property {string} mapIncidentWith        the correlation key
 * @property {Condition[]} [resolve]         all must match to resolve the correlated incidents
 * @typedef {{ id: string, team: string, filters: ApiFilter[] }} CallgooseServiceConfig
 * @typedef {{ token: string, kind: 'incident', scope: 'global' } | { token: string, kind: 'incident', scope: 'team', team: string } | { token: string, kind: 'incident', scope: 'service', service: string } | { token: string, kind: 'request' }} ApiToken
 * @typedef {{ publicId: string, name: string, variables: string[] }} AutomationWorkflow
 * @typedef {object} CallgooseConfig
 * @property {ApiToken[]} tokens
 * @property {CallgooseServiceConfig[]} services
 * @property {AutomationWorkflow[]} workflows
 * @property {number} duplicateWindowMs
 */

/** Tokens and filters the demo and the tests start with. */
const DEFAULT_TOKENS = {
	/** Incident tokens, by scope. */
	global: 'cg-global-2f9c1b7e5d3a4c8e9f0a1b2c3d4e5f60',
	team: 'cg-team-ops-8e7d6c5b4a3928171605f4e3d2c1b0a9',
	service: 'cg-service-db-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
	/** A Request token: Run Workflow only. */
	request: 'cg-request-6d1e9a3c7b5f4028e1d3c5b7a9f0e2d4',
};

/** The 401 messages of the vendor's pages. */
const UNAUTHORIZED = 'Unauthorized request. API Token is not valid.';
const WRONG_KIND = {
	incident: `${UNAUTHORIZED} Make sure you are using a Incident token and not Request token.`,
	request: `${UNAUTHORIZED} Make sure you are using a Request token and not Incident token.`,
};

/** @type {() => CallgooseConfig} */
const defaultConfig = () => ({
	tokens: [
		{ token: DEFAULT_TOKENS.global, kind: 'incident', scope: 'global' },
		{ token: DEFAULT_TOKENS.team, kind: 'incident', scope: 'team', team: 'ops' },
		{ token: DEFAULT_TOKENS.service, kind: 'incident', scope: 'service', service: 'database' },
		{ token: DEFAULT_TOKENS.request, kind: 'request' },
	],
	services: [
		{
			id: 'database',
			team: 'ops',
			filters: [
				{
					name: 'Database alerts',
					trigger: [
						{ key: 'status', contains: ['firing'] },
						{ key: 'service', contains: ['db'] },
					],
					titleKey: 'title',
					descriptionKey: 'content',
					mapIncidentWith: 'alert_id',
					resolve: [{ key: 'status', contains: ['resolved'] }],
				},
			],
		},
		{
			id: 'website',
			team: 'web',
			filters: [
				{
					name: 'Website alerts',
					trigger: [{ key: 'status', contains: ['firing'] }],
					titleKey: 'title',
					descriptionKey: 'content',
					mapIncidentWith: 'alert_id',
					resolve: [{ key: 'status', contains: ['resolved'] }],
				},
			],
		},
	],
	workflows: [
		{ publicId: 'wf-restart-service', name: 'Restart a service', variables: ['host', 'service'] },
		{ publicId: 'wf-notify-customer', name: 'Notify a customer', variables: ['name', 'email'] },
	],
	duplicateWindowMs: 60_000,
});

/** Content types Callgoose reads; any other payload counts as empty. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]*\+json|[\w.+-]*\+xml))/i;

class CallgooseSandbox extends SandboxService {
	/** @param {Partial<CallgooseConfig>} [config] */
	constructor(config = {}) {
		super('callgoose');
		this.config = { ...defaultConfig(), ...config };
		/** @type {Array<{ id: number, service: string, filter: string, title: string, description: string, mapKey: string, mapValue: string, status: 'active' | 'resolved', from: string | null, payload: unknown, createdAt: string, resolvedAt: string | null }>} */
		this.incidents = [];
		/** @type {Array<{ id: string, workflowId: string, variables: Record<string, unknown>, createdAt: string }>} */
		this.runs = [];
		/** @type {Map<string, number>} fingerprint -> time it was processed */
		this.processed = new Map();
		this.apiSeq = 0;
	}

	resetData() {
		this.incidents = [];
		this.runs = [];
		this.processed = new Map();
		this.apiSeq = 0;
	}

	reset() {
		super.reset();
		this.resetData();
	}

	snapshot() {
		return { incidents: this.incidents, runs: this.runs, tokens: DEFAULT_TOKENS };
	}

	/** @param {import('./lib').RecordedRequest} request */
	tokenOf(request) {
		// Only the two documented ways: a Bearer header, or the `token` query parameter.
		const given = bearerToken(request) ?? request.query.token;
		return this.config.tokens.find((candidate) => candidate.token === given);
	}

	/** @param {import('./lib').RecordedRequest} request */
	payloadOf(request) {
		const type = request.headers['content-type'] ?? '';
		if (!TEXT_TYPES.test(type)) return {};
		const json = request.json;
		return json && typeof json === 'object' && !Array.isArray(json) ? /** @type {Record<string, unknown>} */ (json) : {};
	}

	/** @param {import('./lib').RecordedRequest} request */
	handle(request) {
		if (request.method !== 'POST' || (request.path !== '/v1/process' && request.path !== '/v1/request')) {
			return { status: 404, body: { message: 'Not found' } };
		}
		const token = this.tokenOf(request);
		if (!token) return { status: 401, body: { message: UNAUTHORIZED } };
		if (request.path === '/v1/request') {
			return token.kind === 'request' ? this.runWorkflow(request) : { status: 401, body: { message: WRONG_KIND.request } };
		}
		return token.kind === 'incident' ? this.process(request, token) : { status: 401, body: { message: WRONG_KIND.incident } };
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @param {Extract<ApiToken, { kind: 'incident' }>} token
	 */
	process(request, token) {
		const payload = this.payloadOf(request);
		const from = request.query.from ?? null;
		const id = `api-${++this.apiSeq}`;
		const fingerprint = `process|${token.token}|${from}|${stableJson(payload)}`;
		if (this.isDuplicate(fingerprint)) {
			return {
				status: 208,
				body: { id, triggered: { duplicate: true, created: false }, resolved: { duplicate: true, resolved: false } },
			};
		}

		const services = this.config.services.filter(
			(service) =>
				token.scope === 'global' ||
				(token.scope === 'team' && service.team === token.team) ||
				(token.scope === 'service' && service.id === token.service),
		);
		let resolved = false;
		let created = false;
		for (const service of services) {
			// Resolve first, so that an event that both resolves and triggers never resolves the
			// incident it has just created.
			for (const filter of service.filters) {
				if (!filter.resolve || !matches(filter.resolve, payload)) continue;
				const mapped = payload[filter.mapIncidentWith];
				if (mapped === undefined || mapped === null || mapped === '') continue;
				for (const incident of this.incidents) {
					if (incident.service === service.id && incident.filter === filter.name && incident.status === 'active' && String(mapped).includes(incident.mapValue)) {
						incident.status = 'resolved';
						incident.resolvedAt = new Date().toISOString();
						resolved = true;
					}
				}
			}
			const filter = service.filters.find((candidate) => matches(candidate.trigger, payload));
			if (filter) {
				this.incidents.push(this.newIncident(service, filter, payload, from));
				created = true;
			}
		}
		if (created || resolved) this.processed.set(fingerprint, Date.now());
		const body = { id, triggered: { duplicate: false, created }, resolved: { duplicate: false, resolved } };
		return { status: created ? 201 : resolved ? 200 : 202, body };
	}

	/**
	 * @param {CallgooseServiceConfig} service
	 * @param {ApiFilter} filter
	 * @param {Record<string, unknown>} payload
	 * @param {string | null} from
	 */
	newIncident(service, filter, payload, from) {
		const title = payload[filter.titleKey];
		const description = payload[filter.descriptionKey];
		return {
			id: this.incidents.length + 1,
			service: service.id,
			filter: filter.name,
			title: from ? (title !== undefined ? `${from} - ${title}` : `Incident from ${from}`) : String(title ?? 'Incident'),
			description: description !== undefined ? String(description) : JSON.stringify(payload),
			mapKey: filter.mapIncidentWith,
			mapValue: String(payload[filter.mapIncidentWith] ?? ''),
			status: /** @type {'active'} */ ('active'),
			from,
			payload,
			createdAt: new Date().toISOString(),
			resolvedAt: null,
		};
	}

	/** @param {import('./lib').RecordedRequest} request */
	runWorkflow(request) {
		const payload = this.payloadOf(request);
		const id = `api-${++this.apiSeq}`;
		const fingerprint = `request|${stableJson(payload)}`;
		if (this.isDuplicate(fingerprint)) return { status: 208, body: { id, created: false } };
		const workflow = this.config.workflows.find((candidate) => candidate.publicId === payload.workflowId);
		if (!workflow) return { status: 202, body: { id, created: false } };
		const { workflowId, ...variables } = payload;
		this.runs.push({ id, workflowId: String(workflowId), variables, createdAt: new Date().toISOString() });
		this.processed.set(fingerprint, Date.now());
		return { status: 201, body: { id, created: true } };
	}

	/** @param {string} fingerprint */
	isDuplicate(fingerprint) {
		const at = this.processed.get(fingerprint);
		return at !== undefined && Date.now() - at < this.config.duplicateWindowMs;
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 */
	control(method, path) {
		if (method === 'GET' && path === '/incidents') return { status: 200, body: this.incidents };
		if (method === 'GET' && path === '/runs') return { status: 200, body: this.runs };
		return undefined;
	}
}

/**
 * Every condition holds: the payload has the key and its value contains each item.
 * @param {Condition[]} conditions
 * @param {Record<string, unknown>} payload
 */
function matches(conditions, payload) {
	return conditions.every(({ key, contains }) => {
		const value = payload[key];
		if (value === undefined || value === null) return false;
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		return contains.every((item) => text.includes(item));
	});
}

/** JSON with sorted keys, so that the same payload always has the same fingerprint. */
function stableJson(/** @type {unknown} */ value) {
	return JSON.stringify(value, (_key, entry) =>
		entry && typeof entry === 'object' && !Array.isArray(entry)
			? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))
			: entry,
	);
}

module.exports = { CallgooseSandbox, DEFAULT_TOKENS };
