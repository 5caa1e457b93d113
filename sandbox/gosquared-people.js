// @ts-check
'use strict';

/**
 * GoSquared's Tracking, People, Live Chat and Account-sites APIs for the sandbox, from the vendor
 * pages (see the README's "What the nodes rely on in GoSquared's APIs"):
 * - POST /tracking/v1/event | identify | transaction: not rate limited (no X-RateLimit-* headers,
 *   nothing spent); a transaction ID already tracked is not tracked again. What GoSquared answers
 *   then, and every error code here, is inferred: GoSquared documents neither.
 * - GET /people/v1/people (query, filters, fields, sort, limit=offset,count; default sort
 *   last.seen:desc, default limit 0,10), GET /people/v1/people/{id}/details,
 *   GET /people/v1/smartgroups and /people/v1/smartgroups/{groupID};
 * - GET /chat/v1/chats (the active chats; at most 250 per request), GET /chat/v1/chats/{chatID},
 *   GET /chat/v1/chats/{chatID}/feed, POST /chat/v1/chats/{chatID}/archive; a chat's ID is its
 *   person's ID;
 * - GET /account/v1/sites: `{ owned: [...], shared: [...] }`, each with `site_token`, `name`, `domain`.
 *
 * Every function takes the sandbox's state (`GoSquaredData`) and answers `{ status, body }`.
 */

/** @param {number} code @param {string} text */
const gsError = (code, text) => ({ code, message: `Error ${code}: ${text}` });
const bad = (/** @type {number} */ code, /** @type {string} */ text) => ({ status: 400, body: gsError(code, text) });
const notFound = (/** @type {string} */ what, /** @type {string} */ id) => ({ status: 404, body: gsError(4004, `Invalid value: no ${what} with ID ${id}`) });

/** Sites of the demo account: name and domain by site token. */
const SITE_DETAILS = /** @type {Record<string, { name: string, domain: string }>} */ ({
	'GSN-123456-A': { name: 'Example Shop', domain: 'shop.example.com' },
	'GSN-654321-B': { name: 'Example Blog', domain: 'blog.example.com' },
	'GSN-999999-Z': { name: 'Someone Else', domain: 'elsewhere.example.com' },
});

/**
 * @typedef {Record<string, any>} Person  GoSquared's profile: id, email, name, …, custom, last.seen
 * @typedef {{ id: string, name: string, filters: unknown[], prefs: Record<string, unknown> }} SmartGroup
 * @typedef {{ id: string, type: string, from?: string, content?: string, timestamp: number }} FeedEntry
 * @typedef {{ id: string, archived: boolean, feed: FeedEntry[] }} Chat
 * @typedef {{ site: string, at: string, body: Record<string, any> }} Tracked
 * @typedef {object} SiteData
 * @property {Map<string, Person>} people
 * @property {SmartGroup[]} smartGroups
 * @property {Map<string, Chat>} chats
 * @property {Tracked[]} events
 * @property {Tracked[]} transactions
 * @property {Tracked[]} identifies
 * @property {Tracked[]} duplicateTransactions  repeated transaction IDs, answered but not tracked
 */

class GoSquaredData {
	constructor() {
		/** @type {Map<string, SiteData>} */
		this.sites = new Map();
		this.seed();
	}

	/** @param {string} site @returns {SiteData} */
	site(site) {
		let data = this.sites.get(site);
		if (!data) {
			data = { people: new Map(), smartGroups: [], chats: new Map(), events: [], transactions: [], identifies: [], duplicateTransactions: [] };
			this.sites.set(site, data);
		}
		return data;
	}

