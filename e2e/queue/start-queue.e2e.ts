/**
 * `npm run start:queue` as a newcomer runs it (after the build): the whole queue-mode stack, a
 * summary that says which process is which, a GoSquared delivery that runs the active example
 * through the webhook processor and a worker, and Ctrl-C that leaves no process and no port.
 */
import { spawn, type ChildProcess } from 'child_process';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import path from 'path';

import axios from 'axios';

import { freePort, portInUse } from '../../scripts/lib/n8n-instance';
import { processesWith, waitFor } from '../../scripts/lib/processes';
import { PROJECT_ROOT } from '../../scripts/lib/runtime';

let child: ChildProcess | undefined;
let output = '';
const root = mkdtempSync(path.join(PROJECT_ROOT, '.cache', 'e2e-start-queue-'));
// As a folder made with mkdir would be, so that PostgreSQL's own user can enter it.
chmodSync(root, 0o755);

afterAll(async () => {
	// A failed test still stops the stack the way a user does (Ctrl-C): SIGKILL would leave it running.
	if (child && child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((resolve) => child?.once('exit', resolve));
		child.kill('SIGINT');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 90_000))]);
	}
	rmSync(root, { recursive: true, force: true });
}, 120_000);

test('starts Postgres, Redis, main, two workers and a webhook processor; Ctrl-C stops them all', async () => {
	const ports = { main: await freePort(), webhook: await freePort(), sandbox: await freePort() };
	child = spawn(
		process.execPath,
		[
			'scripts/start-queue.js',
			'--port', String(ports.main),
			'--webhook-port', String(ports.webhook),
			'--sandbox-port', String(ports.sandbox),
			'--root', root,
		],
		{ cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
	await waitFor(
		'npm run start:queue to come up',
		() => {
			if (child?.exitCode !== null) throw new Error(`start:queue exited:\n${output}`);
			return output.includes('Press Ctrl-C') ? true : undefined;
		},
		10 * 60_000,
		500,
	);

	// The summary names every process with its role, pid and ports.
	const row = (name: string) => {
		const line = output.split('\n').find((candidate) => candidate.trimStart().startsWith(`${name} `));
		if (!line) throw new Error(`no summary line for ${name}:\n${output}`);
		return line;
	};
	expect(row('main')).toContain(`http ${ports.main}`);
	expect(row('worker-1')).toContain('runs the executions');
	expect(row('worker-2')).toContain('runs the executions');
	expect(row('webhook-1')).toContain(`http ${ports.webhook}`);
	// The server's own version (SHOW server_version): n8n 2.41 supports 17 and newer.
	expect(Number(/database \(PostgreSQL (\d+)\.\d+\)/.exec(row('PostgreSQL'))?.[1])).toBeGreaterThanOrEqual(17);
	expect(row('Redis')).toMatch(/queue \(redis-server \d+\.\d+/);
	expect(output).toMatch(/main: added 1 package, worker-1: added 1 package, worker-2: added 1 package, webhook-1: added 1 package\)/);
	expect(output).toContain(`Webhooks: http://127.0.0.1:${ports.webhook}/`);
	// The ports column (the fourth), e.g. "health 40123, task broker 40125".
	const portsOf = (name: string) => [...row(name).trim().split(/\s{2,}/)[3].matchAll(/\d+/g)].map((match) => Number(match[0]));
	const stackPorts = ['main', 'worker-1', 'worker-2', 'webhook-1', 'PostgreSQL', 'Redis', 'sandbox'].flatMap(portsOf);
	// main and each worker: 2 (their own and a task broker); the rest 1 each.
	expect(stackPorts).toHaveLength(10);
	expect(stackPorts).toEqual(expect.arrayContaining(Object.values(ports)));
	const [redisPort] = portsOf('Redis');

	// The command it prints runs the active example: GoSquared → webhook processor → a worker.
	const sandbox = `http://127.0.0.1:${ports.sandbox}`;
	expect(output).toContain(`curl -X POST ${sandbox}/_sandbox/gosquared/fire -d '{"event":"traffic_dip"}'`);
	const fired = await axios.post(`${sandbox}/_sandbox/gosquared/fire`, { event: 'traffic_dip' });
	expect(fired.data.deliveries.map((delivery: { url: string; status: number }) => [new URL(delivery.url).port, delivery.status])).toEqual([
		[String(ports.webhook), 200],
	]);
	const calls = async () => (await axios.get(`${sandbox}/_sandbox/ccai`)).data.calls.filter((call: { id: number }) => call.id >= 1000);
	await waitFor('the call of the chained workflow', async () => ((await calls()).length === 1 ? true : undefined), 60_000);

	child.kill('SIGINT');
	expect(await exited).toBe(0);
	expect(output).toContain('Stopped.');
	for (const port of new Set(stackPorts)) expect({ port, inUse: await portInUse(port) }).toEqual({ port, inUse: false });
	// No n8n process or task runner (they carry their user folder), no Postgres, no Redis.
	for (const name of ['main', 'worker-1', 'worker-2', 'webhook-1']) {
		expect({ name, left: processesWith(`N8N_USER_FOLDER=${path.join(root, name)}`) }).toEqual({ name, left: [] });
	}
	expect(processesWith(path.join(root, 'postgres'), { inCommandLine: true })).toEqual([]);
	// Redis shows itself as "redis-server 127.0.0.1:<port>".
	expect(processesWith(`127.0.0.1:${redisPort}`, { inCommandLine: true })).toEqual([]);
}, 12 * 60_000);
