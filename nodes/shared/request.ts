import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { ApplicationError, NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { processesSharing } from './rateLimitShare';
import { limiterFor, shareOf, type Limiter, type RateLimit } from './rateLimiter';
import { Redactor, secretProblem } from './redaction';
import { invalidInput, shown } from './validation';

/** Every context that may send a request: node executions, trigger hooks and polls, list searches. */
export type RequestContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * What one service needs from the request layer. Each service's `transport.ts` declares one of
 * these; everything else (authentication, errors, redaction, retries, rate limits) lives here.
 */
export interface ServiceDefinition {
	/** Credential type name, e.g. `callgooseApi`. */
	credentialType: string;
	/** Shown in messages, e.g. `Callgoose`. */
	displayName: string;
	/** The API's base URL, from the credential (validated here). */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/**
	 * The credential's fields that hold secrets, by name and by the label the user sees. Their
	 * values are never shown, and one too short to be a real secret is refused before anything
	 * is sent (see `secretProblem`).
	 */
	secretFields: Array<{ name: string; label: string }>;
	/** Further values that carry a secret on the wire (e.g. an encoded Basic value), never shown either. */
	derivedSecrets?(credentials: ICredentialDataDecryptedObject): string[];
	/** Client-side limit shared by all executions that use the same credential. */
	rateLimit?: RateLimit;
	/** Units a request costs against `rateLimit` (default 1). */
	cost?(spec: RequestSpec): number;
	/** Units the service says it charged, read from the response headers (e.g. `X-RateLimit-Cost`). */
	chargedCost?(headers: IDataObject): number | undefined;
	/** Units the service says are left, read from the response headers (e.g. `X-RateLimit-Remaining`). */
	remainingUnits?(headers: IDataObject): number | undefined;
	/** The service's own message in an error body. */
	errorMessage?(body: unknown): string | undefined;
	/** A short hint appended to the message, and a longer description, for known failures. */
	explainError?(status: number, message: string, spec: RequestSpec): ErrorExplanation | undefined;
}

export interface ErrorExplanation {
	hint?: string;
	description?: string;
}

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	/**
	 * Whether the request may be sent again after it may have reached the service (a timeout, a
	 * connection reset, a 5xx). True for reads and for writes that give the same result when
	 * repeated. Requests the service provably did not act on (connection refused, DNS failure,
	 * 429) are retried whatever this says.
	 */
	idempotent: boolean;
	/**
	 * Whether a 5xx answer may be retried although the request is not idempotent: for services
	 * that document a 5xx as "not processed, try again" (Callgoose's 500).
	 */
	retryServerErrors?: boolean;
	/**
	 * For a request that is not idempotent: what may have happened when it may have reached the
	 * service but no answer came back (e.g. "The call may have been created"). It opens the
	 * error's description.
	 */
	uncertainOutcome?: string;
	/** Input item this request is for, for the error's context. */
	itemIndex?: number;
	/** Milliseconds before giving up on an answer; defaults to the node's Timeout option. */
	timeout?: number;
	/**
	 * Secrets this request carries besides the credential's (e.g. the secret in a webhook URL the
	 * GoSquared Trigger registers): hidden like the credential's in any error the request fails
	 * with. The answer keeps them: the caller sent them, and may compare them (the Trigger checks
	 * that its webhook still carries its secret).
	 */
	errorSecrets?: string[];
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * The longest Timeout a user may set: 10 minutes. Far above any answer these services take, and
 * far below 2^31 - 1 ms, past which Node's timers silently fire after 1 ms: the service would
 * act, and the item would fail as a timeout (for CCAI Platform: "the call may have been created").
 */
export const MAX_TIMEOUT_MS = 600_000;

/** Attempts after the first one, after failures other than 429. */
export const MAX_RETRIES = 4;
/**
 * 429s waited out and retried per request, apart from `MAX_RETRIES`: a 429 says the service did
 * not act on the request, so sending it again is always safe, and processes that share one limit
 * without knowing of each other (queue-mode workers) meet a few 429s while they find their share.
 */
export const MAX_RATE_LIMIT_RETRIES = 10;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 8_000;
/** A `Retry-After` longer than this is not waited for: the node fails and says when to retry. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Codes of failures that happened before a single byte of the request left n8n. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const CANCELLED_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

const NETWORK_DESCRIPTIONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset by the server',
	EPIPE: 'connection closed by the server',
};

const credentialCache = new WeakMap<object, Map<string, Promise<Connection>>>();

interface Connection {
	baseUrl: string;
	redactor: Redactor;
	/**
	 * The credential's limiter in this process (one per credential and its "Processes Sharing the
	 * Rate Limit", whatever the execution), or none where the service has no rate limit.
	 */
	limiter?: Limiter;
	/**
	 * The credential as read once per execution. n8n's helper is handed it with every request, so
	 * that it does not read the credential again for each item (in n8n: load it from the database,
	 * decrypt it and resolve its expressions). It reads it without an item index anyway, so every
	 * item of an execution gets the same one either way.
	 */
	credential: ICredentialsDecrypted;
}

