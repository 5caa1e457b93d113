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

/** Captures what is written to stdout/stderr (n8n's own logger writes there) and to n8n's LoggerProxy. */
export function captureOutput() {
	const written: string[] = [];
	const logStart = logLines.length;
	const originals = { out: process.stdout.write, err: process.stderr.write };
	const tap =
		(original: typeof process.stdout.write) =>
		(chunk: unknown, ...rest: unknown[]): boolean => {
			written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
			return (original as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
		};
	process.stdout.write = tap(originals.out) as typeof process.stdout.write;
	process.stderr.write = tap(originals.err) as typeof process.stderr.write;
	return {
		stop() {
			process.stdout.write = originals.out;
			process.stderr.write = originals.err;
			return [...written, ...logLines.slice(logStart)].join('\n');
		},
	};
}
