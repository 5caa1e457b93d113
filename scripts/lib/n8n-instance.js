// @ts-check
'use strict';

/**
 * One real n8n process on loopback, with this package installed the way n8n's community-package
 * installer installs it (or the way the README's manual install does), started and stopped
 * cleanly (its task runners with it). The pinned runtime unless another one is given.
 */

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const { nodeEnv, paths, PROJECT_ROOT } = require('./runtime');

const PACKAGE = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));

/**
 * Packs the built package (as `npm publish` would) and unpacks it into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, where n8n's installer puts community packages and
 * where n8n loads them from at start-up. Replaces an earlier copy.
 * @param {string} userFolder
 */
function installPackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE.name);
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	try {
		const tarball = packPackage(scratch);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: PACKAGE.version } }, null, 2),
	);
	return target;
}

/**
 * Packs the built package (as `npm publish` would) into the folder and returns the tarball's path.
 * @param {string} destination
 */
function packPackage(destination) {
	if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	fs.mkdirSync(destination, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [{ filename }] = JSON.parse(output);
	return path.join(destination, filename);
}

/**
 * The README's manual install: `npm install <tarball>` in an empty `<userFolder>/.n8n/nodes`, run
 * by the npm on the machine with the given runtime's Node first on PATH, as a user's shell would
 * (none of this project's npm settings, such as ignore-scripts, reach it). Returns what npm put
 * into node_modules, so that a caller can check that it added the package and nothing else.
 * With `manifest`, the folder first gets the package.json n8n itself writes there on its first
 * start (unless it has one), so that npm installs there even in a user folder inside a project,
 * and an earlier install in it is updated.
 * @param {string} userFolder
 * @param {string} tarball
 * @param {{ runtime?: import('./runtime').RuntimePaths, manifest?: boolean }} [options]
 */
function npmInstallPackage(userFolder, tarball, { runtime = paths, manifest = false } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageJson = path.join(nodesDir, 'package.json');
	if (!manifest && fs.existsSync(nodesDir) && fs.readdirSync(nodesDir).length > 0) throw new Error(`${nodesDir} is not empty`);
	fs.mkdirSync(nodesDir, { recursive: true });
	if (manifest && !fs.existsSync(packageJson)) {
		fs.writeFileSync(packageJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(name)) env[name] = value;
	}
	// npm installs into the nearest folder above that has a package.json or node_modules: inside
	// a project (this one, say), that folder, not the nodes folder a user's n8n reads.
	const prefix = execFileSync('npm', ['prefix'], { cwd: nodesDir, encoding: 'utf8', env: nodeEnv(runtime, env) }).trim();
	if (path.resolve(prefix) !== path.resolve(nodesDir)) {
		throw new Error(`npm would install into ${prefix}, not ${nodesDir}: use a user folder outside any npm project`);
	}
	const started = Date.now();
	const output = execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund'], {
		cwd: nodesDir,
		encoding: 'utf8',
		env: nodeEnv(runtime, env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8', env: nodeEnv(runtime, env) }).trim();
	const nodeVersion = execFileSync('node', ['--version'], { encoding: 'utf8', env: nodeEnv(runtime, env) }).trim();
	const modules = path.join(nodesDir, 'node_modules');
	/** @type {string[]} Every package folder under node_modules, nested ones included, relative to it. */
	const installed = [];
	const walk = (/** @type {string} */ dir, /** @type {string} */ prefix) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir)) {
			if (entry.startsWith('.')) continue;
			if (entry.startsWith('@')) {
				walk(path.join(dir, entry), `${prefix}${entry}/`);
				continue;
			}
			installed.push(`${prefix}${entry}`);
			walk(path.join(dir, entry, 'node_modules'), `${prefix}${entry}/node_modules/`);
		}
	};
	walk(modules, '');
	return { nodesDir, installed, output: output.trim(), seconds: (Date.now() - started) / 1000, npmVersion, nodeVersion };
}

/** Whether n8n's REST API answers with its settings (a JSON object with `data`). */
async function restReady(/** @type {string} */ url) {
	const response = await fetch(`${url}/rest/settings`);
	if (!response.ok) return false;
	const body = await response.json().catch(() => undefined);
	return typeof body === 'object' && body !== null && 'data' in body;
}

