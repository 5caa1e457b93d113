import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { Api, ApiResponse, ServiceDefinition } from '../../shared/request';
import { isPlainObject } from '../../shared/validation';

/**
 * GoSquared's webhooks API. Errors come as `{ "code": 4001, "message": "Error 4001: ..." }`; the
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
					'GoSquared refuses a key it does not know, a key used with a site token it may not use, and a key without the account scopes webhooks need (read_account, write_account). Check the API Key (API Access, in your GoSquared account settings), that the Site Token is a project the key may use (Settings → Current Project → General), and the key\'s scopes.',
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
			const what = spec.path.includes('/triggers/') ? 'trigger' : 'webhook';
			return {
				hint: `no such ${what}`,
				description: `No ${what} with this ID exists for this site token: it was deleted, or belongs to another site. Use Get Many to list the existing ones.${spec.method === 'DELETE' ? ' Turn on "Treat Missing as Deleted" if a missing one should count as done.' : ''}`,
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
					'GoSquared refused a parameter or its value. The URL must be an http(s) URL; a traffic trigger needs a whole-number visitor threshold, a Smart Group trigger the group\'s ID (the last part of its URL).',
			};
		}
		if (status >= 500) {
			return {
				description:
					'GoSquared reported a temporary error. Reads and deletes were retried with backoff; a create is never repeated, because it may already have been made: check GoSquared before you retry.',
			};
		}
		return undefined;
	},
};

export const WEBHOOKS_PATH = '/account/v1/webhooks';
export const webhookPath = (webhookId: number) => `${WEBHOOKS_PATH}/${webhookId}`;
export const webhookTriggersPath = (webhookId: number) => `${webhookPath(webhookId)}/triggers`;
export const webhookTriggerPath = (webhookId: number, triggerId: number) =>
	`${webhookTriggersPath(webhookId)}/${triggerId}`;

/**
 * One request to GoSquared. Retry policy: GET and DELETE may be sent
 * again after a timeout or a 5xx (a repeated DELETE deletes nothing more); a POST creates a
 * webhook or a trigger, so it is never repeated once it may have reached GoSquared. A request
 * that provably never left n8n, and a 429, are retried either way by the request layer.
 */
export async function goSquaredRequest(api: Api, method: IHttpRequestMethods, path: string, body?: IDataObject): Promise<ApiResponse> {
	return await api.request({ method, path, body, idempotent: method !== 'POST' });
}

/** An answer that must be an object (a webhook, a webhook trigger). */
export function objectOf(api: Api, response: ApiResponse): IDataObject {
	if (isPlainObject(response.body)) return response.body;
	throw api.unexpectedAnswer('an object', response);
}

/** The items of a `{ "list": [...] }` answer. */
export function listOf(api: Api, response: ApiResponse): IDataObject[] {
	const list = isPlainObject(response.body) ? response.body.list : undefined;
	if (Array.isArray(list)) return list.filter(isPlainObject);
	throw api.unexpectedAnswer('{ "list": [...] }', response);
}

/** The items of a list endpoint, up to `limit` (all when undefined). GoSquared's lists are not paged. */
export async function getList(api: Api, path: string, limit: number | undefined): Promise<IDataObject[]> {
	const list = listOf(api, await goSquaredRequest(api, 'GET', path));
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