	/** The demo data of the main site: three people, two Smart Groups, two chats (one archived). */
	seed() {
		this.sites = new Map();
		const main = this.site('GSN-123456-A');
		const people = [
			{ id: 'email:jon@example.com', email: 'jon@example.com', name: 'Jon Smith', first_name: 'Jon', last_name: 'Smith', last: { seen: { timestamp: '2030-01-03T10:00:00.000Z' } }, custom: { plan: 'pro' } },
			{ id: 'email:ben@example.com', email: 'ben@example.com', name: 'Ben White', first_name: 'Ben', last_name: 'White', last: { seen: { timestamp: '2030-01-02T10:00:00.000Z' } }, custom: { plan: 'free' } },
			{ id: 'user-42', email: 'priya@example.org', name: 'Priya Patel', first_name: 'Priya', last_name: 'Patel', last: { seen: { timestamp: '2030-01-01T10:00:00.000Z' } }, custom: {} },
		];
		for (const person of people) main.people.set(person.id, person);
		main.smartGroups = [
			{ id: 'pro-customers', name: 'Pro customers', filters: [{ key: 'property', path: 'custom.plan', operator: 'equals', value: 'pro' }], prefs: { sortField: 'last.seen', sortDir: 'desc' } },
			{ id: 'example-org', name: 'People at example.org', filters: [{ key: 'property', path: 'email', operator: 'contains', value: 'example.org' }], prefs: {} },
		];
		const at = Date.parse('2030-01-03T10:00:00.000Z');
		main.chats.set('email:jon@example.com', {
			id: 'email:jon@example.com',
			archived: false,
			feed: [
				{ id: 'm1', type: 'message', from: 'client', content: 'Hi, my order has not arrived', timestamp: at },
				{ id: 'm2', type: 'message', from: 'agent', content: 'Sorry to hear that, let me check', timestamp: at + 60_000 },
				{ id: 'm3', type: 'message', from: 'client', content: 'Thanks!', timestamp: at + 120_000 },
			],
		});
		main.chats.set('email:ben@example.com', {
			id: 'email:ben@example.com',
			archived: true,
			feed: [{ id: 'm4', type: 'message', from: 'client', content: 'Do you ship to Canada?', timestamp: at - 86_400_000 }],
		});
	}

	/** What the control API shows: per site, its people, Smart Groups, chats and what was tracked. */
	snapshot() {
		return Object.fromEntries(
			[...this.sites].map(([site, data]) => [
				site,
				{
					people: [...data.people.values()],
					smartGroups: data.smartGroups,
					chats: [...data.chats.values()].map((chat) => chatView(chat, data)),
					events: data.events,
					transactions: data.transactions,
					identifies: data.identifies,
					duplicateTransactions: data.duplicateTransactions,
				},
			]),
		);
	}

