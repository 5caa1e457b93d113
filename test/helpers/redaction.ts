/**
 * The redaction proof's instruments: everything a run leaves behind, as text, and everything
 * written to stdout and stderr while it ran.
 */
import { logLines } from './n8n';

/** Every string reachable from `value`, own non-enumerable properties and error causes included. */
export function everyString(value: unknown): string[] {
	const strings: string[] = [];
	const seen = new Set<unknown>();
	const visit = (current: unknown, depth: number) => {
		if (typeof current === 'string') {
			strings.push(current);
			return;
		}
		if (current === null || typeof current !== 'object' || seen.has(current) || depth > 40) return;
		seen.add(current);
		if (current instanceof Map) {
			for (const [key, entry] of current) {
				visit(key, depth + 1);
				visit(entry, depth + 1);
			}
			return;
		}
		for (const key of Object.getOwnPropertyNames(current)) {
			strings.push(key);
			let entry: unknown;
			try {
				entry = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			visit(entry, depth + 1);
		}
	};
	visit(value, 0);
	return strings;
}

/**
 * Captures everything n8n could log while a run goes on: writes to stdout and stderr, calls to
 * the console (n8n's own logger, winston, logs through it; under Jest the console does not reach
 * stdout), and n8n's LoggerProxy. (n8n's error reporter logs an error once per stack and process,
 * so whether a given run logs its error depends on the tests before it.)
 */
export function captureOutput() {
	const written: string[] = [];
	const logStart = logLines.length;
	const text = (value: unknown) => {
		if (typeof value === 'string') return value;
		if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
		try {
			return JSON.stringify(value);
		} catch {
			return String(value);
		}
	};
	const streams = { out: process.stdout.write, err: process.stderr.write };
	const tap =
		(original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
		(chunk: unknown, ...rest: unknown[]): boolean => {
			written.push(text(chunk));
			return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
		};
	process.stdout.write = tap(streams.out, process.stdout) as typeof process.stdout.write;
	process.stderr.write = tap(streams.err, process.stderr) as typeof process.stderr.write;
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const consoleOriginals = methods.map((method) => console[method]);
	for (const method of methods) {
		const original = console[method];
		console[method] = (...args: unknown[]) => {
			written.push(args.map(text).join(' '));
			original.apply(console, args);
		};
	}
	return {
		stop() {
			process.stdout.write = streams.out;
			process.stderr.write = streams.err;
			methods.forEach((method, index) => (console[method] = consoleOriginals[index]));
			return [...written, ...logLines.slice(logStart)].join('\n');
		},
	};
}
