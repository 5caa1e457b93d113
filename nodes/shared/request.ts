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
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { ApplicationError, NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './descriptions';
import { processesSharing } from './rateLimitShare';
import { LimiterWaitError, limiterFor, MAX_LIMITER_WAIT_MS, shareOf, type Limiter, type RateLimit, type Spend } from './rateLimiter';
import { Redactor, secretProblem } from './redaction';
import type { Parameters } from './validation';

/** Every context that may send a request: node executions, trigger hooks and polls, list searches. */
export type RequestContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * What one service needs from the request layer. Each service's `transport/index.ts` declares one
 * of these; everything else (authentication, errors, redaction, retries, rate limits) lives here.
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
	/** Units the service says it charged, read from the response headers (e.g. `x-ratelimit-cost`). */
	chargedCost?(headers: Headers): number | undefined;
	/** Units the service says are left, read from the response headers (e.g. `x-ratelimit-remaining`). */
	remainingUnits?(headers: Headers): number | undefined;
	/** The service's own message in an error body. */
	errorMessage?(body: unknown): string | undefined;
	/** A short hint appended to the message, and a longer description, for known failures. */
	explainError?(status: number, message: string, spec: RequestSpec): ErrorExplanation | undefined;
	/** What to check when an answer has an unexpected shape (e.g. "that the API URL is GoSquared's"). */
	unexpectedAnswerHint: string;
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
	/** Whether a 404 is an answer (returned, status 404) rather than a failure: "it is not there". */
	notFoundIsAnswer?: boolean;
}

/** Response headers by lower-case name; a repeated header by its first value. */
export type Headers = Record<string, string>;

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Headers;
	body: T;
}

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
/**
 * A `Retry-After` longer than this is not waited for: the item fails and says when to retry, and
 * every item that shares the limiter fails at once while the pause lasts.
 */
const MAX_RETRY_AFTER_MS = MAX_LIMITER_WAIT_MS;
/** The longest pause a limiter keeps, whatever a service asks for: a day. */
const MAX_PAUSE_MS = 86_400_000;

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

/** What a session reads of the credential, once. */
interface Connection {
	baseUrl: string;
	redactor: Redactor;
	/**
	 * The credential's limiter in this process (one per credential and its "Processes Sharing the
	 * Rate Limit", whatever the execution), or none where the service has no rate limit.
	 */
	limiter?: Limiter;
	/**
	 * The credential as read once per session. n8n's helper is handed it with every request, so
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
 * What one execution (an action node's run, a poll, an activation, a list search) reads once for
 * one service: the credential (with its base URL, its redactor and its limiter) and the Timeout
 * option. The router or the trigger creates it where the run starts, and hands each item's
 * requests an `Api`; nothing of it outlives the run, so an edited credential counts from the next.
 */
export class Session {
	private connection?: Promise<Connection>;

	/** The Timeout option when it is the same for every item; 'perItem' when it is an expression. */
	private timeoutRule?: number | 'perItem';

	constructor(
		private readonly context: RequestContext,
		readonly service: ServiceDefinition,
	) {}

	/** Requests for one item of an action, waiting `timeout` ms for each answer. */
	forItem(itemIndex: number, timeout: number): Api {
		return new Api(this, this.context.getNode(), itemIndex, timeout);
	}

	/** Requests outside items (triggers, hooks, list searches), with the default timeout. */
	api(): Api {
		return new Api(this, this.context.getNode(), undefined, DEFAULT_TIMEOUT_MS);
	}

	/**
	 * Request Options → Timeout of one item, checked while the item is prepared. Read once, unless
	 * it is an expression: only then may it differ between items, and it is evaluated for each.
	 */
	timeout(parameters: Parameters): number {
		const read = () =>
			parameters.wholeNumber('requestOptions.timeout', 'Timeout', {
				min: 1,
				max: MAX_TIMEOUT_MS,
				fallback: DEFAULT_TIMEOUT_MS,
				unit: ' of milliseconds',
			});
		if (this.timeoutRule === undefined) {
			const raw = parameters.value('requestOptions.timeout', DEFAULT_TIMEOUT_MS, { rawExpressions: true });
			this.timeoutRule = typeof raw === 'string' && raw.startsWith('=') ? 'perItem' : read();
		}
		return this.timeoutRule === 'perItem' ? read() : this.timeoutRule;
	}

