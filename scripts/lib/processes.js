// @ts-check
'use strict';

/** Small helpers for the servers the scripts start: waiting, signalling, finding leftovers. */

const { spawn } = require('child_process');
const fs = require('fs');

/**
 * Polls `probe` until it returns something other than undefined.
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined> | T | undefined} probe
 * @param {number} [timeoutMs]
 * @param {number} [intervalMs]
 * @returns {Promise<T>}
 */
async function waitFor(what, probe, timeoutMs = 30_000, intervalMs = 250) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * Sends `signal` to the process group led by `pid` (children started with `detached: true`).
 * @param {number | undefined} pid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pid, signal) {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * Starts a server in a process group of its own (so that one signal reaches everything it starts,
 * and a Ctrl-C in the terminal does not), its output appended to `logFile`.
 * @param {string} command
 * @param {string[]} args
 * @param {string} logFile
 */
function startServerProcess(command, args, logFile) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const running = () => child.exitCode === null && child.signalCode === null;
	return {
		child,
		/**
		 * Sends `signal` to the group, and SIGKILL if it has not ended after `graceMs`.
		 * @param {NodeJS.Signals} signal
		 * @param {number} graceMs
		 */
		async stop(signal, graceMs) {
			if (!running()) return;
			signalGroup(child.pid, signal);
			const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref())]);
			if (stopped === 'timeout') signalGroup(child.pid, 'SIGKILL');
			await exited;
		},
		/** Synchronous, for `process.on('exit')`. */
		killNow() {
			if (running()) signalGroup(child.pid, 'SIGKILL');
		},
	};
}

/**
 * Processes (Linux /proc) whose environment contains `entry` (e.g. `N8N_USER_FOLDER=/x`), or whose
 * command line contains it when `inCommandLine` is set.
 * @param {string} entry
 * @param {{ inCommandLine?: boolean }} [options]
 * @returns {string[]} their pids
 */
function processesWith(entry, { inCommandLine = false } = {}) {
	if (!fs.existsSync('/proc')) return [];
	return fs
		.readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
		.filter((pid) => {
			try {
				const file = inCommandLine ? 'cmdline' : 'environ';
				const fields = fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0');
				return inCommandLine ? fields.some((field) => field.includes(entry)) : fields.includes(entry);
			} catch {
				return false;
			}
		});
}

module.exports = { waitFor, signalGroup, processesWith, startServerProcess };
