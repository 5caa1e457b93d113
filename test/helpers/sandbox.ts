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
