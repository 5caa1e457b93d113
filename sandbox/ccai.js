// @ts-check
'use strict';

/**
 * A stand-in for Google CCAI Platform (formerly UJET), from its call API page and the facts in
 * shared/api/NOTES.md. Below its prefix it serves what https://{subdomain}.{domain} serves:
 *   POST  /apps/api/v1/calls                      outbound, inbound and scheduled calls
 *   GET   /apps/api/v1/calls/:id/customer_flag
 *   PATCH /apps/api/v1/calls/:id/customer_flag
 *   GET   /manager/api/v1/calls                   the Manager API's call list: filters, sorting, paging
 *   GET   /manager/api/v1/calls/:id               one call (see ccai-manager.js)
 *   GET   /manager/api/v1/agents, /teams, /user_statuses, /menus…, POST /apps/api/v1/agent_statuses:
 *         agents, their statuses and teams, and the queues (menus) (see ccai-agents.js)
 * - HTTP Basic auth: username = the subdomain and password = an API credential token, or (older
 *   tenants) username = company key and password = company secret;
 * - the documented validations, with the exact messages of the API page, in the order checked;
 * - ticket_id wins over end_user_number: the ticket's contact is dialled, and the number is not
 *   even looked at;
 * - 200 and 202 answers (echoing the request) when the agent must act in the adapter first;
 * - unique call ids, a stored customer flag per call;
 * - calls that move through their statuses after they are created (assigned → connecting →
 *   connected → finished for an outbound call), one step every `progressStepMs` (off unless
 *   configured: the tests and the demo choose), or on command (the control routes below);
 * - 10 requests per second per account (a token bucket: 10 at once, refilled at 10 per second),
 *   answering 429 with Retry-After; `rateLimited` counts those answers.
 */

const directory = require('./ccai-agents');
const manager = require('./ccai-manager');
const { SandboxService, basicCredentials, sendJson } = require('./lib');

/** The demo's and the tests' account. */
const DEFAULT_CREDENTIALS = {
	subdomain: 'acme',
	apiToken: 'ccai-api-7c4e1f9a2b6d4c8e0f3a5b7d9e1c2a4f',
	companyKey: 'ACME-COMPANY-KEY-0042',
	companySecret: 'ccai-secret-3b8f2d6a9c1e4f7a0b5c8d2e6f9a1c3e',
};

/**
 * @typedef {{ id: number, email: string, name: string, available: boolean, canCall: boolean, outboundNumbers?: string[] }} Agent
 *   outboundNumbers: the numbers of the agent's queues; several and none given = the agent must choose (202)
 * @typedef {{ id: number, name: string, type: 'ivr' | 'mobile' | 'web', state: 'open' | 'afterHours' | 'manualRedirection' }} Menu
 * @typedef {{ ticketId: string, contactId: string, endUserId: number, number: string, agentMustDial?: boolean }} Ticket
 *   agentMustDial: the contact has no number the API may dial; the agent dials from the ticket (202)
 * @typedef {{ number: string, lines: number }} OutboundNumber  lines > 1: the agent must choose a line (200)
 * @typedef {object} CcaiConfig
 * @property {Array<{ username: string, password: string }>} logins
 * @property {Agent[]} agents
 * @property {Menu[]} menus
 * @property {Ticket[]} tickets
 * @property {OutboundNumber[]} outboundNumbers
 * @property {string} defaultOutboundNumber
 * @property {string[]} availableLanguages
 * @property {string[]} knownLanguages
 * @property {{ limit: number, intervalMs: number } | null} rateLimit
 * @property {number | null} progressStepMs  how long a call stays in each status of its plan; null: it moves on command only
 */

/** @type {() => CcaiConfig} */
const defaultConfig = () => ({
	logins: [
		{ username: DEFAULT_CREDENTIALS.subdomain, password: DEFAULT_CREDENTIALS.apiToken },
		{ username: DEFAULT_CREDENTIALS.companyKey, password: DEFAULT_CREDENTIALS.companySecret },
	],
	agents: [
		{ id: 1, email: 'admin@acme.example', name: 'Admin UJET', available: true, canCall: true },
		{ id: 2, email: 'alex.agent@acme.example', name: 'Alex Agent', available: true, canCall: true },
		{ id: 3, email: 'busy.agent@acme.example', name: 'Busy Agent', available: false, canCall: true },
		{ id: 4, email: 'no.access@acme.example', name: 'Viewer Only', available: true, canCall: false },
		{
			id: 5,
			email: 'multi.line@acme.example',
			name: 'Multi Line',
			available: true,
			canCall: true,
			outboundNumbers: ['+13392195276', '+17604108538'],
		},
	],
	menus: [
		{ id: 9, name: 'Lock Star', type: 'ivr', state: 'open' },
		{ id: 12, name: 'App support', type: 'mobile', state: 'open' },
		{ id: 20, name: 'App support (night)', type: 'mobile', state: 'afterHours' },
		{ id: 21, name: 'App escalations', type: 'mobile', state: 'manualRedirection' },
		{ id: 50, name: 'Web support', type: 'web', state: 'open' },
	],
	tickets: [
		{ ticketId: '71450', contactId: '381630957514', endUserId: 67, number: '+18596579625' },
		{ ticketId: '76517', contactId: '389391400633', endUserId: 75, number: '+821068612345' },
		{ ticketId: '80001', contactId: '390000000001', endUserId: 81, number: '', agentMustDial: true },
	],
	outboundNumbers: [
		{ number: '+13392195276', lines: 1 },
		{ number: '+17604108538', lines: 1 },
		{ number: '+17608675309', lines: 3 },
	],
	defaultOutboundNumber: '+13392195276',
	availableLanguages: ['en', 'es', 'fr-CA'],
	// Codes are case-sensitive, as CCAI Platform documents: fr-CA, not fr-ca.
	knownLanguages: ['en', 'es', 'fr', 'fr-CA', 'de', 'it', 'pt', 'ja', 'ko', 'zh', 'nl'],
	rateLimit: { limit: 10, intervalMs: 1000 },
	progressStepMs: null,
});

