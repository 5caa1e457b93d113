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
	if (status === 403 && spec.path.startsWith(MANAGER_CALLS_PATH)) {
		return {
			hint: 'the credentials may not read calls',
			description:
				'CCAI Platform accepted the credentials but refused to let them read calls from its Manager API. Check that the API credential is enabled and may use the Manager API.',
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
 * durations, agent), or undefined when CCAI Platform has none (404) and `missing` says so. A read,
 * retried on any failure that may be temporary.
 */
export async function getCall(api: Api, callId: number): Promise<IDataObject>;
export async function getCall(api: Api, callId: number, missing: 'undefinedIfMissing'): Promise<IDataObject | undefined>;
export async function getCall(api: Api, callId: number, missing?: 'undefinedIfMissing'): Promise<IDataObject | undefined> {
	const response = await api.request({
		method: 'GET',
		path: managerCallPath(callId),
		idempotent: true,
		notFoundIsAnswer: missing !== undefined,
	});
	if (response.statusCode === 404) return undefined;
	// Documented lists show calls inside an array; a single call may come the same way.
	const body = Array.isArray(response.body) && response.body.length === 1 ? response.body[0] : response.body;
	if (isPlainObject(body) && body.id !== undefined && body.id !== null) return body;
	throw api.unexpectedAnswer(`call ${callId}`, response);
}

export interface CallPage {
	calls: IDataObject[];
	headers: Headers;
}

/**
 * One page of GET /manager/api/v1/calls. `query` holds the Manager API's own parameters
 * (`page`, `per`, `created_at[from]`, `sort_column`, ...). The body is a bare JSON array of calls.
 * A read, retried on any failure that may be temporary; a 429 is waited out (Retry-After).
 */
export async function listCalls(api: Api, query: IDataObject): Promise<CallPage> {
	const response = await api.request({ method: 'GET', path: MANAGER_CALLS_PATH, qs: query, idempotent: true });
	if (!Array.isArray(response.body)) throw api.unexpectedAnswer('a list of calls', response);
	return { calls: response.body.filter(isPlainObject), headers: response.headers };
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
