import type { IDataObject } from 'n8n-workflow';

import type { Api, ApiResponse, ErrorExplanation, Headers, RequestSpec, ServiceDefinition } from '../../shared/request';
import { isPlainObject } from '../../shared/validation';
import { APPS_API, basicValue, ccaiConnection, MANAGER_API } from './connection';

/**
 * Google CCAI Platform (formerly UJET): the Apps API (/apps/api/v1) and the Manager API
 * (/manager/api/v1) on https://{subdomain}.{domain}, both with the same HTTP Basic auth. The base
 * URL is the host; paths name their API. Everything computed from the credential comes from
 * `ccaiConnection` (transport/connection.ts), which the credential and its test use too.
 *
 * Rate limit: CCAI Platform allows 10 requests per second per account, for the Apps and Manager
 * APIs together. The limiter is per credential and shared by every execution in this n8n process.
 * A request counts from when it is sent until a second (plus a small margin for clock
 * granularity) after its answer: the service counts it somewhere in between, and the first
 * requests of a batch (new connections, a cold n8n) reach it much later than the next ones, which
 * a window counted from the send alone lets land in the same second. That costs each request's
 * latency in throughput and keeps a batch free of 429s; a 429 that still happens (other clients of
 * the same account) is waited out (Retry-After).
 */
export const ccaiService: ServiceDefinition = {
	credentialType: 'ccaiPlatformApi',
	displayName: 'CCAI Platform',
	baseUrl: (credentials) => ccaiConnection(credentials).hostRoot,
	secretFields: [{ name: 'password', label: 'Password (API Token or Company Secret)' }],
	derivedSecrets(credentials) {
		const connection = ccaiConnection(credentials);
		return connection.password === '' ? [] : [basicValue(connection)];
	},
	rateLimit: { limit: 10, intervalMs: 1000, marginMs: 50, countUntilAnswered: true },
	explainError,
	unexpectedAnswerHint:
		'Check that the credential points at CCAI Platform (with an override, that the same host serves /manager/api/v1).',
};

/** The Apps API: calls are created, and their customer flags read and set, here. */
export const CALLS_PATH = `${APPS_API}/calls`;

export const customerFlagPath = (callId: number) => `${CALLS_PATH}/${callId}/customer_flag`;

/**
 * The Manager API: calls are listed and read here (the credential test reads one too). Same host,
 * same Basic credentials, same 10 requests per second: `ccaiService`, so one limiter for both.
 */
export const MANAGER_CALLS_PATH = `${MANAGER_API}/calls`;

export const managerCallPath = (callId: number) => `${MANAGER_CALLS_PATH}/${callId}`;

/** The Manager API's agents (Agent → Get Many, the agent pickers). */
export const MANAGER_AGENTS_PATH = `${MANAGER_API}/agents`;

/**
 * The Manager API's menus, which a contact center calls queues. Google's menu page lists its
 * endpoints as `/menu`, `/menu/tree`, `/menu/{:id}`…, but names `/menus/operation_hours` on the same
 * page, its wait-time page calls them "the /menus manager api endpoint", and a public client of the
 * Manager API (singer-io/tap-ujet) requests `menus` and `menus/tree`: the node sends `/menus`.
 */
export const MANAGER_MENUS_PATH = `${MANAGER_API}/menus`;

export const managerMenuPath = (menuId: number) => `${MANAGER_MENUS_PATH}/${menuId}`;

/** The Manager API's teams and agent ("user") statuses, for the pickers; paths as tap-ujet requests them. */
export const MANAGER_TEAMS_PATH = `${MANAGER_API}/teams`;
export const MANAGER_USER_STATUSES_PATH = `${MANAGER_API}/user_statuses`;

/** The Apps API's bulk change of agent statuses (Agent → Update Status). */
export const AGENT_STATUSES_PATH = `${APPS_API}/agent_statuses`;

/** The most calls the Manager API answers per page (`per`); a larger value is reduced to it. */
export const MAX_PAGE_SIZE = 100;