const CALL_TYPES = {
	'Voice Outbound (API)': 'outbound',
	OutboundCall: 'outbound',
	'Voice Inbound (API)': 'inbound',
	IncomingCall: 'inbound',
	'Voice Scheduled (API)': 'scheduled',
	ScheduledCall: 'scheduled',
};
const CALL_TYPE_NAMES = { outbound: 'Voice Outbound (API)', inbound: 'Voice Inbound (API)', scheduled: 'Voice Scheduled (API)' };
const MENU_TYPES = { ivr: 'ivr_menu', mobile: 'mobile_menu', web: 'web_menu' };
const FLAG_KEYS = /** @type {const} */ (['verified_customer', 'bad_actor', 'repeat_customer']);
const FIRST_CALL_ID = 1000;

/**
 * @typedef {{ verified_customer: boolean, bad_actor: boolean, repeat_customer: boolean }} Flags
 * @typedef {{ id: number, call: Record<string, any>, dialedNumber: string | null, menuId: number | null, flags: Flags, request: unknown, plan: string[], changedAt: number }} StoredCall
 *   plan: the statuses still ahead of the call; changedAt: when its status last changed (ms)
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Answer
 */

class CcaiSandbox extends SandboxService {
	/** @param {Partial<CcaiConfig>} [config] */
	constructor(config = {}) {
		super('ccai');
		this.config = { ...defaultConfig(), ...config };
		/** 'boolean' answers flags as JSON booleans; 'string' as "true"/"false", like the API page's example. */
		this.flagFormat = /** @type {'boolean' | 'string'} */ ('boolean');
		/**
		 * Which spelling of the repeat-customer flag PATCH reads; any other key is ignored, as unknown
		 * keys are. 'either' reads repeat_customer, else repeat_customers. The API page spells it
		 * both ways, and the real service cannot be asked from here, so tests try each.
		 */
		this.flagSpelling = /** @type {'either' | 'singular' | 'plural'} */ ('either');
		/** @type {StoredCall[]} the seed calls, then every call created */
		this.calls = seedCalls(this.config);
		/** The agents of the config, with their status and team (ccai-agents.js). */
		this.agents = directory.seedAgents(this.config.agents, this.now());
		this.nextCallId = FIRST_CALL_ID;
		/** @type {Map<string, { tokens: number, at: number }>} the rate limit's token bucket, per account */
		this.buckets = new Map();
		/** How many requests were answered 429 by the rate limit. */
		this.rateLimited = 0;
		/** How long a call stays in each status of its plan (ms); null: calls move on command only. */
		this.progressStepMs = this.config.progressStepMs;
		/**
		 * Added to the service's clock (`now`) in the `Date` header of every answer: a front end whose
		 * clock is not the one that stamps the calls. 0: the header tells the service's own time.
		 */
		this.dateSkewMs = 0;
	}

	resetData() {
		this.calls = seedCalls(this.config);
		this.agents = directory.seedAgents(this.config.agents, this.now());
		this.nextCallId = FIRST_CALL_ID;
		this.buckets = new Map();
		this.rateLimited = 0;
		this.flagFormat = 'boolean';
		this.flagSpelling = 'either';
		this.progressStepMs = this.config.progressStepMs;
		this.dateSkewMs = 0;
	}

	reset() {
		super.reset();
		this.resetData();
	}

	/** Calls created through the API (not the seed calls). */
	get createdCalls() {
		return this.calls.filter((stored) => stored.id >= FIRST_CALL_ID);
	}

	/** Moves every call on to where time has taken it (see ccai-manager.js `progress`). */
	progress() {
		manager.progress(this.calls, this.now(), this.progressStepMs);
	}