	/**
	 * @param {string} kind  event | identify | transaction
	 * @param {Record<string, any> | undefined} body
	 * @param {string} site
	 * @returns {{ status: number, body: unknown }}
	 */
	track(kind, body, site) {
		if (!body) return bad(4003, 'Invalid parameter: the body must be a JSON object');
		const data = this.site(site);
		const problem = checkCommon(body);
		if (problem) return problem;
		const at = new Date().toISOString();
		if (kind === 'event') {
			const event = body.event;
			if (!event || typeof event !== 'object' || Array.isArray(event)) return bad(4000, 'Missing parameter: event');
			if (typeof event.name !== 'string' || event.name.trim() === '') return bad(4000, 'Missing parameter: event.name');
			if (event.data !== undefined && (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data))) return bad(4003, 'Invalid parameter event.data: it must be an object');
			data.events.push({ site, at, body });
			if (typeof body.person_id === 'string') seen(data, body.person_id, body.timestamp ?? at);
			return { status: 200, body: { success: true } };
		}
		if (kind === 'identify') {
			if (typeof body.person_id !== 'string' || body.person_id.trim() === '') return bad(4000, 'Missing parameter: person_id');
			const properties = body.properties ?? {};
			if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return bad(4003, 'Invalid parameter properties: it must be an object');
			const person = seen(data, body.person_id, at);
			const { custom, company, ...special } = /** @type {Record<string, any>} */ (properties);
			Object.assign(person, special);
			if (company && typeof company === 'object') person.company = { ...person.company, ...company };
			if (custom && typeof custom === 'object') person.custom = { ...person.custom, ...custom };
			if (!person.name && (person.first_name || person.last_name)) person.name = [person.first_name, person.last_name].filter(Boolean).join(' ');
			data.identifies.push({ site, at, body });
			return { status: 200, body: { success: true, sent: { alias: false, props: true } } };
		}
		if (kind === 'transaction') {
			const transaction = body.transaction;
			if (!transaction || typeof transaction !== 'object' || Array.isArray(transaction)) return bad(4000, 'Missing parameter: transaction');
			if (transaction.id === undefined || transaction.id === null || transaction.id === '') return bad(4000, 'Missing parameter: transaction.id');
			if (transaction.items !== undefined && !Array.isArray(transaction.items)) return bad(4003, 'Invalid parameter transaction.items: it must be a list');
			const items = /** @type {Array<Record<string, any>>} */ (transaction.items ?? []);
			const nameless = items.findIndex((entry) => !entry || typeof entry.name !== 'string' || entry.name === '');
			if (nameless !== -1) return bad(4000, `Missing parameter: transaction.items[${nameless}].name`);
			const id = String(transaction.id);
			// GoSquared: "If a transaction ID is specified, it will be checked for uniqueness to prevent duplicate transactions from being tracked."
			if (data.transactions.some((entry) => String(entry.body.transaction.id) === id)) {
				data.duplicateTransactions.push({ site, at, body });
				return { status: 200, body: { success: true } };
			}
			data.transactions.push({ site, at, body });
			if (typeof body.person_id === 'string') seen(data, body.person_id, body.timestamp ?? at);
			return { status: 200, body: { success: true } };
		}
		return { status: 404, body: { message: 'Not found' } };
	}

	/**
	 * GET /people/v1/people, /people/v1/people/{id}/details, /people/v1/smartgroups[/{id}].
	 * @param {string[]} segments  below /people/v1
	 * @param {Record<string, string>} query
	 * @param {string} site
	 */
	people(segments, query, site) {
		const data = this.site(site);
		if (segments[0] === 'people') {
			if (segments.length === 1) return this.searchPeople(data, query);
			if (segments.length === 3 && segments[2] === 'details') {
				const person = data.people.get(segments[1]);
				return person ? { status: 200, body: person } : notFound('person', segments[1]);
			}
		}
		if (segments[0] === 'smartgroups') {
			if (segments.length === 1) return { status: 200, body: { list: data.smartGroups } };
			if (segments.length === 2) {
				const group = data.smartGroups.find((candidate) => candidate.id === segments[1]);
				return group ? { status: 200, body: group } : notFound('Smart Group', segments[1]);
			}
		}
		return { status: 404, body: { message: 'Not found' } };
	}

	/**
	 * @param {SiteData} data
	 * @param {Record<string, string>} query
	 */
	searchPeople(data, query) {
		const limit = parseLimit(query.limit, 1000);
		if ('error' in limit) return limit.error;
		let people = [...data.people.values()];
		const text = (query.query ?? '').trim().toLowerCase();
		if (text) people = people.filter((person) => [person.id, person.email, person.name].some((value) => typeof value === 'string' && value.toLowerCase().includes(text)));
		if (query.filters !== undefined && query.filters !== '') {
			/** @type {unknown} */
			let filters;
			try {
				filters = JSON.parse(query.filters);
			} catch {
				return bad(4003, 'Invalid parameter filters: it must be JSON');
			}
			if (!Array.isArray(filters)) return bad(4003, 'Invalid parameter filters: it must be a list');
			for (const filter of filters) {
				const check = filterOf(filter);
				if ('error' in check) return check.error;
				people = people.filter(check.matches);
			}
		}
		const sort = query.sort ?? 'last.seen:desc';
		const match = /^([A-Za-z0-9_.]+):(asc|desc)$/.exec(sort);
		if (!match) return bad(4003, `Invalid parameter sort: "${sort}"`);
		const [, path, direction] = match;
		const key = (/** @type {Person} */ person) => String(valueAt(person, path === 'last.seen' ? 'last.seen.timestamp' : path) ?? '');
		people.sort((a, b) => (direction === 'asc' ? 1 : -1) * key(a).localeCompare(key(b)) || String(a.id).localeCompare(String(b.id)));
		const page = people.slice(limit.offset, limit.offset + limit.count);
		const fields = (query.fields ?? '').split(',').map((field) => field.trim()).filter(Boolean);
		const list = fields.length ? page.map((person) => Object.fromEntries(['id', ...fields].map((field) => [field, valueAt(person, field) ?? null]))) : page;
		return { status: 200, body: { list, cardinality: people.length } };
	}

	/**
	 * /chat/v1/chats...
	 * @param {string} method
	 * @param {string[]} segments  below /chat/v1
	 * @param {Record<string, string>} query
	 * @param {string} site
	 */
	chat(method, segments, query, site) {
		const data = this.site(site);
		if (segments[0] !== 'chats') return { status: 404, body: { message: 'Not found' } };
		const range = rangeOf(query);
		if ('error' in range) return range.error;
		if (segments.length === 1) {
			if (method !== 'GET') return methodNotAllowed();
			// "You can request a maximum of 250 results."
			const limit = parseLimit(query.limit, 250);
			if ('error' in limit) return limit.error;
			const active = [...data.chats.values()]
				.filter((chat) => !chat.archived && chat.feed.some((entry) => range.includes(entry.timestamp)))
				.sort((a, b) => lastAt(b) - lastAt(a) || a.id.localeCompare(b.id));
			return { status: 200, body: { list: active.slice(limit.offset, limit.offset + limit.count).map((chat) => chatView(chat, data)) } };
		}
		const chat = data.chats.get(segments[1]);
		if (!chat) return notFound('chat', segments[1]);
		if (segments.length === 2) return method === 'GET' ? { status: 200, body: chatView(chat, data) } : methodNotAllowed();
		if (segments.length === 3 && segments[2] === 'feed') {
			if (method !== 'GET') return methodNotAllowed();
			const limit = parseLimit(query.limit, 1000);
			if ('error' in limit) return limit.error;
			const feed = chat.feed.filter((entry) => range.includes(entry.timestamp)).sort((a, b) => b.timestamp - a.timestamp);
			return { status: 200, body: { list: feed.slice(limit.offset, limit.offset + limit.count) } };
		}
		if (segments.length === 3 && segments[2] === 'archive') {
			if (method !== 'POST') return methodNotAllowed();
			chat.archived = true;
			return { status: 200, body: { success: true } };
		}
		return { status: 404, body: { message: 'Not found' } };
	}

	/**
	 * GET /account/v1/sites: the sites the key may use.
	 * @param {string[]} keySites
	 */
	sitesOf(keySites) {
		const owned = keySites.map((token) => ({ site_token: token, ...(SITE_DETAILS[token] ?? { name: token, domain: '' }) }));
		return { status: 200, body: { owned, shared: [] } };
	}
}

