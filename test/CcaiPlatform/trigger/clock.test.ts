/**
 * The CCAI Platform Trigger and clocks (issue 16, finding 2): no single timestamp, and no clock
 * difference of up to a day either way between CCAI Platform and n8n, makes the trigger miss a call
 * or emit one from before its activation; a timestamp it cannot trust is shown (a warning in n8n's
 * log and `timestampWarning` on the item). Run as n8n runs the trigger (PollContext), against the
 * sandbox, whose clock stamps the calls and answers `Date`.
 */
import { ids, triggerKit } from '../../helpers/ccaiTrigger';
import { recordNodeLogs } from '../../helpers/n8n';
import type { PollHarness } from '../../helpers/poll';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const { ccai, later, place, shiftServiceClock, trigger } = triggerKit(sandbox);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * `rounds` polls, each after `perRound` new calls reached Finished, 100 ms apart (by the service's
 * clock, which stays close to n8n's); every call each poll emitted.
 */
async function finishedInRounds(harness: PollHarness, rounds: number, perRound: number) {
	const placed: number[] = [];
	const emitted: unknown[] = [];
	for (let round = 0; round < rounds; round++) {
		placed.push(...place(perRound, 'finished', 0.1));
		emitted.push(...ids((await harness.poll()).items));
	}
	return { placed, emitted };
}

const warnings = (logs: unknown[][]) => logs.filter(([level]) => level === 'warn').map(([, message]) => String(message));

describe('one timestamp the trigger cannot trust', () => {
	test.each([
		['Call Reached a Status', { statuses: ['finished'] }],
		['Call Created', { event: 'callCreated' }],
	])('%s: a call stamped 2099-01-01 is emitted once, with a warning, and the next 20 calls all come out', async (_name, parameters) => {
		const harness = trigger(parameters);
		await harness.activate();
		const [future] = ccai().addCalls({ count: 1, from: Date.parse('2099-01-01T00:00:00Z'), status: 'finished' });
		let rounds: Awaited<ReturnType<typeof finishedInRounds>> | undefined;
		const logs = await recordNodeLogs(async () => {
			expect(ids((await harness.poll()).items)).toEqual([future.id]);
			rounds = await finishedInRounds(harness, 4, 5);
		});
		expect(rounds?.emitted).toEqual(rounds?.placed);
		expect(ids(harness.emitted)).toEqual([future.id, ...(rounds?.placed ?? [])]);
		expect((await harness.poll()).items).toBeNull();

		const [first, ...others] = harness.emitted;
		expect(first.timestampWarning).toMatch(/2099-01-01T00:00:00\.000Z .*ahead of CCAI Platform's clock/);
		expect(others.every((item) => item.timestampWarning === undefined)).toBe(true);
		expect(warnings(logs)).toEqual([expect.stringContaining(`call ${future.id}`)]);
	});

	test('a call finished 10 minutes "in the future": the 9 calls that finish after it all come out', async () => {
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const [early] = ccai().addCalls({ count: 1, from: ccai().now() + 10 * 60_000, status: 'finished' });
		expect(ids((await harness.poll()).items)).toEqual([early.id]);
		const { placed, emitted } = await finishedInRounds(harness, 3, 3);
		expect(placed).toHaveLength(9);
		expect(emitted).toEqual(placed);
	});
});

describe('CCAI Platform\'s clock and n8n\'s disagree', () => {
	test('its Date an hour ahead of n8n (the calls stamped by n8n\'s time): every new call comes out', async () => {
		ccai().dateSkewMs = HOUR;
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const { placed, emitted } = await finishedInRounds(harness, 2, 5);
		expect(emitted).toEqual(placed);
		expect(harness.emitted.every((item) => item.timestampWarning === undefined)).toBe(true);
	});

	test.each([
		['its Date a day behind n8n (the calls stamped by n8n\'s time)', () => (ccai().dateSkewMs = -DAY)],
		['its whole clock a day behind n8n', () => shiftServiceClock(-DAY)],
		['its whole clock a day ahead of n8n', () => shiftServiceClock(DAY)],
		['its whole clock an hour ahead of n8n', () => shiftServiceClock(HOUR)],
	])('%s: none of the 50 calls from before the activation comes out (Start From: Now), every new one does', async (_name, skew) => {
		skew();
		const before = ccai().addCalls({ count: 50, from: ccai().now() - 60 * 60_000, spacingMs: 60_000, status: 'finished' });
		expect(before).toHaveLength(50);
		for (const event of [{ statuses: ['finished'] }, { event: 'callCreated' }]) {
			const harness = trigger(event);
			expect(await harness.activate()).toBeNull();
			expect((await harness.poll()).items).toBeNull();
			const { placed, emitted } = await finishedInRounds(harness, 2, 5);
			expect(emitted).toEqual(placed);
			expect(harness.emitted.every((item) => item.timestampWarning === undefined)).toBe(true);
			later(1);
		}
	});
});
