import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { Api, ApiResponse, ServiceDefinition } from '../../shared/request';
import { isPlainObject } from '../../shared/validation';

/**
 * GoSquared's APIs: Account (webhooks, sites), Tracking, People and Live Chat. Errors come as `{ "code": 4001, "message": "Error 4001: ..." }`; the
 * message shown to the user always starts with "Error <code>:" so that both appear, and the
 * request layer adds the HTTP status. GoSquared allows 750 units a minute per user, replenished
 * continuously: the limiter is the same bucket, charged what GoSquared says a request cost
 * (`X-RateLimit-Cost`) and kept in step with what it says is left (`X-RateLimit-Remaining`), which
 * also counts other clients of the same key.
 */
export const goSquaredService: ServiceDefinition = {
	credentialType: 'goSquaredApi',
	displayName: 'GoSquared',
	baseUrl: (credentials) => String(credentials.apiUrl ?? ''),
	secretFields: [{ name: 'apiKey', label: 'API Key' }],
	rateLimit: { limit: 750, intervalMs: 60_000, replenish: 'continuous' },
	// GoSquared: "The Tracking API is not rate limited, instead it's covered by your Account Limits."
	cost: (spec) => (spec.path.startsWith(TRACKING_PATH) ? 0 : 1),
	chargedCost(headers) {
		const cost = Number(headers['x-ratelimit-cost']);
		return Number.isFinite(cost) && cost > 0 ? cost : undefined;
	},
	remainingUnits(headers) {
		const left = Number(headers['x-ratelimit-remaining']);
		return headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(left) ? left : undefined;
	},
	unexpectedAnswerHint:
		"Check that the API URL in the credential is GoSquared's (https://api.gosquared.com) and not another service.",
	errorMessage(body) {
		if (!isPlainObject(body)) return undefined;
		const message = typeof body.message === 'string' ? body.message.trim() : '';
		const code = typeof body.code === 'number' || typeof body.code === 'string' ? String(body.code) : '';
		if (code && message) return message.startsWith(`Error ${code}`) ? message : `Error ${code}: ${message}`;
		if (message) return message;
		return code ? `Error ${code}` : undefined;
	},
	explainError(status, message, spec) {
		const code = /^Error (\d{4})\b/.exec(message)?.[1];
		if (code === '4001' || status === 401 || status === 403) {
			return {
				hint: 'the API key is not authorised for this site',
				description:
					`GoSquared refuses a key it does not know, a key used with a site token it may not use, and a key without the scope this endpoint needs (${scopeFor(spec.path)}). Check the API Key (API Access, in your GoSquared account settings), that the site token (the credential's, or the operation's Site) is a project the key may use (Settings → Current Project → General), and the key's scopes.`,
			};
		}
		if (code === '4002' || status === 429) {
			return {
				hint: 'rate limited',
				description:
					'GoSquared allows 750 units a minute per user, shared by everything that uses the key. The node kept under that limit and waited out each Retry-After before giving up; another client may be using the same key.',
			};
		}
		if (status === 404) {
			const what = thingAt(spec.path);
			return {
				hint: `no such ${what}`,
				description: `No ${what} with this ID exists for this site token: it was deleted, or belongs to another site. ${LISTED_BY[what]}${spec.method === 'DELETE' ? ' Turn on "Treat Missing as Deleted" if a missing one should count as done.' : ''}`,
			};
		}
		if (code === '4000') {
			return {
				description:
					'GoSquared says a required parameter is missing. If it names api_key or site_token, fill in the credential; otherwise check the fields of this operation.',
			};
		}
		if (code === '4003' || code === '4004') {
			return {
				description:
					'GoSquared refused a parameter or its value. The URL must be an http(s) URL; a traffic trigger needs a whole-number visitor threshold, a Smart Group trigger the group\'s ID (the last part of its URL); a list\'s limit is at most what the endpoint allows.',
			};
		}
		if (status >= 500) {
			return {
				description:
					'GoSquared reported a temporary error. Reads, deletes and archives were retried with backoff; a create is never repeated, and neither is anything tracked, because GoSquared may already have acted on it: check GoSquared before you retry.',
			};
		}
		return undefined;
	},
};

/** The scope GoSquared asks of a key for the endpoint at `path`, for the 4001 description. */
function scopeFor(path: string): string {
	if (path.startsWith(TRACKING_PATH)) return 'write_tracking';
	if (path.startsWith('/people/')) return 'read access to People';
	if (path.startsWith('/chat/')) return 'access to Live Chat';
	return 'read_account, and write_account to change webhooks';
}

