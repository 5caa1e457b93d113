/** Starts the loopback sandbox once per test file and resets it before each test. */
// The sandbox is plain JavaScript with JSDoc types, so that `npm start` runs it without a build.
import { startSandbox } from '../../sandbox/server';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export function useSandbox(): { readonly current: Sandbox } {
	const holder: { current?: Sandbox } = {};
	beforeAll(async () => {
		holder.current = await startSandbox();
	});
	afterAll(async () => {
		await holder.current?.close();
	});
	beforeEach(() => {
		holder.current?.reset();
	});
	return {
		get current() {
			if (!holder.current) throw new Error('sandbox not started');
			return holder.current;
		},
	};
}

/**
 * Resolves once `condition` holds, checking every few milliseconds; fails after `timeoutMs`. For
 * what a sandbox does after the client stopped waiting (a delayed answer to a timed-out request).
 */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
