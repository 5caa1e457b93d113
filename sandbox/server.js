// @ts-check
'use strict';

/**
 * One HTTP server on loopback that stands in for the package's services, each under its own
 * prefix: /callgoose/..., /ccai/..., /gosquared/..., and for an OpenAI-compatible model that n8n's
 * AI Agent calls the nodes as tools with: /openai/v1/... (see openai.js).
 *
 * Control API, for tests, the demo and `npm start` (never part of a real service):
 *   GET    /_sandbox/health
 *   POST   /_sandbox/reset                      all services back to their start state
 *   GET    /_sandbox/<service>                  the service's state (e.g. incidents)
 *   GET    /_sandbox/<service>/requests         every request received, in order
 *   GET    /_sandbox/<service>/stats            counts only: requests, statuses, most in flight at once,
 *                                                the TCP connections the server accepted since the last
 *                                                reset and those open now (all services, this one included)
 *   DELETE /_sandbox/<service>/requests
 *   POST   /_sandbox/<service>/faults           add a fault, see lib.js (Fault)
 *   DELETE /_sandbox/<service>/faults
 *   PUT    /_sandbox/<service>/settings         { latencyMs, latencyJitterMs, echoRequestInErrors, echoRequestInAnswers }
 *   ...and the service's own routes (e.g. GET /_sandbox/callgoose/incidents).
 */

const http = require('http');

const { CallgooseSandbox } = require('./callgoose');
const { CcaiSandbox } = require('./ccai');
const { GoSquaredSandbox } = require('./gosquared');
const { OpenAiSandbox } = require('./openai');
const { parseJson, readBody, sendJson } = require('./lib');

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port]   0 (default) picks a free port
 * @property {string} [host]   default 127.0.0.1
 * @property {{ callgoose?: ConstructorParameters<typeof CallgooseSandbox>[0], ccai?: ConstructorParameters<typeof CcaiSandbox>[0], gosquared?: ConstructorParameters<typeof GoSquaredSandbox>[0] }} [config]
 */

/**
 * @param {SandboxOptions} [options]
 */
async function startSandbox(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const services = {
		callgoose: new CallgooseSandbox(options.config?.callgoose),
		ccai: new CcaiSandbox(options.config?.ccai),
		gosquared: new GoSquaredSandbox(options.config?.gosquared),
		openai: new OpenAiSandbox(),
	};
	/** @type {Map<string, import('./lib').SandboxService>} */
	const byName = new Map(Object.values(services).map((service) => [service.name, service]));

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			sendJson(res, error.status ?? 500, { message: `sandbox error: ${error.message}` });
		});
	});
	// TCP connections accepted since the last reset: how many requests shared one (keep-alive).
	let connections = 0;
	server.on('connection', () => connections++);

	/**
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 */
	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const rawBody = await readBody(req);
		const [, first = '', ...rest] = url.pathname.split('/');
		if (first === '_sandbox') {
			const answer = await control((req.method ?? 'GET').toUpperCase(), rest, parseJson(rawBody));
			sendJson(res, answer.status, answer.body);
			return;
		}
		const service = byName.get(first);
		if (!service) {
			sendJson(res, 404, { message: `no sandbox service at /${first}` });
			return;
		}
		await service.dispatch(req, res, `/${rest.join('/')}`, url.searchParams, rawBody);
	}

	/**
	 * @param {string} method
	 * @param {string[]} segments
	 * @param {any} json
	 * @returns {Promise<{ status: number, body?: unknown }>}
	 */
	async function control(method, segments, json) {
		const [name, ...rest] = segments;
		if (name === 'health') return { status: 200, body: { ok: true, services: [...byName.keys()] } };
		if (name === 'reset' && method === 'POST') {
			for (const service of byName.values()) service.reset();
			connections = 0;
			return { status: 200, body: { ok: true } };
		}
		const service = byName.get(name ?? '');
		if (!service) return { status: 404, body: { message: `no sandbox service "${name}"` } };
		const path = `/${rest.join('/')}`;
		if (path === '/' && method === 'GET') return { status: 200, body: service.snapshot() };
		if (path === '/requests' && method === 'GET') return { status: 200, body: service.requests };
		if (path === '/stats' && method === 'GET') {
			/** @type {Record<string, number>} */
			const statuses = {};
			for (const request of service.requests) {
				const status = String(request.status);
				statuses[status] = (statuses[status] ?? 0) + 1;
			}
			const open = await new Promise((resolve) => server.getConnections((_error, count) => resolve(count)));
			return {
				status: 200,
				body: { requests: service.requests.length, statuses, maxInFlight: service.maxInFlight, connections, open },
			};
		}
		if (path === '/requests' && method === 'DELETE') {
			service.requests = [];
			return { status: 200, body: { ok: true } };
		}
		if (path === '/faults' && method === 'POST') {
			service.addFault(json ?? {});
			return { status: 200, body: service.faults };
		}
		if (path === '/faults' && method === 'DELETE') {
			service.faults = [];
			return { status: 200, body: { ok: true } };
		}
		if (path === '/settings' && method === 'PUT') {
			if (typeof json?.latencyMs === 'number') service.latencyMs = json.latencyMs;
			if (typeof json?.latencyJitterMs === 'number') service.latencyJitterMs = json.latencyJitterMs;
			if (typeof json?.echoRequestInErrors === 'boolean') service.echoRequestInErrors = json.echoRequestInErrors;
			if (typeof json?.echoRequestInAnswers === 'boolean') service.echoRequestInAnswers = json.echoRequestInAnswers;
			const { latencyMs, latencyJitterMs, echoRequestInErrors, echoRequestInAnswers } = service;
			return { status: 200, body: { latencyMs, latencyJitterMs, echoRequestInErrors, echoRequestInAnswers } };
		}
		const answer = await service.control(method, path, json);
		return answer ?? { status: 404, body: { message: `no control route ${method} ${path}` } };
	}

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve(undefined));
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const url = `http://${host}:${address.port}`;

	return {
		url,
		port: address.port,
		services,
		/** The base URL a credential should use for each service. */
		baseUrls: {
			callgoose: `${url}/callgoose`,
			ccai: `${url}/ccai/apps/api/v1`,
			gosquared: `${url}/gosquared`,
			openai: `${url}/openai/v1`,
		},
		reset() {
			for (const service of byName.values()) service.reset();
			connections = 0;
		},
		/** TCP connections accepted since the last reset. */
		get connections() {
			return connections;
		},
		close() {
			return new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve(undefined));
			});
		},
	};
}

module.exports = { startSandbox };
