// @ts-check
'use strict';

/**
 * n8n's queue mode on one machine, as its users run it on several:
 * - PostgreSQL 17 (the npm registry's build, installed on first use; see ./postgres.js) as the
 *   database, Redis (Debian's `redis-server`) as the queue, each on a free loopback port with its
 *   data under the stack's folder;
 * - one main instance (editor, REST API, trigger activation; it runs no production webhooks);
 * - `workers` worker processes that run the executions (`n8n worker`);
 * - one webhook processor that takes production webhooks (`n8n webhook`); `WEBHOOK_URL` points at
 *   it, so the URLs triggers register at services are its URLs;
 * - the sandbox, and the credentials and example workflows of `npm start`.
 *
 * Every n8n process has its own user folder, like a separate machine or container, and the package
 * is installed into each the way the README tells users: `npm install <package>` in
 * `<user folder>/.n8n/nodes`. All share one N8N_ENCRYPTION_KEY, as queue mode requires.
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { startSandbox } = require('../../sandbox/server');

/** How often the demo sandbox moves a placed call to its next status, as in `npm start`. */
const DEMO_CALL_STEP_MS = 5000;
const { N8nClient } = require('./n8n-client');
const { freePort, N8nInstance, npmInstallPackage, packPackage, PACKAGE } = require('./n8n-instance');
const { startPostgres } = require('./postgres');
const { signalGroup } = require('./processes');
const { provision } = require('./provision');
const { startRedis } = require('./redis');
const { ensureRuntime, PROJECT_ROOT } = require('./runtime');

const DEFAULT_ROOT = path.join(PROJECT_ROOT, '.cache', 'queue');

/**
 * @typedef {object} QueueProcess
 * @property {string} name       main, worker-1, worker-2, webhook-1
 * @property {'main' | 'worker' | 'webhook'} role
 * @property {N8nInstance} instance
 * @property {string} userFolder
 * @property {string} logFile
 * @property {Record<string, number>} ports
 * @property {ReturnType<typeof npmInstallPackage>} install  what `npm install` did, and every package under node_modules
 */

/**
 * Starts the whole stack. Everything listens on 127.0.0.1; ports not given are free ports.
 * @param {object} [options]
 * @param {string} [options.root]          where data, user folders and logs go (.cache/queue)
 * @param {number} [options.workers]       how many workers (2)
 * @param {number} [options.concurrency]   executions each worker runs at once (n8n's default: 10)
 * @param {{ main?: number, webhook?: number, sandbox?: number }} [options.ports]
 * @param {Record<string, string>} [options.env]  extra environment for every n8n process
 * @param {(line: string) => void} [options.log]
 * @param {boolean} [options.activate]     activate the examples `npm start` activates (true)
 * @param {(killNow: () => void) => void} [options.onSpawn]  told how to kill each server it starts, at
 *   once, so that a caller interrupted before the stack is up can still leave nothing behind
 */