/** Whether something already listens on the port. */
function portInUse(/** @type {number} */ port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** A free port on loopback. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

class N8nInstance {
	/**
	 * @param {{ userFolder: string, port: number, brokerPort?: number, logFile: string, env?: NodeJS.ProcessEnv, runtime?: import('./runtime').RuntimePaths, command?: 'start' | 'worker' | 'webhook', args?: string[] }} options
	 *   runtime: which n8n on which Node (from `ensureRuntime`); the pinned one by default.
	 *   command: n8n's command, `start` (the main instance, the default), or `worker` or `webhook`
	 *   (queue mode), with `args` after it (e.g. `--concurrency=5`). `port` is what answers
	 *   `/healthz/readiness`: the editor's port for `start` and `webhook`, the health-check port
	 *   for `worker`. A webhook process starts no task runners and needs no `brokerPort`.
	 */
	constructor(options) {
		this.options = options;
		this.url = `http://127.0.0.1:${options.port}`;
		this.runtime = options.runtime ?? paths;
		/** @type {import('child_process').ChildProcess | undefined} */
		this.child = undefined;
		/** @type {Promise<number | null> | undefined} */
		this.exited = undefined;
	}

	/** The environment n8n runs with: loopback only, quiet about the cloud it cannot reach. */
	environment() {
		const { userFolder, port, brokerPort, env } = this.options;
		return nodeEnv(this.runtime, {
			// A test runner's NODE_ENV=test makes n8n exit at once, silently.
			NODE_ENV: 'production',
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
			...(brokerPort === undefined ? {} : { N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LOG_OUTPUT: 'console',
			// The registry module only fails to reach n8n's cloud from this closed network. (n8n 1.x
			// has no such module, and refuses to start when asked to disable an unknown one.)
			...(Number(this.runtime.n8nVersion.split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			// Predictable schedules: n8n's default timezone is America/New_York.
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...env,
		});
	}

	/** Starts n8n and waits until its database is migrated and it serves requests. */
	async start({ timeoutMs = 180_000 } = {}) {
		const { port, brokerPort, logFile, command = 'start', args = [] } = this.options;
		for (const [what, busy] of [
			['n8n', port],
			['the n8n task broker', brokerPort],
		]) {
			if (busy !== undefined && (await portInUse(Number(busy)))) {
				throw new Error(`Port ${busy} for ${what} is already in use. Stop what uses it, or choose another port (see README).`);
			}
		}
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		const log = fs.openSync(logFile, 'a');
		// Its own process group, so that stopping it also stops the task runners it spawns.
		const child = spawn(this.runtime.node, [this.runtime.n8n, command, ...args], {
			env: this.environment(),
			stdio: ['ignore', log, log],
			detached: true,
		});
		fs.closeSync(log);
		this.child = child;
		this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} while starting; see ${logFile}`);
			try {
				// n8n 1.x answers /healthz/readiness (or only /healthz) before its REST API is mounted,
				// and until then answers every REST call with 200 "n8n is starting up. Please wait": it
				// is ready once its settings come back as settings.
				const health = await fetch(`${this.url}/healthz/readiness`);
				const healthy = health.ok || (health.status === 404 && (await fetch(`${this.url}/healthz`)).ok);
				// Workers and webhook processors have no REST API: their readiness says it all.
				if (healthy && (command !== 'start' || (await restReady(this.url)))) return this;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		await this.stop();
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s; see ${logFile}`);
	}

	/** Stops n8n and everything it started: SIGTERM to its process group, SIGKILL after a grace period. */
	async stop({ graceMs = 20_000 } = {}) {
		const child = this.child;
		if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
		const signalGroup = (/** @type {NodeJS.Signals} */ signal) => {
			try {
				process.kill(-(/** @type {number} */ (child.pid)), signal);
			} catch {
				// already gone
			}
		};
		signalGroup('SIGTERM');
		const stopped = await Promise.race([
			this.exited,
			new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref()),
		]);
		if (stopped === 'timeout') signalGroup('SIGKILL');
		await this.exited;
		// Runners that outlived their parent are in the same group.
		signalGroup('SIGKILL');
	}

	/** Stops the process group synchronously, for `process.on('exit')`. */
	killNow() {
		if (this.child?.pid !== undefined && this.child.exitCode === null) {
			try {
				process.kill(-this.child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
}

module.exports = { N8nInstance, installPackage, packPackage, npmInstallPackage, freePort, portInUse, PACKAGE };