	/** The credential, read on the first request. A failed read is not kept: the next request gets the real error again. */
	async connect(itemIndex: number | undefined): Promise<Connection> {
		if (!this.connection) {
			this.connection = this.readConnection(itemIndex);
			this.connection.catch(() => (this.connection = undefined));
		}
		return await this.connection;
	}

	private async readConnection(itemIndex: number | undefined): Promise<Connection> {
		const { context, service } = this;
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
		if (typeof processes === 'string') {
			throw new NodeOperationError(context.getNode(), `The ${service.displayName} credential's ${processes}`, {
				itemIndex,
				description: 'Open the credential and set how many n8n processes run workflows with it: 1 for a single n8n, the number of workers in queue mode.',
			});
		}
		const limiterKey = `${service.credentialType}:${reference?.id ?? reference?.name ?? baseUrl}:${processes}`;
		return {
			baseUrl,
			redactor: new Redactor(credentialSecrets(context.getNode(), service, credentials, itemIndex)),
			limiter: service.rateLimit ? limiterFor(limiterKey, shareOf(service.rateLimit, processes)) : undefined,
			credential: {
				id: reference?.id ?? '',
				name: reference?.name ?? service.displayName,
				type: service.credentialType,
				data: credentials,
			},
		};
	}

	/** n8n's request helper, with the credential's authentication. */
	async send(options: IHttpRequestOptions, credential: ICredentialsDecrypted): Promise<IN8nHttpFullResponse> {
		return (await this.context.helpers.httpRequestWithAuthentication.call(this.context, this.service.credentialType, options, {
			credentialsDecrypted: credential,
		})) as IN8nHttpFullResponse;
	}
}

/**
 * The requests of one item (or of one trigger or picker run) to one service, and the errors about
 * its answers. Each request goes through n8n's `httpRequestWithAuthentication`, so that the
 * credential injects the authentication; it waits for the rate limit, retries what is safe to
 * retry, and turns every failure into a `NodeApiError` that carries the service's own message and
 * status, with the credential's secrets removed.
 */
export class Api {
	constructor(
		private readonly session: Session,
		private readonly node: INode,
		readonly itemIndex: number | undefined,
		private readonly timeoutMs: number,
		/** Secrets besides the credential's, hidden in every error (e.g. a webhook's secret). */
		private readonly secrets: string[] = [],
	) {}

	/**
	 * The same requests, with `secrets` also hidden in any error they fail with (e.g. the secret in a
	 * webhook URL the GoSquared Trigger registers). Answers keep them: the caller sent them, and may
	 * compare them.
	 */
	hiding(secrets: string[]): Api {
		return new Api(this.session, this.node, this.itemIndex, this.timeoutMs, [...this.secrets, ...secrets]);
	}

	get service(): ServiceDefinition {
		return this.session.service;
	}

