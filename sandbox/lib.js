// @ts-check
'use strict';

/**
 * The parts every sandbox service shares: reading bodies, answering JSON, the request record,
 * and the switches tests and the demo use to inject latency and failures.
 */

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * @typedef {object} RecordedRequest
 * @property {number} seq        order of arrival, from 1
 * @property {string} at         ISO time of arrival
 * @property {string} method
 * @property {string} path       below the service prefix, without the query string
 * @property {Record<string, string>} query
 * @property {Record<string, string>} headers  lower-cased names
 * @property {string} rawBody
 * @property {unknown} json      the parsed body, or undefined when it is not JSON
 * @property {number | null} status  what the sandbox answered; null when it answered nothing
 * @property {number | null} answeredAtSeq  how many requests had arrived when it was answered: a
 *   request whose `seq` is higher arrived after this one's answer had left
 * @property {unknown} response  the body it answered with
 * @property {string | null} fault  the injected fault that answered, if any
 */

/**
 * @typedef {object} Fault
 * @property {string} [method]       only for this method
 * @property {string} [path]         only for this path (exact), or a prefix ending in '*'
 * @property {number} [times]        how many matching requests it affects (default 1)
 * @property {number} [status]       answer with this status (e.g. 500, 429)
 * @property {unknown} [body]        ... and this body (default: a message for the status)
 * @property {number} [retryAfter]   ... with this Retry-After, in seconds
 * @property {Record<string, string>} [headers]  ... and these headers (e.g. a redirect's Location)
 * @property {number} [delayMs]      wait this long before answering (or resetting)
 * @property {boolean} [reset]       destroy the connection instead of answering
 * @property {boolean} [process]     with reset: let the service act on the request first
 */