type Thing = 'webhook' | 'trigger' | 'person' | 'Smart Group' | 'chat' | 'site';

const LISTED_BY: Record<Thing, string> = {
	webhook: 'Use Get Many to list the existing ones.',
	trigger: 'Use Get Many to list the existing ones.',
	person: 'Use Person → Search to find people.',
	'Smart Group': 'Use Smart Group → Get Many to list them.',
	chat: 'Use Chat → Get Many to list the active chats; a chat\'s ID is its person\'s ID.',
	site: 'Pick the Site from the list.',
};

function thingAt(path: string): Thing {
	if (path.startsWith(PEOPLE_PATH)) return 'person';
	if (path.startsWith(SMART_GROUPS_PATH)) return 'Smart Group';
	if (path.startsWith(CHATS_PATH)) return 'chat';
	if (path.startsWith(SITES_PATH)) return 'site';
	return path.includes('/triggers/') ? 'trigger' : 'webhook';
}

export const WEBHOOKS_PATH = '/account/v1/webhooks';
export const webhookPath = (webhookId: number) => `${WEBHOOKS_PATH}/${webhookId}`;
export const webhookTriggersPath = (webhookId: number) => `${webhookPath(webhookId)}/triggers`;
export const webhookTriggerPath = (webhookId: number, triggerId: number) =>
	`${webhookTriggersPath(webhookId)}/${triggerId}`;

export const TRACKING_PATH = '/tracking/v1';
export const SITES_PATH = '/account/v1/sites';
export const PEOPLE_PATH = '/people/v1/people';
export const SMART_GROUPS_PATH = '/people/v1/smartgroups';
export const CHATS_PATH = '/chat/v1/chats';
/** IDs of people, groups and chats are text (`email:jon@example.com`): one path segment each. */
const segment = encodeURIComponent;
export const personPath = (personId: string) => `${PEOPLE_PATH}/${segment(personId)}/details`;
export const smartGroupPath = (groupId: string) => `${SMART_GROUPS_PATH}/${segment(groupId)}`;
export const chatPath = (chatId: string) => `${CHATS_PATH}/${segment(chatId)}`;

/** Where a request goes besides its path: the operation's Site (empty: the credential's), and its query. */
export interface Target {
	/** A site token that replaces the credential's for this request; see authentication.ts. */
	site?: string;
	qs?: IDataObject;
}

const queryOf = ({ site, qs }: Target): IDataObject | undefined => (site ? { ...qs, site_token: site } : qs);

/**
 * One request to GoSquared. Retry policy: GET and DELETE may be sent
 * again after a timeout or a 5xx (a repeated DELETE deletes nothing more); a POST creates a
 * webhook or a trigger, so it is never repeated once it may have reached GoSquared. A request
 * that provably never left n8n, and a 429, are retried either way by the request layer.
 */
export async function goSquaredRequest(
	api: Api,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	target: Target = {},
): Promise<ApiResponse> {
	return await api.request({ method, path, body, qs: queryOf(target), idempotent: method !== 'POST' });
}

/** What each Tracking API call records, and what may have happened when its answer was lost. */
const TRACKED: Record<'event' | 'identify' | 'transaction', string> = {
	event: 'The event may have been tracked',
	identify: 'The person may have been identified',
	transaction: 'The transaction may have been tracked (running it again with the same Transaction ID is safe: GoSquared checks it for uniqueness)',
};

/**
 * POST /tracking/v1/{event|identify|transaction}. Never sent twice once it may have reached
 * GoSquared (a timeout, a dropped connection, a 5xx): an event or a transaction would count twice.
 * Outside the 750 units a minute (see `cost`); a 429 still says it was not acted on, and is retried.
 */
export async function track(api: Api, kind: keyof typeof TRACKED, body: IDataObject, site?: string): Promise<IDataObject> {
	const response = await api.request({
		method: 'POST',
		path: `${TRACKING_PATH}/${kind}`,
		body,
		qs: queryOf({ site }),
		idempotent: false,
		uncertainOutcome: TRACKED[kind],
	});
	return objectOf(api, response);
}