	async request<T = unknown>(spec: RequestSpec): Promise<ApiResponse<T>> {
		const { service } = this;
		const connection = await this.session.connect(this.itemIndex);
		const redactor = this.secrets.length ? connection.redactor.with(this.secrets) : connection.redactor;
		const cost = service.cost?.(spec) ?? 1;
		// A request that costs nothing (an endpoint outside the service's limit) neither waits for
		// the limiter nor moves it, its 429s included.
		const limiter = cost > 0 ? connection.limiter : undefined;
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${connection.baseUrl}${spec.path}`,
			qs: spec.qs,
			...jsonBody(spec.body),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Never followed: n8n's helper would send the credential again to wherever the answer
			// points (n8n 2.41 does by default, also to another host), and turn a redirected POST into
			// a GET whose answer looks like a success. A redirect is an error (see `redirectError`).
			disableFollowRedirect: true,
			timeout: this.timeoutMs,
		};

		let throttles = 0;
		for (let attempt = 0; ; attempt++) {
			const canRetry = attempt - throttles < MAX_RETRIES;
			let spend: Spend | undefined;
			try {
				spend = await limiter?.acquire(cost, MAX_RETRY_AFTER_MS);
			} catch (error) {
				// A service that asked for a long pause, or charged far beyond its budget, is not waited
				// for silently: the item fails at once, quoting the service's figure.
				if (error instanceof LimiterWaitError) throw this.waitError(error, redactor);
				throw nodeErrorOf(this.node, error, this.itemIndex);
			}

			let response: IN8nHttpFullResponse;
			try {
				// n8n's helper may adjust the options it is given; each attempt gets its own copy.
				response = await this.session.send({ ...options, qs: options.qs && { ...options.qs } }, connection.credential);
			} catch (error) {
				if (spend) limiter?.answered(spend);
				const failure = classifyNetworkFailure(error);
				const mayRetry = failure.kind === 'notSent' || (failure.kind === 'maybeSent' && spec.idempotent);
				if (canRetry && mayRetry) {
					await sleep(backoff(attempt));
					continue;
				}
				throw this.networkError(spec, redactor, connection.baseUrl, failure);
			}

			if (spend) limiter?.answered(spend);
			const { statusCode } = response;
			const headers = headersOf(response.headers);
			if (limiter && service.rateLimit) this.takeInRateHeaders(limiter, service.rateLimit, cost, headers);

			let retryAfter: string | undefined;
			if (statusCode === 429) {
				// The service did not act on it: wait as long as it asks (or back off), slow the
				// limiter down for every item that shares it, then try again.
				const asked = retryAfterMs(headers);
				retryAfter = asked === undefined ? undefined : `Retry-After: ${headers['retry-after'].slice(0, 40)}`;
				const waitMs = asked ?? backoff(throttles);
				limiter?.throttled(spend, Math.min(waitMs, MAX_PAUSE_MS), retryAfter);
				if (throttles < MAX_RATE_LIMIT_RETRIES && waitMs <= MAX_RETRY_AFTER_MS) {
					throttles++;
					await sleep(waitMs);
					continue;
				}
			} else if (statusCode >= 500 && (spec.idempotent || spec.retryServerErrors) && canRetry) {
				await sleep(backoff(attempt));
				continue;
			}

			if (statusCode >= 300 && statusCode < 400) throw this.redirectError(spec, redactor, response, options.url);
			if (statusCode >= 400 && !(statusCode === 404 && spec.notFoundIsAnswer)) {
				throw this.statusError(spec, redactor, response, attempt, retryAfter);
			}
			return { statusCode, headers, body: connection.redactor.value(response.body) as T };
		}
	}

	/** A `NodeApiError` about this item whose message and description are exactly the given ones (`nodeApiError`). */
	error(fields: { message: string; description?: string; httpCode?: string; response?: JsonObject }): NodeApiError {
		return nodeApiError(this.node, { ...fields, itemIndex: this.itemIndex });
	}

	/**
	 * Whether the service may have acted on a request of this item that failed with `error`: it
	 * answered with a 5xx, or no answer came back although the request may have left n8n (a
	 * timeout, a broken connection). Not for an answer below 500, a failure before anything was sent
	 * (`NOT_SENT_CODES`), or a cancelled execution.
	 */
	mayHaveActed(error: NodeApiError): boolean {
		const status = error.httpCode ? Number(error.httpCode) : Number.NaN;
		if (Number.isInteger(status)) return status >= 500;
		// A network failure (networkError): its code (ECONNABORTED, ECONNRESET, …) stands for the HTTP code.
		const code = error.errorResponse?.code;
		return typeof code === 'string' && code !== 'CANCELLED' && !NOT_SENT_CODES.has(code);
	}

	/** The error for an answer whose shape is not the documented one (`expected`, e.g. "a list of calls"). */
	unexpectedAnswer(expected: string, response: Pick<ApiResponse, 'statusCode' | 'body'>): NodeApiError {
		const { body } = response;
		const excerpt = typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body ?? null).slice(0, 300);
		return this.error({
			message: `${this.service.displayName} answered with something other than ${expected} (HTTP ${response.statusCode})`,
			description: `${this.service.displayName} answered in an unexpected shape. ${this.service.unexpectedAnswerHint}`,
			httpCode: String(response.statusCode),
			response: { body: new Redactor(this.secrets).text(excerpt) },
		});
	}

	private networkError(spec: RequestSpec, redactor: Redactor, baseUrl: string, failure: NetworkFailure): NodeApiError {
		const { displayName } = this.service;
		const target = `${spec.method} ${redactor.text(baseUrl)}${spec.path}`;
		let message: string;
		if (failure.kind === 'cancelled') {
			message = `The request to ${displayName} was cancelled`;
		} else if (failure.timedOut) {
			message = `${displayName} did not answer within ${this.timeoutMs} ms (timeout)`;
		} else {
			const what = NETWORK_DESCRIPTIONS[failure.code] ?? 'network error';
			message = `Could not reach ${displayName}: ${what} (${failure.code})`;
		}
		const parts = [`Request: ${target}.`];
		if (failure.kind === 'notSent') {
			parts.push(
				`The request never reached ${displayName}; it was tried ${MAX_RETRIES + 1} times. Check the URL in the credential and that the service is reachable from n8n.`,
			);
		} else if (failure.kind === 'maybeSent' && !spec.idempotent) {
			parts.unshift(
				`${spec.uncertainOutcome ?? `${displayName} may have acted on the request`}: the request may have reached ${displayName} before the connection failed. It was not sent again, because repeating it is not safe; check ${displayName} before you run this item again.`,
			);
		}
		return this.error({ message, description: parts.join(' '), response: { code: failure.code } });
	}

	/**
	 * A 3xx answer. Nothing is followed: the credential goes to its own host only, whatever an answer
	 * says. For a request that is not safe to repeat, the service may have acted before it
	 * redirected, so the error says so (the same words as for a timeout).
	 */
	private redirectError(spec: RequestSpec, redactor: Redactor, response: IN8nHttpFullResponse, url: string): NodeApiError {
		const { displayName } = this.service;
		const status = response.statusCode;
		const to = redirectTarget(headersOf(response.headers).location, url);
		const target = to === new URL(url).host ? `${to} (the same host)` : to;
		const unsafe = !['GET', 'HEAD'].includes(spec.method.toUpperCase());
		const acted = unsafe
			? ` ${spec.uncertainOutcome ?? `${displayName} may have acted on the request`}: check ${displayName} before you run this item again.`
			: '';
		return this.error({
			message: `${displayName} answered HTTP ${status}, a redirect to ${redactor.text(target)}, which the node does not follow`,
			description: redactor.text(
				`The node never follows a redirect, so that the credential is never sent anywhere but the address in the credential. If ${displayName} moved, put its new address into the credential.${acted} ${displayName} answered HTTP ${status} to ${spec.method} ${spec.path}.`,
			),
			httpCode: String(status),
			response: { httpCode: String(status) },
		});
	}

	/**
	 * What the service says of its rate limit, checked before the limiter takes it in. A request
	 * that costs more than the whole budget could never be made, so such a figure is not believed
	 * (the request counts as its assumed cost); what is left is kept between none and the whole
	 * budget. The figure as the service gave it is kept, for the message of a request that cannot
	 * wait as long as the budget needs to refill. `cost` is what `acquire` took for the request.
	 */
	private takeInRateHeaders(limiter: Limiter, rule: RateLimit, cost: number, headers: Headers): void {
		const { service } = this;
		const charged = service.chargedCost?.(headers);
		if (charged !== undefined && charged <= rule.limit) {
			const extra = charged - cost;
			if (extra > 0) limiter.charge(extra, `${service.displayName} said a request cost ${charged} units of its limit of ${rule.limit}`);
		}
		const left = service.remainingUnits?.(headers);
		if (left !== undefined) limiter.remaining(Math.min(Math.max(left, 0), rule.limit));
	}

	private waitError(wait: LimiterWaitError, redactor: Redactor): NodeApiError {
		const { displayName } = this.service;
		const seconds = Math.ceil(wait.waitMs / 1000);
		const limit = `longer than the node waits (${MAX_RETRY_AFTER_MS / 1000} s)`;
		return this.error({
			message: wait.paused
				? `${displayName} asked for a pause of ${seconds} s before the next request (rate limit)`
				: `${displayName}'s rate limit would hold this request for ${seconds} s, ${limit}`,
			description: `${wait.why ? `${redactor.text(wait.why)}: ` : ''}${wait.paused ? `a pause of ${seconds} s, ${limit}` : 'the budget is spent'}. This item was not sent; run it again after that time.`,
			httpCode: '429',
			response: { httpCode: '429' },
		});
	}

	private statusError(
		spec: RequestSpec,
		redactor: Redactor,
		response: IN8nHttpFullResponse,
		attempt: number,
		retryAfter?: string,
	): NodeApiError {
		const { service } = this;
		const status = response.statusCode;
		const body = redactor.value(response.body as unknown);
		const serviceMessage = redactor.text(
			service.errorMessage?.(body) ??
				defaultErrorMessage(body) ??
				response.statusMessage ??
				`${service.displayName} answered with an error`,
		);
		const explanation = service.explainError?.(status, serviceMessage, spec);
		const retried = `${attempt > 0 ? ` It was tried ${attempt + 1} times.` : ''}${retryAfter ? ` It asked to wait (${retryAfter}), longer than the node waits (${MAX_RETRY_AFTER_MS / 1000} s).` : ''}`;
		const message = `${serviceMessage} (HTTP ${status})${explanation?.hint ? `: ${explanation.hint}` : ''}`;
		const description = redactor.text(
			`${explanation?.description ? `${explanation.description} ` : ''}${service.displayName} answered HTTP ${status} to ${spec.method} ${spec.path}.${retried}`,
		);
		const errorBody: JsonObject =
			body !== null && typeof body === 'object' && !Array.isArray(body)
				? (body as JsonObject)
				: { body: typeof body === 'string' ? body : null };
		return this.error({ message, description, httpCode: String(status), response: errorBody });
	}
}