	snapshot() {
		this.progress();
		return {
			credentials: DEFAULT_CREDENTIALS,
			calls: this.calls.map(({ id, call, dialedNumber, flags }) => ({ id, call_type: call.call_type, status: call.status, updated_at: call.updated_at, dialedNumber, flags })),
			progressStepMs: this.progressStepMs,
			rateLimited: this.rateLimited,
		};
	}

	/**
	 * The rate limit counts a request when it arrives, as a service does: before any latency or
	 * fault the tests inject. Every answer's `Date` is the service's clock (plus `dateSkewMs`).
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 * @param {import('./lib').RecordedRequest} request
	 */
	async answer(req, res, request) {
		// The service's clock, which stamps the calls, in every answer (Node's own Date is the host's).
		res.setHeader('Date', new Date(this.now() + this.dateSkewMs).toUTCString());
		// Every value of a parameter that repeats (id[]=1&id[]=2); `query` keeps the last one only.
		const all = /** @type {Record<string, string[]>} */ ({});
		for (const [key, value] of new URL(req.url ?? '/', 'http://sandbox').searchParams) (all[key] ??= []).push(value);
		/** @type {any} */ (request).queryAll = all;
		const limited = this.rateLimit(basicCredentials(request)?.username ?? 'anonymous');
		if (!limited) return await super.answer(req, res, request);
		request.status = limited.status;
		request.response = limited.body;
		sendJson(res, limited.status, limited.body, limited.headers);
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @returns {Answer}
	 */
	handle(request) {
		// Whatever a client reads, the calls are where time has taken them.
		this.progress();
		const login = basicCredentials(request);
		const route = this.route(request);
		if (!route) return { status: 404, body: { message: 'Resource not found' } };
		const known = login && this.config.logins.some((candidate) => candidate.username === login.username && candidate.password === login.password);
		if (!known) {
			return route.manager
				? { status: 401, body: { error: 'Unauthorized', message: 'Invalid credentials', status: 401 } }
				: { status: 401, body: { message: 'Unauthorized' } };
		}
		return route.answer();
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @returns {{ manager?: boolean, answer: () => Answer } | undefined}
	 */
	route(request) {
		const { method, path } = request;
		if (path === '/apps/api/v1/calls' && method === 'POST') return { answer: () => this.createCall(request) };
		const flag = /^\/apps\/api\/v1\/calls\/([^/]+)\/customer_flag$/.exec(path);
		if (flag && (method === 'GET' || method === 'PATCH')) {
			return { answer: () => (method === 'GET' ? this.getFlags(flag[1]) : this.patchFlags(flag[1], request.json)) };
		}
		if (path === '/manager/api/v1/calls' && method === 'GET') {
			const self = `http://${request.headers.host ?? '127.0.0.1'}/${this.name}${path}`;
			return { manager: true, answer: () => manager.listCalls(this.calls, request.query, self) };
		}
		const one = /^\/manager\/api\/v1\/calls\/([^/]+)$/.exec(path);
		if (one && method === 'GET') return { manager: true, answer: () => manager.getCall(this.calls, one[1]) };
		return this.directoryRoute(request);
	}

	/**
	 * Agents, teams, agent statuses and queues (ccai-agents.js).
	 * @param {import('./lib').RecordedRequest} request
	 * @returns {{ manager?: boolean, answer: () => Answer } | undefined}
	 */
	directoryRoute(request) {
		const { method, path, query } = request;
		const self = `http://${request.headers.host ?? '127.0.0.1'}/${this.name}${path}`;
		const queryAll = /** @type {any} */ (request).queryAll ?? {};
		if (path === '/apps/api/v1/agent_statuses' && method === 'POST') return { answer: () => directory.setStatuses(this.agents, request.json, this.now()) };
		if (method !== 'GET') return undefined;
		if (path === '/manager/api/v1/agents') return { manager: true, answer: () => directory.listAgents(this.agents, this.config.menus, query, queryAll, self) };
		const paged = (/** @type {Array<Record<string, any>>} */ records) => () => {
			const paging = manager.pageParameters(query);
			return 'error' in paging ? paging.error : manager.pageOf(records, query, self, paging.page, paging.per);
		};
		if (path === '/manager/api/v1/teams') {
			const teams = directory.TEAMS.map((team) => ({ ...team, agents_count: this.agents.filter((agent) => agent.teamIds.includes(team.id)).length }));
			return { manager: true, answer: paged(teams) };
		}
		if (path === '/manager/api/v1/user_statuses') return { manager: true, answer: paged(directory.STATUSES.map(directory.statusObject)) };
		const menu = /^\/manager\/api\/v1\/menus?((?:\/[^/]+)?)$/.exec(path);
		if (menu) {
			const state = { menus: this.config.menus, agents: this.agents, calls: this.calls, nowMs: this.now() };
			return { manager: true, answer: () => directory.menus(menu[1], state, query, self) };
		}
		return undefined;
	}

	/**
	 * A token bucket per account: `limit` requests at once, refilled continuously at `limit` per
	 * `intervalMs`. A request that finds no token is answered 429 with the seconds until one.
	 * @param {string} account
	 * @returns {Answer | undefined}
	 */
	rateLimit(account) {
		const rule = this.config.rateLimit;
		if (!rule) return undefined;
		const now = this.now();
		const perMs = rule.limit / rule.intervalMs;
		const bucket = this.buckets.get(account) ?? { tokens: rule.limit, at: now };
		bucket.tokens = Math.min(rule.limit, bucket.tokens + (now - bucket.at) * perMs);
		bucket.at = now;
		this.buckets.set(account, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return undefined;
		}
		this.rateLimited++;
		const waitSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
		return {
			status: 429,
			headers: { 'Retry-After': String(waitSeconds) },
			body: { message: `Rate limit exceeded: ${rule.limit} requests per ${rule.intervalMs / 1000} second(s)` },
		};
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @returns {Answer}
	 */
	createCall(request) {
		const body = request.json && typeof request.json === 'object' && !Array.isArray(request.json) ? /** @type {Record<string, any>} */ (request.json) : {};
		const kind = CALL_TYPES[/** @type {keyof typeof CALL_TYPES} */ (body.call_type)];
		if (typeof body.call_type !== 'string' || !kind) return invalid('Invalid call type');
		if (kind === 'outbound') return this.outbound(body);
		if (kind === 'inbound') return this.inbound(body);
		return this.scheduled(body);
	}

	/**
	 * @param {Record<string, any>} body
	 * @returns {Answer}
	 */
	outbound(body) {
		if (isBlank(body.agent_email)) return invalid('Agent email required');
		// Whether the agent may take the call follows their status (Available), which the API can set.
		const agent = this.agents.find((candidate) => candidate.email.toLowerCase() === String(body.agent_email).trim().toLowerCase());
		if (!agent) return invalid('Not a valid agent email');
		if (!agent.canCall) return invalid('Agent does not have access to make calls');
		if (isBlank(body.ticket_id) && isBlank(body.end_user_number)) return invalid('ticket_id or end_user_number required');
		const target = this.target(body, 'end_user_number is not well-formed');
		if ('error' in target) return target.error;
		const language = this.language(body.lang);
		if (typeof language !== 'string') return language;
		if (!agent.available) return invalid('Agent is not available to take this call');

		if (target.ticket?.agentMustDial) return accepted(202, body);
		const given = isBlank(body.outbound_number) ? undefined : wellFormedNumber(String(body.outbound_number));
		const configured = given ? this.config.outboundNumbers.find((candidate) => candidate.number === given) : undefined;
		if (configured && configured.lines > 1) return accepted(200, body);
		if (!configured && (agent.outboundNumbers?.length ?? 0) > 1) return accepted(202, body);
		const outboundNumber = configured?.number ?? agent.outboundNumbers?.[0] ?? this.config.defaultOutboundNumber;

		return this.created({
			kind: 'outbound',
			body,
			language,
			agent,
			menu: null,
			target,
			outboundNumber,
			status: 'assigned',
		});
	}

	/**
	 * @param {Record<string, any>} body
	 * @returns {Answer}
	 */
	inbound(body) {
		const menu = this.menu(body.menu_id, ['ivr', 'mobile'], 'Only IVR and mobile menu IDs are permitted');
		if ('error' in menu) return menu.error;
		if (isBlank(body.ticket_id) && isBlank(body.end_user_number)) return invalid('end_user_number is required');
		const target = this.target(body, 'end_user_number is not well formed');
		if ('error' in target) return target.error;
		const language = this.language(body.lang);
		if (typeof language !== 'string') return language;
		const given = isBlank(body.outbound_number) ? undefined : wellFormedNumber(String(body.outbound_number));
		// "The default global outbound phone number will be used if input is not passed in or invalid."
		const outboundNumber = this.config.outboundNumbers.find((candidate) => candidate.number === given)?.number ?? this.config.defaultOutboundNumber;
		return this.created({ kind: 'inbound', body, language, agent: null, menu: menu.menu, target, outboundNumber, status: 'queued' });
	}

	/**
	 * @param {Record<string, any>} body
	 * @returns {Answer}
	 */
	scheduled(body) {
		/** @type {StoredCall | undefined} */
		let parent;
		if (body.call_id !== undefined && body.call_id !== null) {
			if (!isInteger(body.call_id)) return invalid('call_id is not well formed');
			parent = this.calls.find((stored) => stored.id === Number(body.call_id));
			if (!parent) return invalid(`call_id ${body.call_id} is not found`);
		}
		const menuId = body.menu_id ?? parent?.menuId ?? undefined;
		const menu = this.menu(menuId, ['mobile', 'web'], 'Only mobile and web menu IDs are permitted');
		if ('error' in menu) return menu.error;
		if (isBlank(body.ticket_id) && isBlank(body.end_user_number)) return invalid('end_user_number is required');
		const target = this.target(body, 'end_user_number is not well formed');
		if ('error' in target) return target.error;
		if (isBlank(body.scheduled_at)) return invalid('scheduled_at is required');
		const at = typeof body.scheduled_at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(body.scheduled_at) ? Date.parse(body.scheduled_at) : NaN;
		if (Number.isNaN(at)) return invalid('scheduled_at is not well formed');
		if (at <= Date.now()) return invalid('scheduled_at must be a future time');
		const language = this.language(body.lang);
		if (typeof language !== 'string') return language;
		return this.created({
			kind: 'scheduled',
			body,
			language,
			agent: null,
			menu: menu.menu,
			target,
			outboundNumber: this.config.defaultOutboundNumber,
			status: 'scheduled',
			scheduledAt: new Date(at).toISOString(),
			parentId: parent?.id ?? null,
		});
	}

	/**
	 * The menu checks, in the order of the API page: required, well formed, found, kind, state.
	 * @param {unknown} value
	 * @param {Array<Menu['type']>} kinds
	 * @param {string} wrongKind
	 * @returns {{ menu: Menu } | { error: Answer }}
	 */
	menu(value, kinds, wrongKind) {
		if (value === undefined || value === null || value === '') return { error: invalid('menu_id is required') };
		if (!isInteger(value)) return { error: invalid('menu_id is not well formed') };
		const menu = this.config.menus.find((candidate) => candidate.id === Number(value));
		if (!menu) return { error: invalid(`menu_id ${value} is not found`) };
		if (!kinds.includes(menu.type)) return { error: invalid(wrongKind) };
		if (menu.state === 'afterHours') return { error: invalid("Menu is in 'after hours' state, can't accept incoming calls") };
		if (menu.state === 'manualRedirection') return { error: invalid("Menu is in 'manual redirection' state, can't accept calls") };
		return { menu };
	}

	/**
	 * Whom to dial. A ticket wins over a number: its contact is dialled, and the number is ignored.
	 * @param {Record<string, any>} body
	 * @param {string} malformed  the message of the call type (the page spells it two ways)
	 * @returns {{ ticket: Ticket | null, number: string | null } | { error: Answer }}
	 */
	target(body, malformed) {
		if (!isBlank(body.ticket_id)) {
			const ticket = this.config.tickets.find((candidate) => candidate.ticketId === String(body.ticket_id).trim());
			if (!ticket) return { error: invalid('Contact not found') };
			return { ticket, number: ticket.number || null };
		}
		const number = wellFormedNumber(String(body.end_user_number));
		if (!number) return { error: invalid(malformed) };
		return { ticket: null, number };
	}

	/**
	 * @param {unknown} lang
	 * @returns {string | Answer}
	 */
	language(lang) {
		if (lang === undefined || lang === null || lang === '') return 'en';
		const code = String(lang);
		if (this.config.availableLanguages.includes(code)) return code;
		if (this.config.knownLanguages.includes(code)) return invalid(`Language '${code}' is not available`);
		return invalid(`Language '${code}' is not found`);
	}

	/**
	 * @param {{ kind: 'outbound' | 'inbound' | 'scheduled', body: Record<string, any>, language: string, agent: Agent | null, menu: Menu | null, target: { ticket: Ticket | null, number: string | null }, outboundNumber: string, status: string, scheduledAt?: string, parentId?: number | null }} spec
	 * @returns {Answer}
	 */
	created(spec) {
		const id = this.nextCallId++;
		const nowMs = this.now();
		const now = new Date(nowMs).toISOString();
		const call = callObject({
			id,
			parentId: spec.parentId ?? null,
			lang: spec.language,
			callType: CALL_TYPE_NAMES[spec.kind],
			status: spec.status,
			createdAt: now,
			scheduledAt: spec.scheduledAt ?? null,
			ticket: spec.target.ticket,
			agent: spec.agent,
			menu: spec.menu,
			recordingPermission: recordingPermission(spec.body.recording_permission),
			outboundNumber: spec.outboundNumber,
		});
		this.calls.push({
			id,
			call,
			dialedNumber: spec.target.number,
			menuId: spec.menu?.id ?? null,
			flags: { verified_customer: false, bad_actor: false, repeat_customer: false },
			request: spec.body,
			plan: manager.PLANS[spec.kind].slice(manager.PLANS[spec.kind].indexOf(spec.status) + 1),
			changedAt: nowMs,
		});
		return { status: 201, body: call };
	}

	/**
	 * Adds `count` outbound calls directly, as if they had been placed over time: the first created
	 * at `from`, the next ones `spacingMs` apart (0: all in the same millisecond), each put in
	 * `status` at its creation time. For tests that need many calls, or calls in the past.
	 * @param {{ count: number, from: number, spacingMs?: number, status?: string }} spec
	 * @returns {StoredCall[]}
	 */
	addCalls({ count, from, spacingMs = 1000, status = 'assigned' }) {
		const agent = this.config.agents[0];
		const added = [];
		for (let index = 0; index < count; index++) {
			const at = from + index * spacingMs;
			const id = this.nextCallId++;
			const call = callObject({
				id,
				parentId: null,
				lang: 'en',
				callType: CALL_TYPE_NAMES.outbound,
				status: 'assigned',
				createdAt: new Date(at).toISOString(),
				scheduledAt: null,
				ticket: null,
				agent,
				menu: null,
				recordingPermission: 'not_asked',
				outboundNumber: this.config.defaultOutboundNumber,
			});
			const plan = manager.PLANS.outbound.slice(1);
			if (status !== 'assigned') {
				manager.setStatus(call, status, at);
				plan.splice(0, plan.indexOf(status) + 1 || plan.length);
			}
			/** @type {StoredCall} */
			const stored = { id, call, dialedNumber: '+18596579625', menuId: null, flags: { verified_customer: false, bad_actor: false, repeat_customer: false }, request: null, plan, changedAt: at };
			this.calls.push(stored);
			added.push(stored);
		}
		return added;
	}

	/** @param {string} rawId */
	findCall(rawId) {
		if (!/^\d+$/.test(rawId)) return undefined;
		return this.calls.find((stored) => stored.id === Number(rawId));
	}

	/** @param {Flags} flags */
	formatFlags(flags) {
		if (this.flagFormat === 'boolean') return { ...flags };
		return Object.fromEntries(FLAG_KEYS.map((key) => [key, String(flags[key])]));
	}

	/**
	 * @param {string} rawId
	 * @returns {Answer}
	 */
	getFlags(rawId) {
		const stored = this.findCall(rawId);
		if (!stored) return { status: 404, body: { message: 'Resource not found' } };
		return { status: 200, body: this.formatFlags(stored.flags) };
	}

	/**
	 * Sets the flags the body names. The repeat-customer flag is read under the spelling(s) of
	 * `flagSpelling`: `repeat_customer` (GET's key) and/or `repeat_customers` (the PATCH example).
	 * @param {string} rawId
	 * @param {unknown} json
	 * @returns {Answer}
	 */
	patchFlags(rawId, json) {
		const stored = this.findCall(rawId);
		if (!stored) return { status: 404, body: { message: 'Resource not found' } };
		const body = json && typeof json === 'object' && !Array.isArray(json) ? /** @type {Record<string, unknown>} */ (json) : {};
		/** @type {Partial<Flags>} */
		const changes = {};
		for (const key of FLAG_KEYS) {
			const value = key === 'repeat_customer' ? this.repeatCustomerOf(body) : body[key];
			if (value === undefined) continue;
			if (value === true || value === 'true') changes[key] = true;
			else if (value === false || value === 'false') changes[key] = false;
			else return invalid(`${key} must be a boolean`);
		}
		if (Object.keys(changes).length === 0) return invalid('verified_customer, bad_actor or repeat_customer required');
		Object.assign(stored.flags, changes);
		return { status: 200, body: this.formatFlags(stored.flags) };
	}

	/**
	 * @param {Record<string, unknown>} body
	 * @returns {unknown}
	 */
	repeatCustomerOf(body) {
		if (this.flagSpelling === 'singular') return body.repeat_customer;
		if (this.flagSpelling === 'plural') return body.repeat_customers;
		return 'repeat_customer' in body ? body.repeat_customer : body.repeat_customers;
	}

	/**
	 * Control routes, under /_sandbox/ccai:
	 *   GET   /calls                 every stored call, with the statuses ahead of it (`plan`)
	 *   PUT   /progression           { "stepMs": 5000 } (or null): how long a call stays in each status
	 *   POST  /calls/:id/advance     the next status of the call's plan, now
	 *   POST  /calls/:id/status      { "status": "failed", "fail_reason"?: "eu_abandoned" }: any status, now
	 *   PATCH /calls/:id             { "recording_url": "…" }: a change that is not a status change
	 *   PUT   /flag-format           { "format": "boolean" | "string" }
	 * @param {string} method
	 * @param {string} path
	 * @param {any} json
	 */
	control(method, path, json) {
		this.progress();
		if (method === 'GET' && path === '/calls') return { status: 200, body: this.calls };
		if (method === 'PUT' && path === '/progression') {
			const step = json?.stepMs;
			if (step !== null && !(Number.isInteger(step) && step > 0)) return { status: 400, body: { message: 'stepMs must be a whole number of milliseconds above 0, or null' } };
			// Calls count their current status from now, so that a new pace does not jump them on.
			for (const stored of this.calls) stored.changedAt = Math.max(stored.changedAt, this.now());
			this.progressStepMs = step;
			return { status: 200, body: { stepMs: this.progressStepMs } };
		}
		const call = /^\/calls\/(\d+)(?:\/(advance|status))?$/.exec(path);
		const stored = call ? this.findCall(call[1]) : undefined;
		if (call && !stored) return { status: 404, body: { message: `no call ${call[1]}` } };
		if (call && stored && method === 'POST' && call[2] === 'advance') {
			if (!manager.advance(stored, this.now())) return { status: 409, body: { message: `call ${stored.id} is ${stored.call.status}, at the end of its plan` } };
			return { status: 200, body: stored.call };
		}
		if (call && stored && method === 'POST' && call[2] === 'status') {
			const problem = manager.forceStatus(stored, String(json?.status), this.now(), { failReason: json?.fail_reason });
			return problem ? { status: 400, body: { message: problem } } : { status: 200, body: stored.call };
		}
		if (call && stored && method === 'PATCH' && call[2] === undefined) {
			manager.touch(stored, json && typeof json === 'object' ? json : {}, this.now());
			return { status: 200, body: stored.call };
		}
		if (method === 'PUT' && path === '/flag-format' && (json?.format === 'boolean' || json?.format === 'string')) {
			this.flagFormat = json.format;
			return { status: 200, body: { format: this.flagFormat } };
		}
		return undefined;
	}
}

/** @param {string} message */
function invalid(message) {
	return { status: 400, body: { message } };
}

/**
 * The agent must act in the adapter before the call is placed: the request is echoed back.
 * @param {200 | 202} status
 * @param {Record<string, any>} body
 */
function accepted(status, body) {
	return { status, body: { ...body } };
}

/** @param {unknown} value */
function isBlank(value) {
	return value === undefined || value === null || String(value).trim() === '';
}

/** @param {unknown} value */
function isInteger(value) {
	return (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) || (typeof value === 'string' && /^[1-9]\d*$/.test(value));
}

/** @param {unknown} value */
function recordingPermission(value) {
	if (value === 'recording_permission_granted') return 'granted';
	if (value === 'recording_permission_denied') return 'denied';
	return 'not_asked';
}

/**
 * What CCAI Platform would accept as a phone number, in E.164, or undefined. Stricter than the
 * node's own check where real numbering plans are stricter, so that the service's own
 * "not well-formed" answers can be shown: +1 (North America) must have 10 digits with area and
 * exchange codes starting 2-9, +44 10 digits, +82 9 or 10, +33 9; other countries 4 to 13.
 * @param {string} input
 */
function wellFormedNumber(input) {
	const text = input.replace(/[\s\-.()/]/g, '');
	if (!/^\+[1-9]\d{6,14}$/.test(text)) return undefined;
	const digits = text.slice(1);
	/** @type {Array<[string, (national: string) => boolean]>} */
	const plans = [
		['1', (national) => /^[2-9]\d{2}[2-9]\d{6}$/.test(national)],
		['44', (national) => national.length === 10],
		['82', (national) => national.length === 9 || national.length === 10],
		['33', (national) => national.length === 9],
	];
	const plan = plans.find(([code]) => digits.startsWith(code));
	const national = plan ? digits.slice(plan[0].length) : digits.slice(2);
	const ok = plan ? plan[1](national) : national.length >= 4 && national.length <= 13;
	return ok ? text : undefined;
}

/**
 * A call object shaped like the API page's examples.
 * @param {{ id: number, parentId: number | null, lang: string, callType: string, status: string, createdAt: string, scheduledAt: string | null, ticket: Ticket | null, agent: Agent | null, menu: Menu | null, recordingPermission: string, outboundNumber: string }} spec
 */
function callObject(spec) {
	const participants = [];
	let participantId = spec.id * 10;
	if (spec.agent) {
		participants.push(participant(++participantId, 'agent', spec.id, spec.agent.id, null));
	}
	participants.push(participant(++participantId, 'end_user', spec.id, null, spec.ticket?.endUserId ?? null));
	return {
		id: spec.id,
		parent_id: spec.parentId,
		lang: spec.lang,
		call_type: spec.callType,
		status: spec.status,
		created_at: spec.createdAt,
		queued_at: spec.status === 'queued' ? spec.createdAt : null,
		assigned_at: spec.status === 'assigned' ? spec.createdAt : null,
		connected_at: null,
		ends_at: null,
		scheduled_at: spec.scheduledAt,
		wait_duration: 0,
		call_duration: 0,
		hold_duration: 0,
		rating: null,
		has_feedback: false,
		voip_provider: 'voip_provider_twilio',
		out_ticket_id: spec.ticket?.ticketId ?? null,
		out_ticket_url: null,
		verified: false,
		recording_url: null,
		recording_permission: spec.recordingPermission,
		voicemail_reason: 'not_voicemail',
		deflection: 'no_deflection',
		disconnected_by: 'disconnected_by_unknown',
		fail_reason: 'nothing',
		fail_details: null,
		support_number: null,
		selected_menu: spec.menu
			? {
					id: spec.menu.id,
					name: spec.menu.name,
					parent_id: null,
					position: 0,
					deleted: false,
					menu_type: MENU_TYPES[spec.menu.type],
					output_msg: `You selected ${spec.menu.name}.`,
					hidden: false,
				}
			: null,
		menu_path: spec.menu ? { items_count: 1, name: spec.menu.name, materialized_path: String(spec.menu.id) } : null,
		agent_info: spec.agent
			? {
					id: spec.agent.id,
					agent_number: null,
					name: spec.agent.name,
					last_name: spec.agent.name.split(' ').slice(1).join(' '),
					first_name: spec.agent.name.split(' ')[0],
					avatar_url: 'https://acme.example/default-profile.png',
				}
			: null,
		end_user: spec.ticket ? { id: spec.ticket.endUserId, identifier: null, out_contact_id: spec.ticket.contactId } : null,
		photos: [],
		videos: [],
		transfers: [],
		deflection_details: [],
		participants,
		offer_type: spec.menu ? 'cascade' : null,
		offer_events: spec.menu ? [{ casting_time: spec.createdAt, group: 'Group 1' }] : [],
		answer_type: 'manual',
		outbound_number: spec.outboundNumber,
		updated_at: spec.createdAt,
	};
}

/**
 * @param {number} id
 * @param {'agent' | 'end_user'} type
 * @param {number} callId
 * @param {number | null} userId
 * @param {number | null} endUserId
 */
function participant(id, type, callId, userId, endUserId) {
	return {
		id,
		type,
		status: 'waiting',
		call_id: callId,
		user_id: userId,
		end_user_id: endUserId,
		call_duration: null,
		hold_duration: null,
		connected_at: null,
		ended_at: null,
		fail_reason: 'nothing',
	};
}

/**
 * The calls of the API page's examples, so that customer flags can be read without creating a
 * call first: 397 (outbound, no menu), 398 (outbound by ticket, flags set), 515 (inbound, mobile
 * menu 12: a scheduled call may follow it up without a menu).
 * @param {CcaiConfig} config
 * @returns {StoredCall[]}
 */
function seedCalls(config) {
	const agent = config.agents[0];
	const mobile = config.menus.find((menu) => menu.id === 12) ?? null;
	const ticket = config.tickets[0];
	/** @type {Array<{ id: number, callType: string, status: string, createdAt: string, ticket: Ticket | null, agent: Agent | null, menu: Menu | null, dialed: string, flags: Flags }>} */
	const seeds = [
		{ id: 397, callType: CALL_TYPE_NAMES.outbound, status: 'finished', createdAt: '2019-06-07T01:27:30.406Z', ticket: null, agent, menu: null, dialed: '+18596579625', flags: { verified_customer: false, bad_actor: false, repeat_customer: false } },
		{ id: 398, callType: CALL_TYPE_NAMES.outbound, status: 'finished', createdAt: '2019-06-07T01:28:47.955Z', ticket, agent, menu: null, dialed: ticket.number, flags: { verified_customer: true, bad_actor: false, repeat_customer: true } },
		{ id: 515, callType: CALL_TYPE_NAMES.inbound, status: 'finished', createdAt: '2019-09-10T00:19:14.000Z', ticket: null, agent: null, menu: mobile, dialed: '+821068612345', flags: { verified_customer: false, bad_actor: false, repeat_customer: false } },
	];
	return seeds.map((seed) => {
		const call = callObject({
			id: seed.id,
			parentId: null,
			lang: 'en',
			callType: seed.callType,
			status: 'assigned',
			createdAt: seed.createdAt,
			scheduledAt: null,
			ticket: seed.ticket,
			agent: seed.agent,
			menu: seed.menu,
			recordingPermission: 'not_asked',
			outboundNumber: config.defaultOutboundNumber,
		});
		// Answered 20 s after it was created, over 3 minutes later.
		const created = Date.parse(seed.createdAt);
		manager.setStatus(call, 'connected', created + 20_000);
		manager.setStatus(call, seed.status, created + 200_000);
		return {
			id: seed.id,
			call,
			dialedNumber: seed.dialed,
			menuId: seed.menu?.id ?? null,
			flags: seed.flags,
			request: null,
			plan: [],
			changedAt: created + 200_000,
		};
	});
}

/**
 * The credential values that point n8n at this sandbox (for `npm start`, the CLI and the tests).
 * @param {string} baseUrl  the sandbox's CCAI base URL, ending in /apps/api/v1
 */
function sandboxCredentialData(baseUrl) {
	return {
		subdomain: DEFAULT_CREDENTIALS.subdomain,
		domain: 'uc1.ccaiplatform.com',
		customDomain: '',
		baseUrlOverride: baseUrl,
		username: '',
		password: DEFAULT_CREDENTIALS.apiToken,
	};
}

module.exports = { CcaiSandbox, DEFAULT_CREDENTIALS, FIRST_CALL_ID, sandboxCredentialData, wellFormedNumber };