/** @returns {Promise<string>} */
function readBody(/** @type {import('http').IncomingMessage} */ req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(Object.assign(new Error('body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** @param {string} text */
function parseJson(text) {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A delay that does not keep the process alive (a test may close the sandbox while it waits). */
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** @param {number} status */
function defaultMessage(status) {
	if (status === 429) return 'Too many requests';
	if (status >= 500) return 'Server encountered a temporary error and could not complete the request at that moment. Please try again.';
	return `HTTP ${status}`;
}

/**
 * A service's request record and fault switches. Each sandbox service extends this and implements
 * `handle(request)`, returning `{ status, body, headers }`.
 */
class SandboxService {
	/** @param {string} name the URL prefix, e.g. 'callgoose' */
	constructor(name) {
		this.name = name;
		/** @type {RecordedRequest[]} */
		this.requests = [];
		/** @type {Fault[]} */
		this.faults = [];
		/** Added to every answer, in milliseconds. */
		this.latencyMs = 0;
		/** Up to this much more, at random, per answer: requests sent together come back in any order. */
		this.latencyJitterMs = 0;
		/**
		 * When on, error answers echo what was received (URL with its query string, Authorization
		 * header), as careless real services do: the node must still never show a secret.
		 */
		this.echoRequestInErrors = false;
		/** The same for every answer with a JSON object body, successful ones too. */
		this.echoRequestInAnswers = false;
		this.seq = 0;
		/** Requests being answered right now, and the most there ever were at once. */
		this.inFlight = 0;
		this.maxInFlight = 0;
		/**
		 * When above 0, every answer also waits until this many requests have been in flight at once
		 * (at most `holdTimeoutMs`): a test of concurrency then finds all the requests a client sends
		 * together in flight together, however slow the machine, and one that sends fewer shows in
		 * `maxInFlight` when the wait ends.
		 */
		this.holdUntilInFlight = 0;
		this.holdTimeoutMs = 10_000;
		/**
		 * The service's clock in milliseconds, for its time-based rules (rate limits). A test may
		 * replace it to make time stand still or jump, so that what it asserts cannot depend on how
		 * fast the machine is.
		 * @type {() => number}
		 */
		this.now = () => Date.now();
	}

	/** Back to the configured state: no requests, no faults, no data. */
	reset() {
		this.requests = [];
		this.faults = [];
		this.latencyMs = 0;
		this.latencyJitterMs = 0;
		this.echoRequestInErrors = false;
		this.echoRequestInAnswers = false;
		this.seq = 0;
		this.maxInFlight = this.inFlight;
		this.holdUntilInFlight = 0;
		this.holdTimeoutMs = 10_000;
		this.now = () => Date.now();
		// A test's stand-in for `handle` (a proxy, a change between pages) ends with the test.
		if (Object.prototype.hasOwnProperty.call(this, 'handle')) Reflect.deleteProperty(this, 'handle');
	}

	/** @param {Fault} fault */
	addFault(fault) {
		this.faults.push({ times: 1, ...fault });
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @returns {Fault | undefined}
	 */
	takeFault(method, path) {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === method) &&
				(!fault.path ||
					(fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : fault.path === path)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/**
	 * The body of an error answer: the service's message, plus the echo when that switch is on.
	 * @param {RecordedRequest} request
	 * @param {Record<string, unknown>} body
	 * @param {string} rawUrl
	 */
	errorBody(request, body, rawUrl) {
		if (!this.echoRequestInErrors && !this.echoRequestInAnswers) return body;
		return this.withEcho(request, body, rawUrl);
	}

	/**
	 * `body` with what was received: the URL exactly as it came over the wire (its query string
	 * encoded as the client encoded it) and the Authorization header.
	 * @param {RecordedRequest} request
	 * @param {Record<string, unknown>} body
	 * @param {string} rawUrl
	 */
	withEcho(request, body, rawUrl) {
		return { ...body, received: { url: rawUrl, authorization: request.headers.authorization ?? null } };
	}

	/**
	 * Answers one request. Subclasses override this.
	 * @param {RecordedRequest} _request
	 * @returns {Promise<{ status: number, body?: unknown, headers?: Record<string, string> }> | { status: number, body?: unknown, headers?: Record<string, string> }}
	 */
	handle(_request) {
		return { status: 404, body: { message: 'Not found' } };
	}

	/**
	 * Extra control routes under /_sandbox/<name>/..., for tests and the demo.
	 * @param {string} _method
	 * @param {string} _path  below /_sandbox/<name>
	 * @param {unknown} _json
	 * @returns {Promise<{ status: number, body?: unknown } | undefined> | { status: number, body?: unknown } | undefined}
	 */
	control(_method, _path, _json) {
		return undefined;
	}

	/** What the control API shows as this service's state. */
	snapshot() {
		return {};
	}

	/**
	 * Records the request, applies latency and faults, and lets the service answer.
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 * @param {string} path
	 * @param {URLSearchParams} searchParams
	 * @param {string} rawBody
	 */
	async dispatch(req, res, path, searchParams, rawBody) {
		const method = (req.method ?? 'GET').toUpperCase();
		/** @type {RecordedRequest} */
		const request = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			method,
			path,
			query: Object.fromEntries(searchParams.entries()),
			headers: Object.fromEntries(
				Object.entries(req.headers).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? '')]),
			),
			rawBody,
			json: parseJson(rawBody),
			status: null,
			answeredAtSeq: null,
			response: undefined,
			fault: null,
		};
		this.requests.push(request);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			await this.answer(req, res, request);
		} finally {
			this.inFlight--;
		}
	}

	/**
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 * @param {RecordedRequest} request
	 */
	async answer(req, res, request) {
		const { method, path } = request;
		const fault = this.takeFault(method, path);
		const jitter = this.latencyJitterMs > 0 ? Math.random() * this.latencyJitterMs : 0;
		const delay = this.latencyMs + jitter + (fault?.delayMs ?? 0);
		if (delay > 0) await sleep(delay);
		const heldUntil = Date.now() + this.holdTimeoutMs;
		while (this.maxInFlight < this.holdUntilInFlight && Date.now() < heldUntil) await sleep(5);

		if (fault?.reset) {
			request.fault = fault.process ? 'reset after processing' : 'reset';
			if (fault.process) await this.handle(request);
			req.socket.destroy();
			return;
		}

		/** @type {{ status: number, body?: unknown, headers?: Record<string, string> }} */
		let answer;
		if (fault?.status) {
			request.fault = `status ${fault.status}`;
			const headers = { ...fault.headers, ...(fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {}) };
			const body = fault.body ?? this.errorBody(request, { message: defaultMessage(fault.status) }, req.url ?? '');
			answer = { status: fault.status, body, headers };
		} else {
			answer = await this.handle(request);
			const isObject = answer.body && typeof answer.body === 'object' && !Array.isArray(answer.body);
			const body = /** @type {Record<string, unknown>} */ (answer.body);
			if (isObject && answer.status >= 400) {
				answer = { ...answer, body: this.errorBody(request, body, req.url ?? '') };
			} else if (isObject && this.echoRequestInAnswers) {
				answer = { ...answer, body: this.withEcho(request, body, req.url ?? '') };
			}
		}
		request.status = answer.status;
		request.response = answer.body;
		request.answeredAtSeq = this.seq;
		sendJson(res, answer.status, answer.body, answer.headers);
	}
}

/**
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, {
		...(body === undefined ? {} : { 'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' }),
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/**
 * A `Bearer` token from the Authorization header, or undefined.
 * @param {RecordedRequest} request
 */
function bearerToken(request) {
	const match = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '');
	return match ? match[1] : undefined;
}

/**
 * User and password from a Basic Authorization header, or undefined.
 * @param {RecordedRequest} request
 */
function basicCredentials(request) {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

module.exports = { SandboxService, readBody, parseJson, sendJson, sleep, bearerToken, basicCredentials, MAX_BODY_BYTES };
