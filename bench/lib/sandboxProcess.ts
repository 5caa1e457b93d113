/**
 * The sandbox in a process of its own, for the benchmarks: the CPU time and memory measured in the
 * benchmark's process are then n8n's and the nodes' alone, not the server's, and every variant
 * talks to the same server over loopback. It is driven through its control API (/_sandbox/...).
 */
import { spawn, type ChildProcess } from 'child_process';
import http from 'http';
import path from 'path';

import type { RecordedRequest } from '../../sandbox/lib';
import { ROOT } from '../../test/helpers/n8n';

export type ServiceName = 'callgoose' | 'ccai' | 'gosquared';

export interface ServiceStats {
	requests: number;
	statuses: Record<string, number>;
	maxInFlight: number;
	/** TCP connections the server accepted since the last reset (all services). */
	connections: number;
	/** TCP connections open now, the one asking for the figures included. */
	open: number;
}

export interface SandboxProcess {
	url: string;
	baseUrls: Record<ServiceName, string>;
	reset(): Promise<void>;
	setLatency(service: ServiceName, latencyMs: number): Promise<void>;
	stats(service: ServiceName): Promise<ServiceStats>;
	requests(service: ServiceName): Promise<RecordedRequest[]>;
	close(): Promise<void>;
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
	const child = spawn(process.execPath, [path.join(ROOT, 'sandbox', 'cli.js'), '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await listeningUrl(child);

	// A connection of its own for each control request, closed after it: the open connections the
	// sandbox counts are then the variants' and this request's.
	const control = async (method: string, route: string, body?: unknown): Promise<unknown> =>
		await new Promise((resolve, reject) => {
			const text = body === undefined ? '' : JSON.stringify(body);
			const request = http.request(
				`${url}/_sandbox/${route}`,
				{ method, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						if ((response.statusCode ?? 500) >= 400) {
							reject(new Error(`sandbox control ${method} ${route}: HTTP ${response.statusCode}`));
						} else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
					});
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(text);
		});

	return {
		url,
		baseUrls: {
			callgoose: `${url}/callgoose`,
			ccai: `${url}/ccai/apps/api/v1`,
			gosquared: `${url}/gosquared`,
		},
		async reset() {
			await control('POST', 'reset');
		},
		async setLatency(service, latencyMs) {
			await control('PUT', `${service}/settings`, { latencyMs });
		},
		async stats(service) {
			return (await control('GET', `${service}/stats`)) as ServiceStats;
		},
		async requests(service) {
			return (await control('GET', `${service}/requests`)) as RecordedRequest[];
		},
		async close() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** Waits for the line the sandbox prints once it listens, and returns its URL. */
async function listeningUrl(child: ChildProcess): Promise<string> {
	return await new Promise((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const match = /Sandbox listening on (http:\/\/\S+)/.exec(output);
			if (match) {
				child.stdout?.off('data', onData);
				child.stdout?.resume();
				resolve(match[1]);
			}
		};
		child.stdout?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened:\n${output}`)));
	});
}