/**
 * Connection reuse (keep-alive) is not used, because n8n's helper cannot reuse a connection: n8n
 * 2.41 builds a new http(s) agent for every request (`@n8n/backend-network`: setAxiosAgents →
 * buildNodeAgents), so `agentOptions: { keepAlive: true }` only leaves each request's socket open
 * until the server closes it, and no request option takes an agent. An agent of our own would mean
 * our own HTTP client, outside n8n's proxy routing, SSRF checks, redirect checks and credential
 * handling, and the community-node rules forbid importing `http` anyway. See the README's benchmark.
 */

/**
 * Sends one request for one item through n8n's `httpRequestWithAuthentication`, so that the
 * credential injects the authentication. It waits for the rate limit, retries what is safe to
 * retry, and turns every failure into a `NodeApiError` that carries the service's own message and
 * status, with the credential's secrets removed.
 */
export async function apiRequest<T = unknown>(
	context: RequestContext,
	service: ServiceDefinition,
	spec: RequestSpec,
): Promise<ApiResponse<T>> {
	const connection = await connect(context, service, spec.itemIndex);
	const forErrors = withSecrets(connection, spec.errorSecrets);
	const { limiter } = connection;
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${connection.baseUrl}${spec.path}`,
		qs: spec.qs,
		...jsonBody(spec.body),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: spec.timeout ?? timeoutOption(context, spec.itemIndex),
	};
	const credentialOptions = { credentialsDecrypted: connection.credential };

	let throttles = 0;
	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt - throttles < MAX_RETRIES;
		// A service that asked for a long pause is not waited for silently: the item fails at once.
		const pausedMs = limiter?.pausedFor() ?? 0;
		if (pausedMs > MAX_RETRY_AFTER_MS) throw pausedError(context, service, spec, pausedMs);
		const spend = await limiter?.acquire(service.cost?.(spec) ?? 1);

		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				service.credentialType,
				// n8n's helper may adjust the options it is given; each attempt gets its own copy.
				{ ...options, qs: options.qs && { ...options.qs } },
				credentialOptions,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (spend) limiter?.answered(spend);
			const failure = classifyNetworkFailure(error);
			const mayRetry = failure.kind === 'notSent' || (failure.kind === 'maybeSent' && spec.idempotent);
			if (canRetry && mayRetry) {
				await sleep(backoff(attempt));
				continue;
			}
			throw networkError(context, service, spec, forErrors, failure, options.timeout);
		}

		if (spend) limiter?.answered(spend);
		const { statusCode } = response;
		const headers = (response.headers ?? {}) as IDataObject;
		const extraCost = (service.chargedCost?.(headers) ?? 0) - (service.cost?.(spec) ?? 1);
		if (limiter && extraCost > 0) limiter.charge(extraCost);
		const left = service.remainingUnits?.(headers);
		if (limiter && left !== undefined) limiter.remaining(left);

		if (statusCode === 429) {
			// The service did not act on it: wait as long as it asks (or back off), slow the
			// limiter down for every item that shares it, then try again.
			const waitMs = retryAfterMs(headers) ?? backoff(throttles);
			limiter?.throttled(spend, waitMs);
			if (throttles < MAX_RATE_LIMIT_RETRIES && waitMs <= MAX_RETRY_AFTER_MS) {
				throttles++;
				await sleep(waitMs);
				continue;
			}
		} else if (statusCode >= 500 && (spec.idempotent || spec.retryServerErrors) && canRetry) {
			await sleep(backoff(attempt));
			continue;
		}

		if (statusCode >= 400) {
			throw statusError(context, service, spec, forErrors, response, attempt);
		}
		return {
			statusCode,
			headers,
			body: connection.redactor.value(response.body) as T,
		};
	}
}

/**
 * The body as JSON text. Handed an object, axios deep-merges it into its request config first,
 * which silently drops every key named `__proto__`, at any depth; a user's payload key or custom
 * variable of that name must reach the service like any other.
 */
function jsonBody(body: RequestSpec['body']): Pick<IHttpRequestOptions, 'body' | 'headers'> {
	if (body === undefined) return {};
	return { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

function withSecrets(connection: Connection, secrets: string[] | undefined): Connection {
	return secrets?.length ? { ...connection, redactor: connection.redactor.with(secrets) } : connection;
}

/** The decrypted credential, read once per execution context and service. */
async function connect(
	context: RequestContext,
	service: ServiceDefinition,
	itemIndex: number | undefined,
): Promise<Connection> {
	let perContext = credentialCache.get(context);
	if (!perContext) {
		perContext = new Map();
		credentialCache.set(context, perContext);
	}
	let connection = perContext.get(service.credentialType);
	if (!connection) {
		connection = (async () => {
			const credentials = await context.getCredentials(service.credentialType, itemIndex);
			let baseUrl: string;
			try {
				baseUrl = serviceBaseUrl(service, credentials);
			} catch (error) {
				throw new NodeOperationError(context.getNode(), (error as Error).message, {
					itemIndex,
					description: 'Open the credential and correct its URL fields.',
				});
			}
			const reference = context.getNode().credentials?.[service.credentialType];
			const processes = processesSharing(credentials);
			const limiterKey = `${service.credentialType}:${reference?.id ?? reference?.name ?? baseUrl}:${processes}`;
			return {
				baseUrl,
				redactor: new Redactor(credentialSecrets(context, service, credentials, itemIndex)),
				limiter: service.rateLimit ? limiterFor(limiterKey, shareOf(service.rateLimit, processes)) : undefined,
				credential: {
					id: reference?.id ?? '',
					name: reference?.name ?? service.displayName,
					type: service.credentialType,
					data: credentials,
				},
			};
		})();
		perContext.set(service.credentialType, connection);
		// A failed read is not cached, so the next item gets the real error again.
		connection.catch(() => perContext.delete(service.credentialType));
	}
	return await connection;
}

/**
 * Forgets the credential read for `context`, so that its next request reads it again. n8n hands a
 * polling trigger one context for as long as the workflow is active; a poll calls this first, so
 * that a credential edited meanwhile is used from the next poll on, as in every other node.
 */
export function forgetCredentials(context: RequestContext): void {
	credentialCache.delete(context);
}

/**
 * The base URL of the credential, without trailing slashes, for the runs and the credential tests
 * alike; an Error that says what is wrong when it is not an http(s) URL.
 */
export function serviceBaseUrl(service: ServiceDefinition, credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = service.baseUrl(credentials).trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		// Not UserError: it exists only since n8n-workflow 1.79 (n8n 1.81).
		throw new ApplicationError(`The ${service.displayName} credential's base URL "${baseUrl}" is not an http(s) URL`, {
			level: 'warning',
		});
	}
	return baseUrl;
}

