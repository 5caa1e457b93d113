#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm start`: real n8n with this package loaded, the sandbox services, and the example workflows.
 * (`npm start` builds the package first.)
 *
 *   1. ensures the pinned n8n runtime in .cache/n8n-runtime (installs it on the first run);
 *   2. starts the sandbox on loopback;
 *   3. installs the built package into the n8n user folder (.cache/n8n-user), as n8n's
 *      community-package installer would, and starts n8n on loopback;
 *   4. on the first start, sets up the owner account; every start prints the login;
 *   5. creates the credentials for all three services, pointing at the sandbox, and imports the
 *      example workflows;
 *   6. prints the editor URL. Ctrl-C stops n8n and the sandbox.
 *
 * Options (or environment variables): --port (N8N_PORT, 5688), --broker-port
 * (N8N_RUNNERS_BROKER_PORT, 5689), --sandbox-port (SANDBOX_PORT, 5790), --user-folder (the n8n
 * user folder, .cache/n8n-user), --fresh (start from an empty n8n user folder).
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { startSandbox } = require('../sandbox/server');
const { N8nClient } = require('./lib/n8n-client');
const { N8nInstance, installPackage } = require('./lib/n8n-instance');
const { provision } = require('./lib/provision');
const { ensureRuntime, N8N_VERSION, NODE_VERSION, PROJECT_ROOT } = require('./lib/runtime');

/** @param {string} name */
function option(name) {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

/** How long a sandbox call stays in each status (assigned → connecting → connected → finished). */
const DEMO_CALL_STEP_MS = 5000;

const USER_FOLDER = path.resolve(option('user-folder') ?? path.join(PROJECT_ROOT, '.cache', 'n8n-user'));
const LOGIN_FILE = path.join(USER_FOLDER, 'login.json');

function login() {
	if (fs.existsSync(LOGIN_FILE)) return JSON.parse(fs.readFileSync(LOGIN_FILE, 'utf8'));
	// n8n wants 8 to 64 characters with a digit and an upper-case letter.
	const owner = { email: 'owner@example.com', password: `Demo-${crypto.randomBytes(9).toString('base64url')}9A` };
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.writeFileSync(LOGIN_FILE, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return owner;
}

async function main() {
	const port = Number(option('port') ?? process.env.N8N_PORT ?? 5688);
	const brokerPort = Number(option('broker-port') ?? process.env.N8N_RUNNERS_BROKER_PORT ?? 5689);
	const sandboxPort = Number(option('sandbox-port') ?? process.env.SANDBOX_PORT ?? 5790);
	if (new Set([port, brokerPort, sandboxPort]).size !== 3 || [port, sandboxPort].includes(5679)) {
		throw new Error('n8n, its task broker and the sandbox need three different ports, none of them 5679 unless it is the broker');
	}
	if (process.argv.includes('--fresh')) fs.rmSync(USER_FOLDER, { recursive: true, force: true });

	await ensureRuntime({ log: (line) => console.log(line) });

	// Calls move on by themselves, a status every 5 seconds: a call placed is finished 15 s later.
	const sandbox = await startSandbox({ port: sandboxPort, config: { ccai: { progressStepMs: DEMO_CALL_STEP_MS } } });
	console.log(`Sandbox listening on ${sandbox.url}`);

	installPackage(USER_FOLDER);
	const logFile = path.join(USER_FOLDER, 'n8n.log');
	const n8n = new N8nInstance({ userFolder: USER_FOLDER, port, brokerPort, logFile });

	let stopping = false;
	const stop = async (/** @type {number} */ code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		await n8n.stop();
		await sandbox.close();
		console.log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	// Whatever happens, no n8n process outlives this one.
	process.on('exit', () => n8n.killNow());

	console.log(`Starting n8n ${N8N_VERSION} on Node ${NODE_VERSION} (log: ${path.relative(process.cwd(), logFile)})...`);
	const started = Date.now();
	try {
		await n8n.start();
	} catch (error) {
		await sandbox.close();
		throw error;
	}
	console.log(`n8n is ready (${Math.round((Date.now() - started) / 1000)} s).`);

	const client = new N8nClient(n8n.url);
	const owner = login();
	const account = await client.ownerLogin(owner);
	const { credentials, workflows } = await provision(client, sandbox);
	// The chained example is activated: its GoSquared Trigger registers at the sandbox (which
	// starts empty each time) and its CCAI Platform Trigger starts polling.
	for (const workflow of workflows.filter((candidate) => candidate.activeOnStart)) {
		await client.activate(workflow.id);
	}

	console.log('');
	console.log(`  Editor:     ${n8n.url}/`);
	console.log(`  Login:      ${owner.email} / ${owner.password}${account === 'created' ? '   (owner account created now)' : ''}`);
	console.log(`  Credentials (pointing at the sandbox): ${Object.values(credentials).map((credential) => credential.name).join(', ')}`);
	console.log('  Example workflows:');
	for (const workflow of workflows) {
		console.log(`    - ${workflow.name}${workflow.activeOnStart ? ' (active)' : ''}: ${n8n.url}/workflow/${workflow.id}`);
	}
	console.log(`  Sandbox:    ${sandbox.url}/_sandbox/health  (what the services received: ${sandbox.url}/_sandbox/<service>/requests)`);
	console.log(`  Try it:     curl -X POST ${sandbox.url}/_sandbox/gosquared/fire -d '{"event":"traffic_dip"}'`);
	console.log('              (GoSquared reports a traffic dip: the active workflow opens an incident and places a call;');
	console.log(`              the call finishes ${(3 * DEMO_CALL_STEP_MS) / 1000} s later, and within a minute the CCAI Platform Trigger resolves the incident)`);
	console.log(`  Watch it:   curl ${sandbox.url}/_sandbox/callgoose   (the incident)    curl ${sandbox.url}/_sandbox/ccai   (the calls)`);
	console.log('');
	console.log('Press Ctrl-C to stop n8n and the sandbox.');
}

main().catch((error) => {
	console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
