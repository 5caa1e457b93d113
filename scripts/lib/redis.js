// @ts-check
'use strict';

/**
 * A real Redis server from Debian's `redis-server` package, for n8n's queue mode: one loopback
 * port, its working folder in the project's cache, nothing saved to disk (n8n's queue only lives
 * while the stack runs).
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const { freePort, portInUse } = require('./n8n-instance');
const { startServerProcess, waitFor } = require('./processes');

const REDIS_SERVER = '/usr/bin/redis-server';

function redisBinary() {
	if (fs.existsSync(REDIS_SERVER)) return REDIS_SERVER;
	throw new Error('Redis is not installed (no /usr/bin/redis-server). Install Debian\'s package: apt-get install -y redis-server');
}

/** e.g. "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=…" → "7.0.15" */
function redisVersion() {
	const line = execFileSync(redisBinary(), ['--version'], { encoding: 'utf8' });
	return /v=(\S+)/.exec(line)?.[1] ?? line.trim();
}

/**
 * Sends PING and resolves with the reply line, or undefined when nothing answers.
 * @param {number} port
 * @returns {Promise<string | undefined>}
 */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		let reply = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.includes('\r\n')) socket.end();
		});
		socket.once('close', () => resolve(reply ? reply.trim() : undefined));
		socket.once('error', () => resolve(undefined));
	});
}

/**
 * @param {{ root: string, port?: number }} options
 */
async function startRedis({ root, port }) {
	const binary = redisBinary();
	fs.mkdirSync(root, { recursive: true });
	const listenPort = port ?? (await freePort());
	if (await portInUse(listenPort)) throw new Error(`Port ${listenPort} for Redis is already in use`);
	const logFile = path.join(root, 'redis.log');
	const server = startServerProcess(
		binary,
		[
			'--bind', '127.0.0.1',
			'--port', String(listenPort),
			'--dir', root,
			'--save', '',
			'--appendonly', 'no',
			'--daemonize', 'no',
			'--protected-mode', 'yes',
		],
		logFile,
	);
	const { child } = server;

	const redis = {
		host: '127.0.0.1',
		port: listenPort,
		logFile,
		pid: child.pid,
		/** The environment n8n needs to use this Redis for its queue. */
		n8nEnv() {
			return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(listenPort) };
		},
		stop: () => server.stop('SIGTERM', 10_000),
		killNow: server.killNow,
	};
	try {
		await waitFor('Redis to answer PING', async () => {
			if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}; see ${logFile}`);
			return (await ping(listenPort)) === '+PONG' ? true : undefined;
		}, 30_000);
	} catch (error) {
		await redis.stop();
		throw error;
	}
	return redis;
}

module.exports = { startRedis, redisVersion };