/**
 * Where a redirect answer points, for its error: the host of its `Location` (read against the
 * request's `url`), or why it names none. Nothing is ever sent there.
 */
export function redirectTarget(location: unknown, url: string): string {
	if (location === undefined) return 'nowhere (no Location header)';
	try {
		return new URL(String(location), url).host;
	} catch {
		return 'an address that is not a URL';
	}
}

/**
 * A `NodeApiError` whose message and description are exactly the given ones. Every node error
 * about a service's answer is made here.
 *
 * The constructor takes them as options, and mostly keeps them; it does not always. It replaces a
 * message that mentions a Node.js error code (ECONNREFUSED, ETIMEDOUT, …: its COMMON_ERRORS) with a
 * generic sentence, which would hide the service's own words ("Upstream database ETIMEDOUT …") and
 * our network messages, which name the service and the code; and it replaces the description with
 * `response.data.message` when the service's body happens to have that shape. There is no option to
 * keep ours (`messageMapping` only swaps in another text), so the fields are set back, only when the
 * constructor changed them. test/shared/frameworkObjects.test.ts shows both cases.
 */
function nodeApiError(
	node: INode,
	{
		message,
		description,
		httpCode,
		itemIndex,
		response = {},
	}: { message: string; description?: string; httpCode?: string; itemIndex?: number; response?: JsonObject },
): NodeApiError {
	const error = new NodeApiError(node, response, { message, description, httpCode, itemIndex });
	if (error.message !== message) error.message = message;
	if (description !== undefined && error.description !== description) error.description = description;
	return error;
}

