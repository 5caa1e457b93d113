// @ts-check
'use strict';

/**
 * A stand-in for GoSquared's APIs: the webhooks API (/account/v1/webhooks...), from its API page
 * and the facts in shared/api/NOTES.md, and the Tracking, People, Live Chat and Account-sites
 * APIs (gosquared-people.js):
 * - `api_key` and `site_token` travel as query parameters; webhooks need a key with write access
 *   to the account, for a site the key may use;
 * - errors are `{ "code": 40xx, "message": "Error 40xx: ..." }`;
 * - a rate limit of 750 units per minute per key, replenished continuously, reported in the
 *   X-RateLimit-* headers, with 429 + Retry-After when it is spent;
 * - webhooks and their triggers have numeric ids, and lists are wrapped as `{ "list": [...] }`;
 * - deliveries are unsigned JSON POSTs to the webhook's URL (see `fire`).
 *
 * GoSquared does not document which HTTP status goes with which error code. The sandbox uses:
 *   4000 missing parameter            → 400
 *   4001 key not authorised           → 401 for a key GoSquared does not know,
 *                                       403 for a known key on a site or endpoint it may not use
 *   4002 rate limited                 → 429 (with Retry-After)
 *   4003 invalid parameter            → 400 (an unknown trigger, a non-numeric id, a wrong type)
 *   4004 invalid value                → 400 (a URL that is not http(s), a bad threshold or group id),
 *                                       404 for a webhook or trigger id that does not exist
 */

const http = require('http');
const https = require('https');

const { GoSquaredData } = require('./gosquared-people');
const { SandboxService } = require('./lib');

/** The five triggers GoSquared accepts, and what their `value` is. */
const TRIGGERS = /** @type {const} */ ({
	chat_message: 'none',
	entered_smart_group: 'smartGroup',
	exited_smart_group: 'smartGroup',
	traffic_dip: 'threshold',
	traffic_spike: 'threshold',
});

/** @typedef {keyof typeof TRIGGERS} TriggerName */
/** @typedef {'json' | 'text' | 'none' | 'form'} DeliveryFormat  JSON, the same JSON as text/plain or with no Content-Type, or a form field `payload` holding it */

/** Keys and site tokens the demo and the tests start with. */
const DEFAULT_KEYS = {
	/** Account write scope, for both demo sites. */
	write: 'gs-key-write-7c1e4b9a2f6d48e3b05a9c7d1e2f3a4b',
	/** Read-only: refused on the webhooks endpoints (4001, "not authorised for this endpoint"). */
	readOnly: 'gs-key-read-3d5f7a9b1c2e4d6f8a0b2c4d6e8f0a1b',
};
const SITES = {
	main: 'GSN-123456-A',
	second: 'GSN-654321-B',
	/** A real-looking site token that no demo key may use. */
	foreign: 'GSN-999999-Z',
};

/**
 * @typedef {object} ApiKey
 * @property {string} key
 * @property {string[]} sites       site tokens the key may use
 * @property {boolean} accountWrite whether it has the account write scope webhooks need
 * @property {string[]} [scopes]   the other APIs' scopes: write_tracking (documented), read_people,
 *                                  read_chat, write_chat (the sandbox's names for them)
 * @typedef {object} GoSquaredConfig
 * @property {ApiKey[]} keys
 * @property {{ limit: number, intervalMs: number }} rateLimit  units per interval, per key
 * @property {Partial<Record<string, number>>} costs            units per request, by method
 * @property {number} deliveryTimeoutMs
 */

/** @type {() => GoSquaredConfig} */
const defaultConfig = () => ({
	keys: [
		{ key: DEFAULT_KEYS.write, sites: [SITES.main, SITES.second], accountWrite: true, scopes: ['write_tracking', 'read_people', 'read_chat', 'write_chat'] },
		{ key: DEFAULT_KEYS.readOnly, sites: [SITES.main], accountWrite: false, scopes: ['read_people', 'read_chat'] },
	],
	rateLimit: { limit: 750, intervalMs: 60_000 },
	costs: {},
	deliveryTimeoutMs: 5_000,
});

