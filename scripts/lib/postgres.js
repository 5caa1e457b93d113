// @ts-check
'use strict';

/**
 * A real PostgreSQL server from Debian's `postgresql` package, for n8n's queue mode: its own data
 * folder (initialised on first use), a password login, TCP on one loopback port and no Unix socket.
 *
 * Postgres refuses to run as root. When this process is root, every Postgres program runs as an
 * unprivileged user (`postgres`, which Debian's package creates) through `runuser`, and the data
 * folder belongs to that user; otherwise it runs as the current user.
 */

const { execFileSync, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort, portInUse } = require('./n8n-instance');
const { startServerProcess, waitFor } = require('./processes');

const DATABASE = 'n8n';
const USER = 'n8n';

/** The bin folder of the newest PostgreSQL Debian installed (/usr/lib/postgresql/<major>/bin). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const majors = fs.existsSync(base)
		? fs
				.readdirSync(base)
				.filter((entry) => /^\d+$/.test(entry) && fs.existsSync(path.join(base, entry, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0) {
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/postgres). Install Debian\'s package: apt-get install -y postgresql',
		);
	}
	return path.join(base, majors[0], 'bin');
}

/** The version line of the server, e.g. "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
function postgresVersion() {
	return execFileSync(path.join(postgresBinDir(), 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
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
 * Whether `user` may write into `dir` (every parent must let it through).
 * @param {{ name: string } | undefined} user
 * @param {string} dir
 */
function writableBy(user, dir) {
	if (!user) return true;
	return spawnSync('runuser', ['-u', user.name, '--', 'test', '-w', dir]).status === 0;
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
	const binDir = postgresBinDir();
	const user = serverUser();
	fs.mkdirSync(root, { recursive: true, mode: 0o755 });
	let home = root;
	/** @type {string | undefined} */
	let note;
	if (user) {
		chownTree(root, user);
		if (!writableBy(user, root)) {
			home = path.join(os.tmpdir(), `n8n-queue-postgres-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
			fs.mkdirSync(home, { recursive: true, mode: 0o700 });
			chownTree(home, user);
			note = `the user "${user.name}" cannot reach ${root}, so PostgreSQL keeps its data in ${home}`;
		}
	}
	const dataDir = path.join(home, 'data');
	const secretFile = path.join(root, 'password');
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

	const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' };
	const client = (/** @type {string} */ program, /** @type {string[]} */ extra) =>
		spawnSync(path.join(binDir, program), ['-h', '127.0.0.1', '-p', String(listenPort), '-U', USER, ...extra], { env, encoding: 'utf8' });

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
		await waitFor('PostgreSQL to accept connections', async () => {
			if (child.exitCode !== null) throw new Error(`PostgreSQL exited with code ${child.exitCode}; see ${logFile}`);
			return client('pg_isready', ['-d', 'postgres']).status === 0 ? true : undefined;
		}, 60_000);
		const exists = client('psql', ['-d', 'postgres', '-At', '-c', `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`]);
		if (exists.stdout.trim() !== '1') {
			const created = client('createdb', [DATABASE]);
			if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
		}
	} catch (error) {
		await postgres.stop();
		throw error;
	}
	return postgres;
}

module.exports = { startPostgres, postgresVersion, postgresBinDir };