/** Descriptions for the documented 400 messages of POST /calls, keyed by the message's start. */
const KNOWN_MESSAGES: Array<[RegExp, string]> = [
	[
		/^Agent is not available/,
		'The agent must be logged in to the CCAI Platform agent adapter and in an available status to be assigned an outbound call.',
	],
	[
		/^Not a valid agent email/,
		'No agent of this CCAI Platform account has this email. Use the email the agent signs in with.',
	],
	[
		/^Agent does not have access/,
		'The agent exists, but their role does not allow outbound calls. A CCAI Platform admin can give the role that permission.',
	],
	[
		/^Contact not found/,
		'No CRM contact is linked to this ticket ID, so there is no number to dial. Check the ticket ID, or give an End-User Number instead.',
	],
	[
		/after hours/,
		"The menu's queue is outside its opening hours and does not accept calls now. Schedule the call for its opening hours, or use another menu.",
	],
	[
		/manual redirection/,
		'The menu is set to redirect callers manually and does not accept calls through the API. Use another menu, or change the menu under Settings → Queue.',
	],
	[
		/^Only IVR and mobile menu IDs/,
		'Inbound calls need the ID of an IVR or mobile menu; web menus are refused. Menu IDs are under Settings → Queue.',
	],
	[
		/^Only mobile and web menu IDs/,
		'Scheduled calls need the ID of a mobile or web menu; IVR menus are refused. Menu IDs are under Settings → Queue.',
	],
	[/^menu_id \S+ is not found/, 'No menu has this ID in this CCAI Platform account. Menu IDs are under Settings → Queue.'],
	[
		/^Language '.+' is not available/,
		'CCAI Platform knows this language, but it is not enabled for this account or menu. Use an enabled language, or ask a CCAI Platform admin to enable it.',
	],
	[/^Language '.+' is not found/, 'CCAI Platform does not know this language code. Use an ISO 639-1 code such as en or es.'],
	[
		/^end_user_number is not well.formed/,
		'CCAI Platform could not read the end-user number as a phone number of the country it belongs to. Check the number of digits.',
	],
];

function explainError(status: number, message: string, spec: RequestSpec): ErrorExplanation | undefined {
	const creating = spec.method === 'POST' && spec.path === CALLS_PATH;
	if (spec.path === AGENT_STATUSES_PATH && (status === 400 || status === 422)) {
		return {
			hint: 'CCAI Platform moves agents between Available and custom statuses only, never into or out of a system status such as In-Call, and only to a status it knows',
			description:
				'Agents in a call or a chat are in a system status that CCAI Platform sets itself; leave them out, or run the item again when they are free. Agent → Get Many shows each agent\'s status, and the Status list shows the statuses CCAI Platform knows. Whether CCAI Platform changed the other agents of the request is not said: check with Agent → Get Many.',
		};
	}
	if (status === 400) {
		const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(message));
		return known ? { description: known[1] } : undefined;
	}
	if (status === 401) {
		return {
			hint: 'CCAI Platform refused the credentials',
			description:
				'Check the API token in the credential (Settings → Developer Settings → API Credentials). The username is the subdomain unless the credential names a legacy company key.',
		};
	}
	if (status === 403 && spec.path.startsWith(`${MANAGER_API}/`)) {
		const what = managerNoun(spec.path);
		return {
			hint: `the credentials may not read ${what}`,
			description: `CCAI Platform accepted the credentials but refused to let them read ${what} from its Manager API. Check that the API credential is enabled and may use the Manager API.`,
		};
	}
	if (status === 403) {
		return {
			hint: 'the credentials may not do this',
			description: 'CCAI Platform accepted the credentials but refused this request. Check that the API credential is enabled.',
		};
	}
	if (status === 404 && (spec.path.startsWith(`${CALLS_PATH}/`) || spec.path.startsWith(`${MANAGER_CALLS_PATH}/`))) {
		return {
			hint: 'no call with this ID, or the subdomain or domain is wrong',
			description:
				'CCAI Platform answers 404 for a call ID it does not know, and for an address where no account lives. Check the Call ID, then the subdomain and domain in the credential.',
		};
	}
	if (status === 404 && /^\/manager\/api\/v1\/menus\/\d+$/.test(spec.path)) {
		return {
			hint: 'no queue with this ID, or the subdomain or domain is wrong',
			description:
				'CCAI Platform answers 404 for a queue (menu) ID it does not know, and for an address where no account lives. Check the Queue ID (Queue → Get Many lists them), then the subdomain and domain in the credential.',
		};
	}
	if (status === 404) {
		return {
			hint: 'the subdomain or domain in the credential is wrong',
			description:
				'CCAI Platform answers 404 when no account lives at this address. Check the subdomain and the domain in the credential (or the Base URL Override, which must end in /apps/api/v1).',
		};
	}
	if (status === 429) {
		return {
			hint: 'rate limit',
			description:
				'CCAI Platform allows 10 requests per second per account, for all its APIs together. The node keeps to that for its own requests and waited for Retry-After; other clients of the same account may be using the budget.',
		};
	}
	if (status >= 500 && creating) {
		return {
			description:
				'Call → Create is never retried after CCAI Platform may have received it: the call may have been created, and a second request could ring the customer twice. Check for the call in CCAI Platform before you run this item again.',
		};
	}
	return undefined;
}