const methodNotAllowed = () => ({ status: 405, body: { message: 'Method not allowed' } });

/** The person with `id`, created when new, last seen at `at`. @param {SiteData} data @param {string} id @param {string} at */
function seen(data, id, at) {
	let person = data.people.get(id);
	if (!person) {
		person = { id, ...(id.startsWith('email:') ? { email: id.slice(6) } : {}), custom: {}, last: { seen: { timestamp: at } } };
		data.people.set(id, person);
	}
	person.last = { seen: { timestamp: at } };
	return person;
}

/** Checks what every tracking body may carry: person_id, visitor_id, timestamp. @param {Record<string, any>} body */
function checkCommon(body) {
	if (body.person_id !== undefined && typeof body.person_id !== 'string') return bad(4003, 'Invalid parameter person_id: it must be a string');
	if (body.visitor_id !== undefined && typeof body.visitor_id !== 'string') return bad(4003, 'Invalid parameter visitor_id: it must be a string');
	if (body.timestamp !== undefined && (typeof body.timestamp !== 'string' || Number.isNaN(Date.parse(body.timestamp)))) {
		return bad(4004, 'Invalid value for timestamp: it must be an ISO 8601 timestamp');
	}
	return undefined;
}

/**
 * `limit` as GoSquared takes it: `count`, or `offset,count` (default 0,10), count at most `max`.
 * @param {string | undefined} raw
 * @param {number} max
 * @returns {{ offset: number, count: number } | { error: { status: number, body: unknown } }}
 */