/**
 * `failure` again, with `more` after its description: a new error of the same kind, with the same
 * message, status, answer and item.
 */
export function withMoreDescription(node: INode, failure: NodeApiError | NodeOperationError, more: string): NodeApiError | NodeOperationError {
	const description = `${failure.description ?? ''} ${more}`.trim();
	const itemIndex = failure.context.itemIndex as number | undefined;
	if (failure instanceof NodeApiError) {
		return nodeApiError(node, {
			message: failure.message,
			description,
			httpCode: failure.httpCode ?? undefined,
			itemIndex,
			response: (failure.errorResponse ?? {}) as JsonObject,
		});
	}
	return new NodeOperationError(node, failure.message, { description, itemIndex });
}

/**
 * `error` as the node error the user sees, naming `itemIndex` when it has no item yet. What the
 * request layer and the parameter checks throw already is one; anything else is wrapped, never
 * shown raw.
 */
export function nodeErrorOf(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
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
	node: INode,
	service: ServiceDefinition,
	credentials: ICredentialDataDecryptedObject,
	itemIndex?: number,
): string[] {
	const problem = secretFieldsProblem(service, credentials);
	if (problem) {
		throw new NodeOperationError(node, problem, {
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

/**
 * What is wrong with the credential, for the runs and the credential tests alike: a secret field
 * too short to be real, or (where the service has a rate limit) a "Processes Sharing the Rate
 * Limit" that makes no sense.
 */
export function credentialProblem(service: ServiceDefinition, credentials: ICredentialDataDecryptedObject): string | undefined {
	const secrets = secretFieldsProblem(service, credentials);
	if (secrets || !service.rateLimit) return secrets;
	const processes = processesSharing(credentials);
	return typeof processes === 'string' ? `The ${service.displayName} credential's ${processes}` : undefined;
}

/** What is wrong with the credential's secret fields. */
function secretFieldsProblem(
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

function backoff(attempt: number): number {
	const exponential = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_MAX_MS);
	// Jitter, so that parallel items that failed together do not retry together.
	return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

function retryAfterMs(headers: Headers): number | undefined {
	const raw = headers['retry-after'];
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function headersOf(raw: unknown): Headers {
	const headers: Headers = {};
	if (raw === null || typeof raw !== 'object') return headers;
	for (const [name, value] of Object.entries(raw)) {
		const first: unknown = Array.isArray(value) ? value[0] : value;
		if (first !== undefined && first !== null) headers[name.toLowerCase()] = String(first);
	}
	return headers;
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