/**
 * POST /calls.
 *
 * Retry policy: never retried once CCAI Platform may have received it. Creating a call rings a
 * customer's phone; a timeout, a dropped connection or a 5xx does not say whether the call was
 * placed, and a second request could ring them twice. So `idempotent: false` and no
 * `retryServerErrors`: the shared request layer then retries only failures that provably
 * happened before the request left n8n (connection refused, DNS) and a 429, which says the service
 * did not act (after its Retry-After). Any other failure reaches the user at once, and says the
 * call may exist.
 */
export async function createCall(api: Api, body: IDataObject): Promise<ApiResponse<unknown>> {
	return await api.request({
		method: 'POST',
		path: CALLS_PATH,
		body,
		idempotent: false,
		uncertainOutcome: 'The call may have been created (a second request could ring the customer twice)',
	});
}

/** GET /calls/:id/customer_flag: a read, retried on any failure that may be temporary. */
export async function getCustomerFlag(api: Api, callId: number): Promise<ApiResponse<unknown>> {
	return await api.request({ method: 'GET', path: customerFlagPath(callId), idempotent: true });
}

/**
 * PATCH /calls/:id/customer_flag. Setting flags to given values gives the same result however
 * often it is sent, but an attempt CCAI Platform did not answer may still be applied later, after a
 * later update of the same call, and undo it. So the `first` attempt is sent once: a timeout, a
 * broken connection or a 5xx comes back to the operation, which sends it `again` (retried like a
 * read: the attempts all set the same values) and then confirms the result (update.operation.ts).
 * Failures that provably happened before the request left n8n, and 429s, are retried either way.
 */
export async function updateCustomerFlag(
	api: Api,
	callId: number,
	body: IDataObject,
	attempt: 'first' | 'again',
): Promise<ApiResponse<unknown>> {
	return await api.request({ method: 'PATCH', path: customerFlagPath(callId), body, idempotent: attempt === 'again' });
}

/**
 * GET /manager/api/v1/calls/:id: one call as the Manager API has it (status, timestamps,
 * durations, agent), or undefined when CCAI Platform has none (404) and `missing` says so.
 */
export async function getCall(api: Api, callId: number): Promise<IDataObject>;
export async function getCall(api: Api, callId: number, missing: 'undefinedIfMissing'): Promise<IDataObject | undefined>;
export async function getCall(api: Api, callId: number, missing?: 'undefinedIfMissing'): Promise<IDataObject | undefined> {
	return await managerRecord(api, managerCallPath(callId), `call ${callId}`, missing);
}

/**
 * GET one record of the Manager API (`what` names it in errors: "call 398", "queue 12"), or
 * undefined when CCAI Platform has none (404) and `missing` says so. A read, retried on any failure
 * that may be temporary.
 */
async function managerRecord(api: Api, path: string, what: string): Promise<IDataObject>;
async function managerRecord(api: Api, path: string, what: string, missing: 'undefinedIfMissing' | undefined): Promise<IDataObject | undefined>;
async function managerRecord(api: Api, path: string, what: string, missing?: 'undefinedIfMissing'): Promise<IDataObject | undefined> {
	const response = await api.request({ method: 'GET', path, idempotent: true, notFoundIsAnswer: missing !== undefined });
	if (response.statusCode === 404) return undefined;
	// Documented lists show records inside an array; a single one may come the same way.
	const body = Array.isArray(response.body) && response.body.length === 1 ? response.body[0] : response.body;
	if (isPlainObject(body) && body.id !== undefined && body.id !== null) return body;
	throw api.unexpectedAnswer(what, response);
}

/** One of the Manager API's paged lists (transport/listing.ts declares them). */
export interface ManagerList {
	path: string;
	/** What it lists, in messages: "calls", "agents". */
	noun: string;
	/** The most entries one listing reads before it fails. */
	max: number;
	/** The time every change of an entry moves (calls' `updated_at`), if there is one. */
	changedColumn?: string;
	/** How to narrow a listing that went past `max`, for its error. */
	narrow: string;
}

export interface ListPage {
	entries: IDataObject[];
	headers: Headers;
}

/**
 * One page of one of the Manager API's lists. `query` holds the Manager API's own parameters
 * (`page`, `per`, `created_at[from]`, `sort_column`, ...). The body is a bare JSON array. A read,
 * retried on any failure that may be temporary; a 429 is waited out (Retry-After).
 */
