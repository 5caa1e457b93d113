#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run start:queue`: the package in n8n's queue mode, the way it runs at scale, on this machine
 * (`npm run start:queue` builds the package first):
 *   PostgreSQL 17 (from the npm registry, installed on first use) and Redis (Debian's package),
 *   n8n main, two workers and one webhook processor (the pinned runtime), each n8n process with
 *   its own user folder and the package installed there with `npm install`, the sandbox, the
 *   credentials and the example workflows.
 * It prints which process is which. Ctrl-C stops everything.
 *
 * Options: --port (the editor, 5688), --webhook-port (the webhook processor, 5692), --sandbox-port
 * (5790), --workers (2), --fresh (start from empty data). Everything else takes a free port.
 * Data, user folders and logs are in .cache/queue.
 */

const fs = require('fs');
const path = require('path');

const { DEFAULT_ROOT, startQueueStack } = require('./lib/queue-stack');
const { redisVersion } = require('./lib/redis');
const { N8N_VERSION, NODE_VERSION } = require('./lib/runtime');

/** @param {string} name */
function option(name) {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

const ROLES = {
	main: 'editor, REST API, activates triggers',
	worker: 'runs the executions',
	webhook: 'production webhooks (WEBHOOK_URL)',
};

async function main() {
	const ports = {
		main: Number(option('port') ?? process.env.N8N_PORT ?? 5688),
		webhook: Number(option('webhook-port') ?? 5692),
		sandbox: Number(option('sandbox-port') ?? process.env.SANDBOX_PORT ?? 5790),
	};
	if (new Set(Object.values(ports)).size !== 3) throw new Error('--port, --webhook-port and --sandbox-port must differ');
	const root = path.resolve(option('root') ?? DEFAULT_ROOT);
	if (process.argv.includes('--fresh')) fs.rmSync(root, { recursive: true, force: true });

	/** @type {Awaited<ReturnType<typeof startQueueStack>> | undefined} */
	let stack;
	/** @type {Array<() => void>} */
	const kills = [];
	let stopping = false;
	const stop = async (/** @type {number} */ code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n (main, workers, webhook processor), the sandbox, Redis and PostgreSQL...');
		// Interrupted while starting: what is already running is killed on exit (below).
		await stack?.stop();
		console.log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	// Whatever happens, no process of the stack outlives this one.
	process.on('exit', () => kills.forEach((kill) => kill()));

	const started = Date.now();
	stack = await startQueueStack({
		root,
		ports,
		workers: Number(option('workers') ?? 2),
		log: (line) => console.log(line),
		onSpawn: (kill) => kills.push(kill),
	});
	if (stopping) return;
	console.log(`The queue-mode stack is ready (${Math.round((Date.now() - started) / 1000)} s).`);

	const relative = (/** @type {string} */ file) => path.relative(process.cwd(), file);
	const rows = [
		['process', 'role', 'pid', 'ports', 'log'],
		...Object.values(stack.processes).map((entry) => [
			entry.name,
			ROLES[entry.role],
			String(entry.instance.child?.pid ?? ''),
			Object.entries(entry.ports)
				.map(([name, port]) => `${name === 'broker' ? 'task broker' : name} ${port}`)
				.join(', '),
			relative(entry.logFile),
		]),
		['PostgreSQL', `database (PostgreSQL ${stack.postgres.serverVersion})`, String(stack.postgres.pid ?? ''), String(stack.postgres.port), relative(stack.postgres.logFile)],
		['Redis', `queue (redis-server ${redisVersion()})`, String(stack.redis.pid ?? ''), String(stack.redis.port), relative(stack.redis.logFile)],
		['sandbox', 'Callgoose, CCAI Platform, GoSquared', String(process.pid), String(stack.sandbox.port), '(this process)'],
	];
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	console.log('');
	console.log(`  n8n ${N8N_VERSION} on Node ${NODE_VERSION}, queue mode (EXECUTIONS_MODE=queue), all on 127.0.0.1:`);
	for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()}`);
	if (stack.postgres.note) console.log(`  Note: ${stack.postgres.note}.`);
	console.log('');
	// npm's own report, e.g. "added 1 package in 2s" (or "changed 1 package" when it updates a build).
	const installs = Object.values(stack.processes)
		.map((entry) => `${entry.name}: ${/(added|changed) \d+ packages?/.exec(entry.install.output)?.[0] ?? entry.install.output}`)
		.join(', ');
	console.log(`  Package: npm install ${relative(stack.tarball)} in each process's <user folder>/.n8n/nodes (${installs})`);
	console.log(`  Editor:   ${stack.processes.main.instance.url}/`);
	console.log(`  Login:    ${stack.owner.email} / ${stack.owner.password}${stack.account === 'created' ? '   (owner account created now)' : ''}`);
	console.log(`  Webhooks: ${stack.webhookUrl} (the webhook processor; the main instance answers no production webhooks)`);
	console.log(`  Credentials (pointing at the sandbox): ${Object.values(stack.provisioned.credentials).map((credential) => credential.name).join(', ')}`);
	console.log('  Example workflows:');
	for (const workflow of stack.provisioned.workflows) {
		console.log(`    - ${workflow.name}${workflow.activeOnStart ? ' (active)' : ''}: ${stack.processes.main.instance.url}/workflow/${workflow.id}`);
	}
	console.log(`  Sandbox:  ${stack.sandbox.url}/_sandbox/health  (what the services received: ${stack.sandbox.url}/_sandbox/<service>/requests)`);
	console.log(`  Try it:   curl -X POST ${stack.sandbox.url}/_sandbox/gosquared/fire -d '{"event":"traffic_dip"}'`);
	console.log('            (GoSquared posts to the webhook processor, a worker runs the chain: an incident, then a call;');
	console.log('            the call finishes about 15 s later, and within a minute the CCAI Platform Trigger resolves the incident;');
	console.log(`            each worker's log says which executions it ran: "Worker finished execution <id>")`);
	console.log('');
	console.log('Press Ctrl-C to stop everything.');
}

main().catch((error) => {
	console.error(`npm run start:queue failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