/**
 * The credential's secrets, as typed and trimmed, and what is derived from them. A secret too short
 * to be a real one fails the item here, before anything is sent: the redactor could not hide it
 * without rewriting ordinary data.
 */
export function credentialSecrets(
	context: RequestContext,
	service: ServiceDefinition,
	credentials: ICredentialDataDecryptedObject,
	itemIndex?: number,
): string[] {
	const problem = secretFieldsProblem(service, credentials);
	if (problem) {
		throw new NodeOperationError(context.getNode(), problem, {
			itemIndex,
			description: `Copy the whole value again from ${service.displayName} into the credential. The node hides a secret wherever it appears, in every encoding; one this short would hide ordinary words in your data, so it is refused.`,
		});
	}
	return credentialSecretValues(service, credentials);
}

/** The values of the credential's secret fields (as typed and trimmed), and what derives from them. */
export function credentialSecretValues(service: ServiceDefinition, credentials: ICredentialDataDecryptedObject): string[] {
	const secrets = service.secretFields.flatMap(({ name }) => {
		const value = typeof credentials[name] === 'string' ? credentials[name] : '';
		return [value, value.trim()];
	});
	return [...secrets, ...(service.derivedSecrets?.(credentials) ?? [])];
}

/** What is wrong with the credential's secret fields, for the runs and the credential tests alike. */
export function secretFieldsProblem(
	service: ServiceDefinition,
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	for (const { name, label } of service.secretFields) {
		const value = credentials[name];
		const problem = secretProblem(typeof value === 'string' ? value.trim() : '');
		if (problem) return `The ${service.displayName} credential's "${label}" ${problem}`;
	}
	return undefined;
}