async function startQueueStack(options = {}) {
	const root = path.resolve(options.root ?? DEFAULT_ROOT);
	const log = options.log ?? (() => {});
	const workerCount = options.workers ?? 2;
	fs.mkdirSync(root, { recursive: true });
	await ensureRuntime({ log });

	/** Stopped in reverse order: n8n first (all together), then the sandbox, Redis, Postgres. */
	/** @type {Array<() => Promise<unknown>>} */
	const stoppers = [];
	/** @type {Array<() => Promise<unknown>>} */
	const n8nStoppers = [];
	/** @type {Array<() => void>} */
	const killers = [];
	const track = (/** @type {() => void} */ kill) => {
		killers.push(kill);
		options.onSpawn?.(kill);
	};
	const stopAll = async () => {
		await Promise.all(n8nStoppers.splice(0).map((stop) => stop().catch(() => undefined)));
		for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
	};
	try {
		log('Starting PostgreSQL and Redis...');
		const [postgres, redis] = await Promise.all([
			startPostgres({ root: path.join(root, 'postgres'), log }),
			startRedis({ root: path.join(root, 'redis') }),
		]);
		stoppers.push(() => postgres.stop(), () => redis.stop());
		track(() => postgres.killNow());
		track(() => redis.killNow());

		// As in `npm start`: for the demo, placed calls move on by themselves (the active example's
		// CCAI Platform Trigger resolves the incident once the call has finished); tests drive them.
		const config = options.activate === false ? {} : { ccai: { progressStepMs: DEMO_CALL_STEP_MS } };
		const sandbox = await startSandbox({ port: options.ports?.sandbox ?? (await freePort()), config });
		stoppers.push(() => sandbox.close());

		const secrets = stackSecrets(root);
		const mainPort = options.ports?.main ?? (await freePort());
		const webhookPort = options.ports?.webhook ?? (await freePort());
		const shared = {
			EXECUTIONS_MODE: 'queue',
			...postgres.n8nEnv(),
			...redis.n8nEnv(),
			N8N_ENCRYPTION_KEY: secrets.encryptionKey,
			// Production webhooks are served by the webhook processor: the URLs triggers register
			// at GoSquared are its URLs.
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
			// "Execute workflow" in the editor and the REST API's runs go to the workers too.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...options.env,
		};

		const tarballDir = path.join(root, 'package');
		fs.rmSync(tarballDir, { recursive: true, force: true });
		fs.mkdirSync(tarballDir, { recursive: true });
		const tarball = packPackage(tarballDir);

		/** @type {Array<{ name: string, role: 'main' | 'worker' | 'webhook', port: number, brokerPort?: number, env: Record<string, string>, args?: string[] }>} */
		const plan = [
			{
				name: 'main',
				role: 'main',
				port: mainPort,
				brokerPort: await freePort(),
				env: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			},
		];
		for (let index = 1; index <= workerCount; index++) {
			const healthPort = await freePort();
			plan.push({
				name: `worker-${index}`,
				role: 'worker',
				port: healthPort,
				brokerPort: await freePort(),
				env: {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
				args: options.concurrency === undefined ? [] : [`--concurrency=${options.concurrency}`],
			});
		}
		plan.push({ name: 'webhook-1', role: 'webhook', port: webhookPort, env: {} });

		/** @type {Record<string, QueueProcess>} */
		const processes = {};
		for (const entry of plan) {
			const userFolder = path.join(root, entry.name);
			const install = npmInstallPackage(userFolder, tarball, { manifest: true });
			const logFile = path.join(root, 'logs', `${entry.name}.log`);
			const instance = new N8nInstance({
				userFolder,
				port: entry.port,
				brokerPort: entry.brokerPort,
				logFile,
				command: entry.role === 'main' ? 'start' : entry.role,
				args: entry.args,
				env: { ...shared, ...entry.env },
			});
			processes[entry.name] = {
				name: entry.name,
				role: entry.role,
				instance,
				userFolder,
				logFile,
				ports: { [entry.role === 'worker' ? 'health' : 'http']: entry.port, ...(entry.brokerPort ? { broker: entry.brokerPort } : {}) },
				install,
			};
			n8nStoppers.push(() => instance.stop());
			track(() => instance.killNow());
		}

		// The main instance migrates the database; the others start once it has.
		log('Starting n8n main...');
		await processes.main.instance.start();
		log(`Starting ${workerCount} workers and a webhook processor...`);
		await Promise.all(Object.values(processes).filter((entry) => entry.role !== 'main').map((entry) => entry.instance.start()));

		const client = new N8nClient(processes.main.instance.url);
		const owner = ownerLogin(root);
		const account = await client.ownerLogin(owner);
		const provisioned = await provision(client, sandbox);
		if (options.activate !== false) {
			for (const workflow of provisioned.workflows.filter((candidate) => candidate.activeOnStart)) {
				await client.activate(workflow.id);
			}
		}

		return {
			root,
			postgres,
			redis,
			sandbox,
			processes,
			client,
			owner,
			account,
			provisioned,
			tarball,
			webhookUrl: shared.WEBHOOK_URL,
			/** Names of the worker processes. */
			workers: Object.values(processes).filter((entry) => entry.role === 'worker').map((entry) => entry.name),
			/**
			 * Stops one n8n process (SIGTERM: a worker first finishes what it runs) and starts it again.
			 * @param {string} name
			 */
			async restart(name) {
				const target = processes[name];
				await target.instance.stop();
				await target.instance.start();
				if (target.role === 'main') await client.ownerLogin(owner);
			},
			/**
			 * SIGKILL to one n8n process and its task runners, as when its machine dies.
			 * @param {string} name
			 */
			async kill(name) {
				const { instance } = processes[name];
				signalGroup(instance.child?.pid, 'SIGKILL');
				await instance.exited;
			},
			/**
			 * The workers whose log says they ran the execution ("Worker finished execution <id>").
			 * @param {string} executionId
			 */
			workersThatRan(executionId) {
				const pattern = new RegExp(`Worker (?:started|finished) execution ${executionId} \\(`);
				return Object.values(processes)
					.filter((entry) => entry.role === 'worker' && fs.existsSync(entry.logFile) && pattern.test(fs.readFileSync(entry.logFile, 'utf8')))
					.map((entry) => entry.name);
			},
			stop: stopAll,
			/** Synchronous, for `process.on('exit')`. */
			killNow() {
				for (const kill of killers) kill();
			},
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * The stack's encryption key, kept with its data so that a restarted stack can read the
 * credentials it stored.
 * @param {string} root
 */
function stackSecrets(root) {
	const file = path.join(root, 'secrets.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const secrets = { encryptionKey: crypto.randomBytes(24).toString('base64url') };
	fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}

/**
 * The owner account of the stack's n8n, created on first use.
 * @param {string} root
 */
function ownerLogin(root) {
	const file = path.join(root, 'login.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	// n8n wants 8 to 64 characters with a digit and an upper-case letter.
	const owner = { email: 'owner@example.com', password: `Queue-${crypto.randomBytes(9).toString('base64url')}9A` };
	fs.writeFileSync(file, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return owner;
}

module.exports = { startQueueStack, DEFAULT_ROOT, PACKAGE };