export async function listPage(api: Api, list: Pick<ManagerList, 'path' | 'noun'>, query: IDataObject): Promise<ListPage> {
	const response = await api.request({ method: 'GET', ...withListParameters(list.path, query), idempotent: true });
	if (!Array.isArray(response.body)) throw api.unexpectedAnswer(`a list of ${list.noun}`, response);
	return { entries: response.body.filter(isPlainObject), headers: response.headers };
}

/**
 * The path and query of a request whose query has lists (`id[]`: [11, 12]): the lists written into
 * the path as repeated pairs, `?id%5B%5D=11&id%5B%5D=12`, the way the Manager API (Rails) reads an
 * array; the other values as `qs`. n8n's request helper would write a list as `id[][0]=11`, which
 * Rails reads as a hash, not a list.
 */
function withListParameters(path: string, query: IDataObject): { path: string; qs: IDataObject } {
	const qs: IDataObject = {};
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (Array.isArray(value)) pairs.push(...value.map((entry) => `${encodeURIComponent(key)}=${encodeURIComponent(String(entry))}`));
		else qs[key] = value;
	}
	return { path: pairs.length ? `${path}?${pairs.join('&')}` : path, qs };
}

/** What a Manager API path reads, in messages: "calls", "agents", "queues", … */
function managerNoun(path: string): string {
	const resource = path.slice(MANAGER_API.length + 1).split('/')[0];
	const nouns: Record<string, string> = { menus: 'queues', user_statuses: 'agent statuses' };
	return nouns[resource] ?? resource.replace(/_/g, ' ');
}

/** GET /manager/api/v1/menus/:id: one queue (menu); a 404 is the item's error (no queue with this ID). */
export async function getMenu(api: Api, menuId: number): Promise<IDataObject> {
	return await managerRecord(api, managerMenuPath(menuId), `queue ${menuId}`);
}

/**
 * GET /manager/api/v1/menus/current_status or /menus/sla (with its `query`): a report over the
 * queues, as a list of entries (an object alone counts as a list of one). A read, retried on any
 * failure that may be temporary.
 */
export async function menuReport(api: Api, report: 'current_status' | 'sla', query?: IDataObject): Promise<IDataObject[]> {
	const response = await api.request({ method: 'GET', path: `${MANAGER_MENUS_PATH}/${report}`, qs: query, idempotent: true });
	const { body } = response;
	if (Array.isArray(body)) return body.filter(isPlainObject);
	if (isPlainObject(body)) return [body];
	throw api.unexpectedAnswer(report === 'sla' ? 'an SLA report' : 'the queues\' current status', response);
}

/**
 * POST /apps/api/v1/agent_statuses: sets the agents (and the agents of the teams) to `status`. The
 * answer is one entry per agent changed (`agent_id`, `previous_status`, `current_status`, …).
 *
 * Retry policy: safe to repeat, so retried like a read (after a timeout, a dropped connection or a
 * 5xx, at most 5 attempts). It sets a status, it creates nothing and rings no one: sending it twice
 * leaves the agents in the same status as sending it once. What a repeat can do is set again an
 * agent who changed their own status in the seconds between the attempts; the item that asked for
 * the status wins, as it would a few seconds later. An attempt CCAI Platform did not answer could
 * also be applied late, after a later change: Update Status items are therefore sent one after
 * another, in input order (their `key`), each after the one before has its answer, retries
 * included. A 400 for a system status (In-Call) is the service's refusal, not a failure to retry.
 */
export async function setAgentStatuses(
	api: Api,
	body: { status: string; agent_ids: number[]; team_ids: number[] },
): Promise<IDataObject[]> {
	const response = await api.request({ method: 'POST', path: AGENT_STATUSES_PATH, body, idempotent: true });
	if (Array.isArray(response.body)) return response.body.filter(isPlainObject);
	throw api.unexpectedAnswer('a list of the agents changed', response);
}

/**
 * Whether there is a page after this one: while the `Link` header has a `rel="next"` link. The
 * link's URL itself is never followed (the next page is asked for with the node's own query, see
 * transport/listing.ts), so that the credentials never travel to a host named in a header.
 * Without any `Link` header (older answers), a full page means there may be more.
 */
export function hasNextPage(headers: Headers, received: number, per: number): boolean {
	const link = headers.link;
	if (link !== undefined) return link.split(',').some((part) => /;\s*rel="?next"?(\s|;|$)/i.test(part));
	return received >= per;
}
