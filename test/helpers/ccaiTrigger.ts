/**
 * The CCAI Platform Trigger's tests: the trigger as n8n runs it (test/helpers/poll.ts) against the
 * sandbox, and the service's clock. The sandbox stamps calls and answers `Date` by its clock
 * (`now`); here that clock runs with n8n's (so the rate limit refills as in reality), plus a shift
 * the test may set (a service whose clock differs from n8n's), plus the time `later` moves on.
 */
import type { IDataObject } from 'n8n-workflow';

import { forceStatus, touch } from '../../sandbox/ccai-manager';
import { ccaiCredentials } from './ccai';
import { withParameters, workflowFile } from './n8n';
import { PollHarness } from './poll';
import type { Sandbox } from './sandbox';

export const TRIGGER_NODE = 'CCAI Platform Trigger';

export function triggerKit(sandbox: { readonly current: Sandbox }) {
	const ccai = () => sandbox.current.services.ccai;
	/** How far the service's clock is ahead of n8n's (negative: behind), and how far `later` moved it. */
	let shiftMs = 0;
	let movedMs = 0;
	beforeEach(() => {
		shiftMs = 0;
		movedMs = 2000;
		ccai().now = () => Date.now() + shiftMs + movedMs;
	});

	const stored = (id: number) => {
		const found = ccai().findCall(String(id));
		if (!found) throw new Error(`no call ${id}`);
		return found;
	};
	/** The service's time now, then its clock moves on by `seconds`: times a second apart, always increasing. */
	const later = (seconds = 1) => {
		const at = ccai().now();
		movedMs += seconds * 1000;
		return at;
	};
	return {
		ccai,
		later,
		/** The service's clock runs `ms` ahead of n8n's (negative: behind), its `Date` header included. */
		shiftServiceClock(ms: number) {
			shiftMs = ms;
		},
		trigger(parameters: IDataObject = {}, credentials: Record<string, string> = {}) {
			const workflow = withParameters(workflowFile('ccai-trigger.json'), TRIGGER_NODE, parameters);
			return new PollHarness(workflow, TRIGGER_NODE, ccaiCredentials(sandbox.current, credentials));
		},
		stored,
		listRequests: () => ccai().requests.filter((request) => request.path === '/manager/api/v1/calls'),
		/** New calls, created from now on, `spacingSeconds` apart (a second by default). */
		place(count: number, status = 'assigned', spacingSeconds = 1) {
			return ccai()
				.addCalls({ count, from: later(count * spacingSeconds), spacingMs: spacingSeconds * 1000, status })
				.map((call) => call.id);
		},
		/** The call reaches `status` now, as CCAI Platform would move it. */
		reach: (id: number, status: string, failReason?: string) => forceStatus(stored(id), status, later(), { failReason }),
		/** A change that is not a status change: a recording is attached. */
		record: (id: number) => touch(stored(id), { recording_url: `https://recordings.example/${id}.mp3` }, later()),
	};
}

export const ids = (items: IDataObject[] | null | undefined) => (items ?? []).map((item) => item.id);
