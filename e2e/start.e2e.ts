/**
 * `npm start` as a newcomer runs it (after the build): n8n with the package, the sandbox and the
 * examples, a delivery that runs the active example, and Ctrl-C that stops everything.
 */
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import path from 'path';

import axios from 'axios';

import { N8nClient } from '../scripts/lib/n8n-client';
import { freePort, portInUse } from '../scripts/lib/n8n-instance';
import { PROJECT_ROOT } from '../scripts/lib/runtime';

let child: ChildProcess | undefined;
let output = '';
const userFolder = mkdtempSync(path.join(PROJECT_ROOT, '.cache', 'e2e-start-'));

afterAll(() => {
	if (child && child.exitCode === null) child.kill('SIGKILL');
	rmSync(userFolder, { recursive: true, force: true });
});

test('starts n8n with the package, the sandbox and the examples; Ctrl-C stops them all', async () => {
	const ports = { n8n: await freePort(), broker: await freePort(), sandbox: await freePort() };
	child = spawn(
		process.execPath,
		[
			'scripts/start.js',
			'--port', String(ports.n8n),
			'--broker-port', String(ports.broker),
			'--sandbox-port', String(ports.sandbox),
			'--user-folder', userFolder,
		],
		{ cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

	const deadline = Date.now() + 10 * 60_000;
	while (!output.includes('Press Ctrl-C')) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}

	// What it printed is what a newcomer uses.
	const editor = /Editor:\s+(\S+)/.exec(output)?.[1];
	const login = /Login:\s+(\S+) \/ (\S+)/.exec(output);
	expect(editor).toBe(`http://127.0.0.1:${ports.n8n}/`);
	expect(output).toContain('(owner account created now)');
	const client = new N8nClient(editor!);
	await client.ownerLogin({ email: login![1], password: login![2] });
	const workflows = (await client.get('/rest/workflows')) as Array<{ name: string; active: boolean }>;
	expect(workflows.map((workflow) => [workflow.name, workflow.active]).sort()).toEqual([
		['CCAI Platform: flag a call\'s customer, then read the flags back', false],
		['Callgoose: open an incident, then resolve it', false],
		['Callgoose: run an automation workflow every 15 minutes', false],
		['Support call ended: update the caller in GoSquared, open an incident when the call failed', false],
		['Traffic dip: open a Callgoose incident and call the on-call agent', false],
		// The whole chain is the one npm start activates.
		['Traffic dip: open an incident, call the on-call agent, resolve when the call finished', true],
	]);
	const credentials = (await client.get('/rest/credentials')) as Array<{ type: string; name: string }>;
	// Callgoose has two: its Incident tokens and its Request tokens each work only on their own endpoint.
	expect(credentials.map((credential) => `${credential.type}: ${credential.name}`).sort()).toEqual([
		'callgooseApi: Callgoose (sandbox)',
		'callgooseApi: Callgoose Request token (sandbox)',
		'ccaiPlatformApi: Google CCAI Platform (sandbox)',
		'goSquaredApi: GoSquared (sandbox)',
	]);

	// The command it prints makes the active example run.
	const sandbox = `http://127.0.0.1:${ports.sandbox}`;
	expect(output).toContain(`curl -X POST ${sandbox}/_sandbox/gosquared/fire -d '{"event":"traffic_dip"}'`);
	const fired = await axios.post(`${sandbox}/_sandbox/gosquared/fire`, { event: 'traffic_dip' });
	expect(fired.data.deliveries.map((delivery: { status: number }) => delivery.status)).toEqual([200]);
	const incidents = async () => (await axios.get(`${sandbox}/_sandbox/callgoose`)).data.incidents as unknown[];
	for (let waited = 0; (await incidents()).length === 0 && waited < 15_000; waited += 250) {
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(await incidents()).toHaveLength(1);
	// The call placed moves on by itself in the demo (a status every 5 s) until it has finished.
	const calls = async () => (await axios.get(`${sandbox}/_sandbox/ccai`)).data.calls as Array<{ id: number; status: string }>;
	const placed = (await calls()).at(-1)!;
	expect(placed.id).toBeGreaterThanOrEqual(1000);
	for (let waited = 0; (await calls()).find((call) => call.id === placed.id)?.status !== 'finished' && waited < 30_000; waited += 500) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	expect((await calls()).find((call) => call.id === placed.id)?.status).toBe('finished');

	child.kill('SIGINT');
	expect(await exited).toBe(0);
	expect(output).toContain('Stopped.');
	for (const port of Object.values(ports)) expect(await portInUse(port)).toBe(false);
	// No n8n process or task runner of this start is left (they carry its user folder).
	expect(processesWith(`N8N_USER_FOLDER=${userFolder}`)).toEqual([]);
}, 12 * 60_000);

/** Processes whose environment contains `entry` (Linux /proc). */
function processesWith(entry: string): string[] {
	if (!existsSync('/proc')) return [];
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((pid) => {
			try {
				return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry);
			} catch {
				return false;
			}
		});
}