/**
 * @typedef {object} Webhook
 * @property {number} id
 * @property {string} site
 * @property {string} name
 * @property {string} url
 * @property {boolean} include_unverified
 * @property {string} created
 * @typedef {object} Trigger
 * @property {number} id
 * @property {number} webhookId
 * @property {TriggerName} trigger
 * @property {string | number | null} value
 * @property {string} created
 * @typedef {{ webhookId: number, url: string, event: TriggerName, status: number | null, error: string | null, response: string }} Delivery
 */

/** @param {number} code @param {string} text */
const gsError = (code, text) => ({ code, message: `Error ${code}: ${text}` });

/** What a webhook looks like in GoSquared's answers (the site is implied by the site token). */
const webhookView = (/** @type {Webhook} */ { site: _site, ...rest }) => rest;
const triggerView = (/** @type {Trigger} */ { webhookId: _webhookId, ...rest }) => rest;

class GoSquaredSandbox extends SandboxService {
	/** @param {Partial<GoSquaredConfig>} [config] */
	constructor(config = {}) {
		super('gosquared');
		this.config = { ...defaultConfig(), ...config };
		this.initialRateLimit = { ...this.config.rateLimit };
		/** @type {Webhook[]} */
		this.webhooks = [];
		/** @type {Trigger[]} */
		this.triggers = [];
		/** @type {Delivery[]} */
		this.deliveries = [];
		/** @type {Map<string, { units: number, at: number }>} the bucket of each key */
		this.buckets = new Map();
		this.webhookSeq = 1000;
		this.triggerSeq = 5000;
		/** People, Smart Groups, chats and what was tracked, per site. */
		this.data = new GoSquaredData();
		/**
		 * How `fire` sends a delivery. GoSquared documents neither its Content-Type nor a schema, so
		 * tests also deliver as text, without a Content-Type, or as a form with a JSON field.
		 * @type {DeliveryFormat}
		 */
		this.deliveryFormat = 'json';
		/**
		 * Whether answers carry the X-RateLimit-* headers (GoSquared documents them). Off, a 429
		 * still carries Retry-After: a client must then manage without knowing its cost or what
		 * is left.
		 */
		this.rateLimitHeaders = true;
	}

	reset() {
		super.reset();
		this.deliveryFormat = 'json';
		this.config.rateLimit = { ...this.initialRateLimit };
		this.webhooks = [];
		this.triggers = [];
		this.deliveries = [];
		this.buckets = new Map();
		this.webhookSeq = 1000;
		this.triggerSeq = 5000;
		this.data.seed();
		this.rateLimitHeaders = true;
	}

	snapshot() {
		return {
			webhooks: this.webhooks.map((webhook) => ({
				...webhook,
				triggers: this.triggersOf(webhook.id).map(triggerView),
			})),
			deliveries: this.deliveries,
			sitesData: this.data.snapshot(),
			keys: DEFAULT_KEYS,
			sites: SITES,
			rateLimit: { ...this.config.rateLimit, headers: this.rateLimitHeaders },
		};
	}

	/** @param {number} webhookId */
	triggersOf(webhookId) {
		return this.triggers.filter((trigger) => trigger.webhookId === webhookId);
	}

	/**
	 * Takes `cost` units from the key's bucket, which refills continuously up to the limit.
	 * @param {string} key
	 * @param {number} cost
	 */
	spend(key, cost) {
		const { limit, intervalMs } = this.config.rateLimit;
		const perMs = limit / intervalMs;
		const now = Date.now();
		const bucket = this.buckets.get(key) ?? { units: limit, at: now };
		bucket.units = Math.min(limit, bucket.units + (now - bucket.at) * perMs);
		bucket.at = now;
		this.buckets.set(key, bucket);
		const allowed = bucket.units >= cost;
		if (allowed) bucket.units -= cost;
		/** @type {Record<string, string>} */
		const headers = this.rateLimitHeaders
			? {
					'X-RateLimit-Cost': String(cost),
					'X-RateLimit-Limit': String(limit),
					'X-RateLimit-Remaining': String(Math.floor(bucket.units)),
					// Seconds until the bucket is full again.
					'X-RateLimit-Full': String(Math.ceil((limit - bucket.units) / perMs / 1000)),
				}
			: {};
		if (allowed) return { allowed, headers };
		const retryAfter = Math.max(1, Math.ceil((cost - bucket.units) / perMs / 1000));
		return { allowed, headers: { ...headers, 'Retry-After': String(retryAfter) } };
	}