const timeouts = new WeakMap<object, number | 'perItem'>();

/**
 * Request Options → Timeout, checked before anything is sent. Read once per execution, unless it
 * is an expression: only then may it differ between items, and it is evaluated for each item.
 */
function timeoutOption(context: RequestContext, itemIndex: number | undefined): number {
	if (!('getInputData' in context)) return DEFAULT_TIMEOUT_MS;
	const index = itemIndex ?? 0;
	const read = (at: number): number => {
		const value = context.getNodeParameter('requestOptions.timeout', at, DEFAULT_TIMEOUT_MS) as unknown;
		if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMEOUT_MS) return value;
		throw invalidInput(
			context,
			index,
			'Timeout',
			`must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not ${shown(value)}`,
		);
	};
	let known = timeouts.get(context);
	if (known === undefined) {
		const raw = context.getNodeParameter('requestOptions.timeout', 0, DEFAULT_TIMEOUT_MS, {
			rawExpressions: true,
		});
		known = typeof raw === 'string' && raw.startsWith('=') ? 'perItem' : read(index);
		timeouts.set(context, known);
	}
	return known === 'perItem' ? read(index) : known;
}

function backoff(attempt: number): number {
	const exponential = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_MAX_MS);
	// Jitter, so that parallel items that failed together do not retry together.
	return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