function parseLimit(raw, max) {
	if (raw === undefined || raw === '') return { offset: 0, count: 10 };
	const match = /^(?:(\d+),)?(\d+)$/.exec(raw.trim());
	if (!match) return { error: bad(4003, `Invalid parameter limit: "${raw}" (give offset,count)`) };
	const count = Number(match[2]);
	if (count > max) return { error: bad(4004, `Invalid value for limit: you can request a maximum of ${max} results`) };
	return { offset: Number(match[1] ?? 0), count };
}

/**
 * `from` / `to` (ISO 8601) as a test on a time in milliseconds.
 * @param {Record<string, string>} query
 * @returns {{ includes(ms: number): boolean } | { error: { status: number, body: unknown } }}
 */
function rangeOf(query) {
	const from = query.from ? Date.parse(query.from) : -Infinity;
	const to = query.to ? Date.parse(query.to) : Infinity;
	if (Number.isNaN(from)) return { error: bad(4004, `Invalid value for from: "${query.from}"`) };
	if (Number.isNaN(to)) return { error: bad(4004, `Invalid value for to: "${query.to}"`) };
	return { includes: (ms) => ms >= from && ms < to };
}

/** @param {unknown} filter @returns {{ matches(person: Person): boolean } | { error: { status: number, body: unknown } }} */
function filterOf(filter) {
	const entry = /** @type {Record<string, any>} */ (filter ?? {});
	if (typeof filter !== 'object' || filter === null || entry.key !== 'property' || typeof entry.path !== 'string') {
		return { error: bad(4003, 'Invalid parameter filters: each filter needs key "property" and a path') };
	}
	const wanted = String(entry.value ?? '').toLowerCase();
	const value = (/** @type {Person} */ person) => String(valueAt(person, entry.path) ?? '').toLowerCase();
	if (entry.operator === 'contains') return { matches: (person) => value(person).includes(wanted) };
	if (entry.operator === 'equals') return { matches: (person) => value(person) === wanted };
	return { error: bad(4004, `Invalid value for operator: "${String(entry.operator)}"`) };
}

/** @param {Record<string, any>} object @param {string} path */
function valueAt(object, path) {
	return path.split('.').reduce((value, key) => (value && typeof value === 'object' ? value[key] : undefined), /** @type {any} */ (object));
}

const lastAt = (/** @type {Chat} */ chat) => Math.max(...chat.feed.map((entry) => entry.timestamp));

/** A chat as GoSquared's answers show it: its person, its last message, whether it is archived. @param {Chat} chat @param {SiteData} data */
function chatView(chat, data) {
	const person = data.people.get(chat.id);
	const last = [...chat.feed].sort((a, b) => b.timestamp - a.timestamp)[0];
	return {
		id: chat.id,
		person: person ? { id: person.id, name: person.name ?? null, email: person.email ?? null } : { id: chat.id },
		archived: chat.archived,
		last_message: last ? { from: last.from, content: last.content, timestamp: last.timestamp } : null,
	};
}

module.exports = { GoSquaredData, SITE_DETAILS };