	/** @param {import('./lib').RecordedRequest} request */
	handle(request) {
		const api = apiAt(request.path);
		if (!api) return { status: 404, body: { message: 'Not found' } };
		const apiKey = request.query.api_key;
		const site = request.query.site_token;
		if (!apiKey) return { status: 400, body: gsError(4000, 'Missing parameter: api_key') };
		// The list of sites is the account's: it takes no site token.
		if (!site && api !== 'sites') return { status: 400, body: gsError(4000, 'Missing parameter: site_token') };
		const key = this.config.keys.find((candidate) => candidate.key === apiKey);
		if (!key) return { status: 401, body: gsError(4001, 'Invalid API key') };
		// "The Tracking API is not rate limited": nothing is spent, and no X-RateLimit-* headers.
		const { allowed, headers } = api === 'tracking' ? { allowed: true, headers: {} } : this.spend(key.key, this.config.costs[request.method] ?? 1);
		if (!allowed) return { status: 429, body: gsError(4002, 'Rate limit exceeded'), headers };
		if (api !== 'sites' && !key.sites.includes(site)) {
			return { status: 403, body: gsError(4001, `Your API Key is not authorised for site ${site}`), headers };
		}
		const segments = request.path.split('/').filter(Boolean).map(decodeSegment);
		const scope = { webhooks: 'write_account', sites: 'read_account', tracking: 'write_tracking', people: 'read_people', chat: request.method === 'GET' ? 'read_chat' : 'write_chat' }[api];
		const scopes = [...(key.scopes ?? []), 'read_account', ...(key.accountWrite ? ['write_account'] : [])];
		if (!scopes.includes(scope)) {
			return { status: 403, body: gsError(4001, 'Your API Key is not authorised for this endpoint'), headers };
		}
		if (api === 'webhooks') return { ...this.route(request, site), headers };
		if (api === 'sites') return { ...(request.method === 'GET' && segments.length === 3 ? this.data.sitesOf(key.sites) : { status: 404, body: { message: 'Not found' } }), headers };
		if (api === 'tracking') {
			if (request.method !== 'POST' || segments.length !== 3) return { status: 404, body: { message: 'Not found' } };
			return this.data.track(segments[2], bodyOf(request), site);
		}
		if (api === 'people') return { ...(request.method === 'GET' ? this.data.people(segments.slice(2), request.query, site) : methodNotAllowed()), headers };
		return { ...this.data.chat(request.method, segments.slice(2), request.query, site), headers };
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @param {string} site
	 * @returns {{ status: number, body?: unknown }}
	 */
	route(request, site) {
		const segments = request.path.split('/').filter(Boolean).slice(3); // below /account/v1/webhooks
		const { method } = request;
		if (segments.length === 0) {
			if (method === 'GET') return { status: 200, body: { list: this.webhooks.filter((w) => w.site === site).map(webhookView) } };
			if (method === 'POST') return this.createWebhook(request, site);
			return methodNotAllowed();
		}
		const webhookId = parseId(segments[0]);
		if (webhookId === undefined) return { status: 400, body: gsError(4003, `Invalid parameter webhookID: "${segments[0]}" is not a number`) };
		const webhook = this.webhooks.find((candidate) => candidate.id === webhookId && candidate.site === site);
		if (segments.length === 1) {
			if (!webhook) return notFound('webhook', webhookId);
			if (method === 'GET') return { status: 200, body: webhookView(webhook) };
			if (method === 'DELETE') {
				this.webhooks = this.webhooks.filter((candidate) => candidate !== webhook);
				this.triggers = this.triggers.filter((trigger) => trigger.webhookId !== webhook.id);
				return { status: 200, body: { success: true } };
			}
			return methodNotAllowed();
		}
		if (segments[1] !== 'triggers' || segments.length > 3) return { status: 404, body: { message: 'Not found' } };
		if (!webhook) return notFound('webhook', webhookId);
		if (segments.length === 2) {
			if (method === 'GET') return { status: 200, body: { list: this.triggersOf(webhook.id).map(triggerView) } };
			if (method === 'POST') return this.addTrigger(request, webhook);
			return methodNotAllowed();
		}
		const triggerId = parseId(segments[2]);
		if (triggerId === undefined) return { status: 400, body: gsError(4003, `Invalid parameter triggerID: "${segments[2]}" is not a number`) };
		const trigger = this.triggers.find((candidate) => candidate.id === triggerId && candidate.webhookId === webhook.id);
		if (!trigger) return notFound('trigger', triggerId);
		if (method === 'GET') return { status: 200, body: triggerView(trigger) };
		if (method === 'DELETE') {
			this.triggers = this.triggers.filter((candidate) => candidate !== trigger);
			return { status: 200, body: { success: true } };
		}
		return methodNotAllowed();
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @param {string} site
	 */
	createWebhook(request, site) {
		const body = bodyOf(request);
		if (!body) return { status: 400, body: gsError(4003, 'Invalid parameter: the body must be a JSON object') };
		if (body.url === undefined || body.url === null || body.url === '') return { status: 400, body: gsError(4000, 'Missing parameter: url') };
		if (typeof body.url !== 'string' || !isHttpUrl(body.url)) {
			return { status: 400, body: gsError(4004, `Invalid value for url: "${String(body.url).slice(0, 500)}" is not an http or https URL`) };
		}
		if (body.name !== undefined && typeof body.name !== 'string') return { status: 400, body: gsError(4003, 'Invalid parameter name: it must be a string') };
		if (body.include_unverified !== undefined && typeof body.include_unverified !== 'boolean') {
			return { status: 400, body: gsError(4003, 'Invalid parameter include_unverified: it must be a boolean') };
		}
		/** @type {{ trigger: TriggerName, value: string | number | null } | undefined} */
		let trigger;
		if (body.trigger !== undefined) {
			const checked = checkTrigger(body.trigger, body.value, false);
			if ('error' in checked) return checked.error;
			trigger = checked;
		}
		/** @type {Webhook} */
		const webhook = {
			id: ++this.webhookSeq,
			site,
			name: body.name ?? '',
			url: body.url,
			include_unverified: body.include_unverified ?? false,
			created: new Date().toISOString(),
		};
		this.webhooks.push(webhook);
		if (trigger) this.triggers.push({ id: ++this.triggerSeq, webhookId: webhook.id, ...trigger, created: webhook.created });
		return { status: 200, body: webhookView(webhook) };
	}

	/**
	 * @param {import('./lib').RecordedRequest} request
	 * @param {Webhook} webhook
	 */
	addTrigger(request, webhook) {
		const body = bodyOf(request);
		if (!body) return { status: 400, body: gsError(4003, 'Invalid parameter: the body must be a JSON object') };
		if (body.trigger === undefined || body.trigger === '') return { status: 400, body: gsError(4000, 'Missing parameter: trigger') };
		const checked = checkTrigger(body.trigger, body.value, true);
		if ('error' in checked) return checked.error;
		/** @type {Trigger} */
		const trigger = { id: ++this.triggerSeq, webhookId: webhook.id, ...checked, created: new Date().toISOString() };
		this.triggers.push(trigger);
		return { status: 200, body: triggerView(trigger) };
	}

	/**
	 * Sends a sample delivery of `event` (NOTES.md's payloads) to every webhook, of any site, that
	 * has a trigger for it, as GoSquared would: an unsigned JSON POST to the registered URL, query
	 * string included. Smart-group deliveries carry the trigger's group id, traffic alerts its
	 * threshold. Resolves with each delivery's outcome.
	 * @param {string} event
	 * @param {{ site?: string }} [options]
	 * @returns {Promise<Delivery[]>}
	 */
	async fire(event, options = {}) {
		if (!(event in TRIGGERS)) throw Object.assign(new Error(`unknown event "${event}"; use one of ${Object.keys(TRIGGERS).join(', ')}`), { status: 400 });
		const name = /** @type {TriggerName} */ (event);
		const targets = this.triggers
			.filter((trigger) => trigger.trigger === name)
			.map((trigger) => ({ trigger, webhook: this.webhooks.find((webhook) => webhook.id === trigger.webhookId) }))
			.filter(({ webhook }) => webhook && (!options.site || webhook.site === options.site));
		const results = await Promise.all(
			targets.map(async ({ trigger, webhook }) => {
				const hook = /** @type {Webhook} */ (webhook);
				const payload = samplePayload(name, trigger.value, hook.site);
				/** @type {Delivery} */
				const delivery = { webhookId: hook.id, url: hook.url, event: name, status: null, error: null, response: '' };
				try {
					const answer = await post(hook.url, payload, this.config.deliveryTimeoutMs, this.deliveryFormat);
					delivery.status = answer.status;
					delivery.response = answer.body;
				} catch (error) {
					delivery.error = /** @type {Error} */ (error).message;
				}
				this.deliveries.push(delivery);
				return delivery;
			}),
		);
		return results;
	}

	/**
	 * Control routes, under /_sandbox/gosquared:
	 *   POST /fire         { "event": "traffic_dip", "site"?: "GSN-..." }  → the deliveries made
	 *   GET  /deliveries   every delivery made so far
	 *   PUT  /rate-limit   { "limit": 750, "intervalMs": 60000, "headers": true }
	 *                      (headers: false answers without the X-RateLimit-* headers)
	 * @param {string} method
	 * @param {string} path
	 * @param {any} json
	 */
	async control(method, path, json) {
		if (path === '/fire' && method === 'POST') {
			try {
				return { status: 200, body: { deliveries: await this.fire(json?.event, { site: json?.site }) } };
			} catch (error) {
				return { status: 400, body: { message: /** @type {Error} */ (error).message } };
			}
		}
		if (path === '/deliveries' && method === 'GET') return { status: 200, body: this.deliveries };
		if (path === '/rate-limit' && method === 'PUT') {
			if (Number.isFinite(json?.limit) && json.limit > 0) this.config.rateLimit.limit = json.limit;
			if (Number.isFinite(json?.intervalMs) && json.intervalMs > 0) this.config.rateLimit.intervalMs = json.intervalMs;
			if (typeof json?.headers === 'boolean') this.rateLimitHeaders = json.headers;
			this.buckets = new Map();
			return { status: 200, body: { ...this.config.rateLimit, headers: this.rateLimitHeaders } };
		}
		return undefined;
	}
}

const methodNotAllowed = () => ({ status: 405, body: { message: 'Method not allowed' } });

/**
 * Which API a path belongs to, or undefined.
 * @param {string} path
 * @returns {'webhooks' | 'sites' | 'tracking' | 'people' | 'chat' | undefined}
 */
function apiAt(path) {
	if (path.startsWith('/account/v1/webhooks')) return 'webhooks';
	if (path === '/account/v1/sites' || path === '/account/v1/sites/') return 'sites';
	if (path.startsWith('/tracking/v1/')) return 'tracking';
	if (path.startsWith('/people/v1/')) return 'people';
	if (path.startsWith('/chat/v1/')) return 'chat';
	return undefined;
}

/** A path segment as the client meant it (IDs such as `email:jon@example.com` travel encoded). @param {string} text */
function decodeSegment(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** @param {'webhook' | 'trigger'} what @param {number} id */
const notFound = (what, id) => ({ status: 404, body: gsError(4004, `Invalid value: no ${what} with ID ${id}`) });

/** @param {string} text */
function parseId(text) {
	return /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined;
}

/** @param {string} text */
function isHttpUrl(text) {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/**
 * @param {import('./lib').RecordedRequest} request
 * @returns {Record<string, any> | undefined}
 */
function bodyOf(request) {
	const json = request.json ?? (request.rawBody.trim() === '' ? {} : undefined);
	return json && typeof json === 'object' && !Array.isArray(json) ? /** @type {Record<string, any>} */ (json) : undefined;
}

/**
 * A trigger and its value as GoSquared checks them. On the triggers endpoint `value` is
 * documented as required, so there it must be present even for chat_message (which ignores it).
 * @param {unknown} trigger
 * @param {unknown} value
 * @param {boolean} valueRequired
 * @returns {{ trigger: TriggerName, value: string | number | null } | { error: { status: number, body: unknown } }}
 */
function checkTrigger(trigger, value, valueRequired) {
	if (typeof trigger !== 'string' || !(trigger in TRIGGERS)) {
		return { error: { status: 400, body: gsError(4003, `Invalid parameter trigger: use one of ${Object.keys(TRIGGERS).join(', ')}`) } };
	}
	const name = /** @type {TriggerName} */ (trigger);
	const kind = TRIGGERS[name];
	const missing = value === undefined || value === null;
	if (missing && (valueRequired || kind !== 'none')) return { error: { status: 400, body: gsError(4000, 'Missing parameter: value') } };
	if (kind === 'threshold') {
		const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
		if (!Number.isInteger(number) || number < 1) {
			return { error: { status: 400, body: gsError(4004, `Invalid value for ${name}: the visitor threshold must be a whole number above 0`) } };
		}
		return { trigger: name, value: number };
	}
	if (kind === 'smartGroup') {
		if (typeof value !== 'string' || value.trim() === '') {
			return { error: { status: 400, body: gsError(4004, `Invalid value for ${name}: give the Smart Group ID`) } };
		}
		return { trigger: name, value: value.trim() };
	}
	return { trigger: name, value: missing ? null : /** @type {string | number} */ (value) };
}

/**
 * The sample deliveries of NOTES.md, filled with the trigger's value.
 * @param {TriggerName} event
 * @param {string | number | null} value
 * @param {string} site
 */
function samplePayload(event, value, site) {
	const person = {
		id: '123456',
		email: 'ben@example.com',
		name: 'Ben White',
		avatar: 'https://example.com/avatars/ben.png',
	};
	if (event === 'chat_message') {
		return {
			message: {
				id: 'kjh2riu4rg3874h4',
				from: 'client',
				person_id: 'email:ben@example.com',
				content: 'Hey there, can you help me with my order?',
				timestamp: 1464874471279,
				html_content: '<p>Hey there, can you help me with my order?</p>',
				translated: { content: 'Hey there, can you help me with my order?', language: 'en' },
				email: { subject: 'Help with my order' },
			},
			person: { ...person, id: 'w198', presence: 'online' },
		};
	}
	if (event === 'entered_smart_group' || event === 'exited_smart_group') {
		const groupId = String(value ?? 'my-awesome-group');
		return {
			version: '1.0.0',
			group: { id: groupId, name: groupId.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()) },
			boundary: event === 'entered_smart_group' ? 'enter' : 'exit',
			person: {
				...person,
				smart_groups: event === 'entered_smart_group' ? [groupId] : [],
				last: { seen: { timestamp: '2016-06-02T13:21:11.279Z' }, location: { country: 'GB', city: 'London' } },
				totals: { visits: 12, pageviews: 48, time: 5340 },
			},
		};
	}
	const threshold = Number(value ?? 45);
	return {
		triggeredAlert: {
			id: 25764,
			boundary: event === 'traffic_spike' ? 'upper' : 'lower',
			value: String(threshold),
			type: 'concurrents',
		},
		siteDetails: { acct: site, site_name: 'Example Shop', domain: 'shop.example.com', timezone: 'Europe/London' },
		snapshot: { concurrents: event === 'traffic_spike' ? threshold + 1 : Math.max(0, threshold - 1), pages: [] },
		concurrents: event === 'traffic_spike' ? threshold + 1 : Math.max(0, threshold - 1),
	};
}

/**
 * @param {string} target
 * @param {unknown} payload
 * @param {number} timeoutMs
 * @param {DeliveryFormat} [format]
 * @returns {Promise<{ status: number, body: string }>}
 */
function post(target, payload, timeoutMs, format = 'json') {
	return new Promise((resolve, reject) => {
		const json = JSON.stringify(payload);
		const text = format === 'form' ? new URLSearchParams({ payload: json }).toString() : json;
		/** @type {Record<string, string>} */
		const contentType =
			format === 'json'
				? { 'Content-Type': 'application/json' }
				: format === 'text'
					? { 'Content-Type': 'text/plain; charset=utf-8' }
					: format === 'form'
						? { 'Content-Type': 'application/x-www-form-urlencoded' }
						: {};
		const url = new URL(target);
		const client = url.protocol === 'https:' ? https : http;
		const req = client.request(
			url,
			{
				method: 'POST',
				headers: {
					...contentType,
					'Content-Length': String(Buffer.byteLength(text)),
					'User-Agent': 'GoSquared-Webhooks (n8n sandbox)',
				},
				timeout: timeoutMs,
			},
			(res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(text);
	});
}

module.exports = { GoSquaredSandbox, DEFAULT_KEYS, SITES, TRIGGERS, samplePayload };
