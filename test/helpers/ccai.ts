/** The CCAI Platform node's tests: credentials pointing at the sandbox, and small network helpers. */
import http from 'http';
import net from 'net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_CREDENTIALS, FIRST_CALL_ID, sandboxCredentialData } from '../../sandbox/ccai';
import type { Sandbox } from './sandbox';

export { DEFAULT_CREDENTIALS as CCAI, FIRST_CALL_ID };

/** A CCAI Platform credential pointing at the sandbox; `data` replaces single fields. */
export function ccaiCredentials(
	sandbox: { baseUrls: Pick<Sandbox['baseUrls'], 'ccai'> },
	data: ICredentialDataDecryptedObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return { ccaiPlatformApi: { ...sandboxCredentialData(sandbox.baseUrls.ccai), ...data } };
}

/** What travels after `Basic ` for this pair, computed independently of the node. */
export function basicValue(username: string, password: string): string {
	return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/** The POST /calls requests the sandbox received. */
export function createRequests(sandbox: Sandbox) {
	return sandbox.services.ccai.requests.filter(
		(request) => request.method === 'POST' && request.path === '/apps/api/v1/calls',
	);
}

/** A loopback port nothing listens on (yet). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/**
 * After `delayMs`, starts forwarding `port` to the sandbox: until then, connections to it are
 * refused. Returns a function that stops the forwarder.
 */
export function forwardLater(port: number, sandbox: Sandbox, delayMs: number): () => Promise<void> {
	const target = new URL(sandbox.url);
	const server = http.createServer((req, res) => {
		const upstream = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	const timer = setTimeout(() => server.listen(port, '127.0.0.1'), delayMs);
	return async () => {
		clearTimeout(timer);
		if (!server.listening) return;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(() => resolve(undefined)));
	};
}