/** POST /chat/v1/chats/{chatID}/archive: archiving an archived chat changes nothing, so it may be repeated. */
export async function archiveChat(api: Api, chatId: string, site?: string): Promise<IDataObject> {
	const response = await api.request({ method: 'POST', path: `${chatPath(chatId)}/archive`, qs: queryOf({ site }), idempotent: true });
	return isPlainObject(response.body) ? response.body : {};
}

/** An object that GoSquared holds at `path` (a person, a Smart Group, a chat). */
export async function getObject(api: Api, path: string, site?: string): Promise<IDataObject> {
	return objectOf(api, await goSquaredRequest(api, 'GET', path, undefined, { site }));
}

/**
 * The entries of a list that GoSquared pages with `limit=offset,count` (people, chats, a chat's
 * feed), `pageSize` at a time, up to `limit` (all when undefined). It stops at a short page, at a
 * page that brings nothing new (entries are told apart by `id`), and after `MAX_PAGES` pages.
 */
export async function getPaged(
	api: Api,
	path: string,
	{ site, qs, pageSize }: Target & { pageSize: number },
	limit: number | undefined,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 0; page < MAX_PAGES; page++) {
		const count = limit === undefined ? pageSize : Math.min(pageSize, limit - entries.length);
		if (count <= 0) break;
		const offset = page * pageSize;
		const list = listOf(api, await goSquaredRequest(api, 'GET', path, undefined, { site, qs: { ...qs, limit: `${offset},${count}` } }));
		let fresh = 0;
		for (const entry of list.slice(0, count)) {
			const id = entry.id === undefined || entry.id === null ? undefined : JSON.stringify(entry.id);
			if (id !== undefined && seen.has(id)) continue;
			if (id !== undefined) seen.add(id);
			entries.push(entry);
			fresh++;
		}
		if (list.length < count || fresh === 0) break;
	}
	return limit === undefined ? entries : entries.slice(0, limit);
}

/** Pages a listing reads at most: 1,000 pages (100,000 people, 250,000 chats) with Return All. */
export const MAX_PAGES = 1000;

/**
 * The account's sites (projects): GoSquared answers `{ "owned": [...], "shared": [...] }`, each
 * with its `site_token`, `name` and `domain`. Needs no site token.
 */
export async function getSites(api: Api): Promise<IDataObject[]> {
	const response = await goSquaredRequest(api, 'GET', SITES_PATH);
	const body = response.body;
	if (!isPlainObject(body) || !Array.isArray(body.owned)) throw api.unexpectedAnswer('{ "owned": [...] }', response);
	const shared = Array.isArray(body.shared) ? body.shared : [];
	return [...body.owned, ...shared].filter(isPlainObject);
}

/** An answer that must be an object (a webhook, a webhook trigger). */
export function objectOf(api: Api, response: ApiResponse): IDataObject {
	if (isPlainObject(response.body)) return response.body;
	throw api.unexpectedAnswer('an object', response);
}

/** The items of a `{ "list": [...] }` answer (or of a bare list, which GoSquared's People and Chat pages do not rule out). */
export function listOf(api: Api, response: ApiResponse): IDataObject[] {
	const list = Array.isArray(response.body) ? response.body : isPlainObject(response.body) ? response.body.list : undefined;
	if (Array.isArray(list)) return list.filter(isPlainObject);
	throw api.unexpectedAnswer('{ "list": [...] }', response);
}

/** The items of a list endpoint that is not paged (webhooks, Smart Groups), up to `limit` (all when undefined). */
export async function getList(api: Api, path: string, limit: number | undefined, site?: string): Promise<IDataObject[]> {
	const list = listOf(api, await goSquaredRequest(api, 'GET', path, undefined, { site }));
	return limit === undefined ? list : list.slice(0, limit);
}

/** The object `path` names (a webhook), or undefined when GoSquared has none (404). */
export async function getIfPresent(api: Api, path: string): Promise<IDataObject | undefined> {
	const response = await api.request({ method: 'GET', path, idempotent: true, notFoundIsAnswer: true });
	return response.statusCode === 404 ? undefined : objectOf(api, response);
}

/**
 * Deletes what `path` names: true, or false when it was not there (404) and that counts as done
 * (`missingIsDone`); otherwise a 404 fails like any other error.
 */
export async function deleteAt(api: Api, path: string, missingIsDone: boolean): Promise<boolean> {
	const response = await api.request({ method: 'DELETE', path, idempotent: true, notFoundIsAnswer: missingIsDone });
	return response.statusCode !== 404;
}