function retryAfterMs(headers: IDataObject): number | undefined {
	const raw = headerValue(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function headerValue(headers: IDataObject, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

interface NetworkFailure {
	/** notSent: provably never reached the service; maybeSent: it may have; cancelled: by n8n. */
	kind: 'notSent' | 'maybeSent' | 'cancelled';
	code: string;
	timedOut: boolean;
}

/** Reads the error codes along the cause chain of what n8n's request helper threw. */
function classifyNetworkFailure(error: unknown): NetworkFailure {
	const codes: string[] = [];
	const messages: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof code === 'string') codes.push(code.toUpperCase());
		if (typeof message === 'string') messages.push(message);
		current = cause;
	}
	const timedOut =
		codes.some((code) => TIMEOUT_CODES.has(code)) || messages.some((text) => /timeout/i.test(text));
	if (codes.some((code) => CANCELLED_CODES.has(code))) {
		return { kind: 'cancelled', code: 'CANCELLED', timedOut: false };
	}
	const notSent = codes.find((code) => NOT_SENT_CODES.has(code));
	if (notSent && !timedOut) return { kind: 'notSent', code: notSent, timedOut };
	const code =
		codes.find((candidate) => candidate.startsWith('E') && !candidate.startsWith('ERR_')) ??
		(timedOut ? 'ETIMEDOUT' : (codes[0] ?? 'UNKNOWN'));
	return { kind: 'maybeSent', code, timedOut };
}

function networkError(
	context: RequestContext,
	service: ServiceDefinition,
	spec: RequestSpec,
	connection: Connection,
	failure: NetworkFailure,
	timeout: number | undefined,
): NodeApiError {
	const { redactor } = connection;
	const target = `${spec.method} ${redactor.text(connection.baseUrl)}${spec.path}`;
	let message: string;
	if (failure.kind === 'cancelled') {
		message = `The request to ${service.displayName} was cancelled`;
	} else if (failure.timedOut) {
		message = `${service.displayName} did not answer within ${timeout} ms (timeout)`;
	} else {
		const what = NETWORK_DESCRIPTIONS[failure.code] ?? 'network error';
		message = `Could not reach ${service.displayName}: ${what} (${failure.code})`;
	}
	const parts = [`Request: ${target}.`];
	if (failure.kind === 'notSent') {
		parts.push(
			`The request never reached ${service.displayName}; it was tried ${MAX_RETRIES + 1} times. Check the URL in the credential and that the service is reachable from n8n.`,
		);
	} else if (failure.kind === 'maybeSent' && !spec.idempotent) {
		parts.unshift(
			`${spec.uncertainOutcome ?? `${service.displayName} may have acted on the request`}: the request may have reached ${service.displayName} before the connection failed. It was not sent again, because repeating it is not safe; check ${service.displayName} before you run this item again.`,
		);
	}
	return apiError(context, {
		message,
		description: parts.join(' '),
		itemIndex: spec.itemIndex,
		response: { code: failure.code },
	});
}

function pausedError(
	context: RequestContext,
	service: ServiceDefinition,
	spec: RequestSpec,
	pausedMs: number,
): NodeApiError {
	const seconds = Math.ceil(pausedMs / 1000);
	const message = `${service.displayName} asked for a pause of ${seconds} s before the next request (rate limit)`;
	const description = `An earlier 429 answer said to retry after ${seconds} s, longer than the node waits. This item was not sent; run it again after that time.`;
	return apiError(context, { message, description, itemIndex: spec.itemIndex, httpCode: '429', response: { httpCode: '429' } });
}

function statusError(
	context: RequestContext,
	service: ServiceDefinition,
	spec: RequestSpec,
	connection: Connection,
	response: IN8nHttpFullResponse,
	attempt: number,
): NodeApiError {
	const { redactor } = connection;
	const status = response.statusCode;
	const body = redactor.value(response.body as unknown);
	const serviceMessage = redactor.text(
		service.errorMessage?.(body) ??
			defaultErrorMessage(body) ??
			response.statusMessage ??
			`${service.displayName} answered with an error`,
	);
	const explanation = service.explainError?.(status, serviceMessage, spec);
	const retried = attempt > 0 ? ` It was tried ${attempt + 1} times.` : '';
	const message = `${serviceMessage} (HTTP ${status})${explanation?.hint ? `: ${explanation.hint}` : ''}`;
	const description = redactor.text(
		`${explanation?.description ? `${explanation.description} ` : ''}${service.displayName} answered HTTP ${status} to ${spec.method} ${spec.path}.${retried}`,
	);
	const errorBody: JsonObject =
		body !== null && typeof body === 'object' && !Array.isArray(body)
			? (body as JsonObject)
			: { body: typeof body === 'string' ? body : null };
	return apiError(context, {
		message,
		description,
		itemIndex: spec.itemIndex,
		httpCode: String(status),
		response: errorBody,
	});
}

/**
 * A `NodeApiError` whose message and description are exactly the given ones. Every node error
 * about a service's answer is made here.
 *
 * The constructor takes them as options, and mostly keeps them; it does not always. It replaces a
 * message that mentions a Node.js error code (ECONNREFUSED, ETIMEDOUT, …: its COMMON_ERRORS) with
 * a generic sentence, which would hide the service's own words ("Upstream database ETIMEDOUT …")
 * and our network messages, which name the service and the code; and it replaces the description
 * with `response.data.message` when the service's body happens to have that shape. There is no
 * option to keep ours (`messageMapping` only swaps in another text), so the fields are set back,
 * only when the constructor changed them. test/frameworkObjects.test.ts shows both cases.
 */
export function apiError(
	context: RequestContext,
	{
		message,
		description,
		itemIndex,
		httpCode,
		response = {},
	}: { message: string; description?: string; itemIndex?: number; httpCode?: string; response?: JsonObject },
): NodeApiError {
	const error = new NodeApiError(context.getNode(), response, { message, description, httpCode, itemIndex });
	if (error.message !== message) error.message = message;
	if (description !== undefined && error.description !== description) error.description = description;
	return error;
}

/** The service's own message in an error body of a common shape (text, `message`, `error`, ...). */
export function defaultErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'error', 'error_description', 'detail', 'title']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (value && typeof value === 'object' && typeof (value as IDataObject).message === 'string') {
			return String((value as IDataObject).message);
		}
	}
	return undefined;
}
