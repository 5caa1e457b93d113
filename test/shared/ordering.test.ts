/**
 * Keyed ordering in the shared item loop, through real executions against the sandbox: items that
 * share a key (an incident's correlation value, a call, a webhook) reach the service in input order,
 * each after the one before it was answered, while all other items run concurrently; and what a
 * failure stops when items run by key.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../../sandbox/lib';
import { callgooseCredentials } from '../helpers/callgoose';
import { ccaiCredentials } from '../helpers/ccai';
import { goSquaredCredentials, SITES } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

/** A fixed shuffle (a linear congruential generator), so that a failure can be replayed. */
function seededRandom(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/**
 * `perKey` events for each of `keys` incidents, interleaved at random while each incident's own
 * events stay in order: firing, resolved, firing, resolved...
 */
function interleavedEvents(keys: number, perKey: number, seed = 7): IDataObject[] {
	const random = seededRandom(seed);
	const remaining = Array.from({ length: keys }, (_, key) => ({ key, sent: 0 }));
	const events: IDataObject[] = [];
	while (remaining.length > 0) {
		const pick = Math.floor(random() * remaining.length);
		const entry = remaining[pick];
		const alertId = `alert-${String(entry.key).padStart(3, '0')}`;
		events.push({
			alertId,
			status: entry.sent % 2 === 0 ? 'firing' : 'resolved',
			title: `${alertId} event ${entry.sent}`,
			service: 'web',
		});
		entry.sent++;
		if (entry.sent === perKey) remaining.splice(pick, 1);
	}
	return events;
}

/** Incident → Create, whose status (and so what the API filter does) comes from each item. */
const eventWorkflow = (parameters: IDataObject = {}) =>
	withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
		status: '={{ $json.status }}',
		...parameters,
	});

/** The requests of each key, in the order the service received them. */
function byKey(requests: RecordedRequest[], keyOf: (request: RecordedRequest) => string): Map<string, RecordedRequest[]> {
	const groups = new Map<string, RecordedRequest[]>();
	for (const request of [...requests].sort((a, b) => a.seq - b.seq)) {
		const key = keyOf(request);
		groups.set(key, [...(groups.get(key) ?? []), request]);
	}
	return groups;
}

/** Each request of a key arrived after the one before it had been answered. */
function expectOneAtATime(groups: Map<string, RecordedRequest[]>) {
	for (const [key, requests] of groups) {
		for (let index = 1; index < requests.length; index++) {
			const before = requests[index - 1];
			expect({ key, arrived: requests[index].seq, previousAnsweredAt: before.answeredAtSeq }).toEqual({
				key,
				arrived: expect.any(Number),
				previousAnsweredAt: expect.any(Number),
			});
			expect(requests[index].seq).toBeGreaterThan(before.answeredAtSeq as number);
		}
	}
}

const bodyOf = (request: RecordedRequest) => request.json as IDataObject;

describe('Callgoose incident events, by correlation value', () => {
	test('interleaved create and resolve events at high concurrency reach Callgoose in input order per incident', async () => {
		callgoose().latencyMs = 2;
		callgoose().latencyJitterMs = 30;
		const input = interleavedEvents(60, 4);
		const result = await runWorkflow(eventWorkflow(), {
			credentials: callgooseCredentials(sandbox.current),
			input,
		});

		// On the wire: per incident, the events in input order, each after the previous one's answer.
		const groups = byKey(callgoose().requests, (request) => String(bodyOf(request).alert_id));
		expect(groups.size).toBe(60);
		for (const [alertId, requests] of groups) {
			const expected = input.filter((item) => item.alertId === alertId).map((item) => item.title);
			expect(requests.map((request) => bodyOf(request).title)).toEqual(expected);
		}
		expectOneAtATime(groups);
		// ...while different incidents ran concurrently (the default concurrency is 50).
		expect(callgoose().maxInFlight).toBeGreaterThanOrEqual(20);

		// What Callgoose did: every incident was created, then resolved, twice.
		expect(callgoose().incidents).toHaveLength(120);
		expect(callgoose().incidents.filter((incident) => incident.status === 'resolved')).toHaveLength(120);
		// What the user got: one item per event, in input order, each with its own outcome.
		const output = result.output('Create Incident');
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
		expect(output.map((item) => item.json.outcome)).toEqual(
			input.map((item) => (item.status === 'firing' ? 'created' : 'resolved')),
		);
	});

	test('in JSON mode, the correlation key named under Payload Keys orders the events', async () => {
		callgoose().latencyMs = 2;
		callgoose().latencyJitterMs = 20;
		const input = interleavedEvents(30, 4, 11).map((item) => ({
			event: { incident_ref: item.alertId, status: item.status, title: item.title },
		}));
		const workflow = eventWorkflow({
			payloadMode: 'json',
			payloadJson: '={{ JSON.stringify($json.event) }}',
			payloadKeys: { correlationKey: 'incident_ref' },
		});
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input });

		expect(result.output('Create Incident')).toHaveLength(input.length);
		const groups = byKey(callgoose().requests, (request) => String(bodyOf(request).incident_ref));
		expect(groups.size).toBe(30);
		for (const [ref, requests] of groups) {
			const expected = input
				.map((item) => item.event as IDataObject)
				.filter((event) => event.incident_ref === ref)
				.map((event) => event.title);
			expect(requests.map((request) => bodyOf(request).title)).toEqual(expected);
		}
		expectOneAtATime(groups);
		expect(callgoose().maxInFlight).toBeGreaterThanOrEqual(15);
	});

	test.each([
		['={{ 5 }}', '"Payload Keys: Correlation Key" must be text, not 5 (item 0)'],
		['  ', '"Payload Keys: Correlation Key" is empty (item 0)'],
	])('in JSON mode, a Correlation Key of %p is refused like the Fields mode\'s keys, before anything is sent', async (correlationKey, message) => {
		const workflow = eventWorkflow({
			payloadMode: 'json',
			payloadJson: '{"incident_ref": "a", "title": "t", "status": "firing"}',
			payloadKeys: { correlationKey },
		});
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input: [{}] });
		expect(result.error('Create Incident')?.message).toBe(message);
		expect(callgoose().requests).toEqual([]);
	});

	test('events without a correlation value are not held back by one another', async () => {
		callgoose().latencyMs = 100;
		callgoose().holdUntilInFlight = 40;
		const input = Array.from({ length: 40 }, (_, index) => ({ title: `Event ${index}`, status: 'firing' }));
		await runWorkflow(eventWorkflow({ correlationValue: '' }), {
			credentials: callgooseCredentials(sandbox.current),
			input,
		});
		expect(callgoose().requests).toHaveLength(40);
		expect(callgoose().maxInFlight).toBe(40);
	});

	test('after an event fails at Callgoose, no later event of its incident is sent, and no new event starts', async () => {
		callgoose().latencyMs = 60;
		// alert-000's first event matches no API filter (202), which fails it with Fail If Nothing Matched.
		const input = [
			{ alertId: 'alert-000', status: 'informational', title: 'alert-000 event 0', service: 'web' },
			...interleavedEvents(40, 2, 3),
		];
		const result = await runWorkflow(eventWorkflow({ options: { failIfNothingMatched: true } }), {
			credentials: callgooseCredentials(sandbox.current),
			input,
		});

		expect(result.error('Create Incident')?.message).toBe(
			'Callgoose accepted the event but no API filter matched it (HTTP 202)',
		);
		expect((result.error('Create Incident')?.context as { itemIndex?: number }).itemIndex).toBe(0);
		const sent = callgoose().requests;
		// The failed incident's next events were never sent...
		expect(sent.filter((request) => bodyOf(request).alert_id === 'alert-000').map((r) => bodyOf(r).title)).toEqual([
			'alert-000 event 0',
		]);
		// ...and the loop stopped: only the events already in flight when the answer came were sent.
		expect(sent.length).toBeLessThan(input.length);
		const failedAnswer = sent.find((request) => bodyOf(request).status === 'informational')?.answeredAtSeq as number;
		// Items in flight finish; at most the default concurrency of 50 were sent in all.
		expect(sent.length).toBeLessThanOrEqual(Math.max(failedAnswer, 50));
	});

	test('a bad event stops the loop where it stands: every event before it is sent, none after it', async () => {
		callgoose().latencyMs = 20;
		// Items 0-5 share one incident (so they go one at a time), item 6 has no title, and many
		// other incidents follow: the loop looks past the busy incident, but never past the bad item.
		const input: IDataObject[] = [
			...Array.from({ length: 6 }, (_, index) => ({
				alertId: 'alert-000',
				status: index % 2 === 0 ? 'firing' : 'resolved',
				title: `alert-000 event ${index}`,
				service: 'web',
			})),
			{ alertId: 'alert-999', status: 'firing', title: '', service: 'web' },
			...interleavedEvents(30, 2, 5),
		];
		const result = await runWorkflow(eventWorkflow(), {
			credentials: callgooseCredentials(sandbox.current),
			input,
		});

		expect(result.error('Create Incident')?.message).toBe('"Title" is required (item 6)');
		expect(callgoose().requests.map((request) => bodyOf(request).title)).toEqual(
			input.slice(0, 6).map((item) => item.title),
		);
	});

	test('with continue on fail, a failed event becomes an error item and the next events of its incident still go, in order', async () => {
		callgoose().latencyMs = 5;
		callgoose().latencyJitterMs = 20;
		const input = interleavedEvents(20, 4, 13);
		const bad = input.findIndex((item) => item.alertId === 'alert-004' && item.title === 'alert-004 event 1');
		input[bad] = { ...input[bad], title: '' };
		const workflow = eventWorkflow();
		workflow.nodes[1].onError = 'continueRegularOutput';
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input });

		const output = result.output('Create Incident');
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
		expect(output[bad].json).toEqual({ error: `"Title" is required (item ${bad})`, itemIndex: bad });
		const groups = byKey(callgoose().requests, (request) => String(bodyOf(request).alert_id));
		expect(groups.get('alert-004')?.map((request) => bodyOf(request).title)).toEqual([
			'alert-004 event 0',
			'alert-004 event 2',
			'alert-004 event 3',
		]);
		expectOneAtATime(groups);
		expect(callgoose().requests).toHaveLength(input.length - 1);
	});
});

test('CCAI Platform: updates of the same call are applied in input order, other calls concurrently', async () => {
	const ccai = sandbox.current.services.ccai;
	ccai.latencyMs = 2;
	ccai.latencyJitterMs = 40;
	const calls = [397, 398, 515];
	const random = seededRandom(17);
	const input = Array.from({ length: 24 }, (_, index) => ({
		callId: calls[index % 3],
		badActor: random() < 0.5,
		step: index,
	}));
	const workflow = withParameters(workflowFile('ccai-update-flags.json'), 'Update Flags', {
		callId: '={{ $json.callId }}',
		flags: { badActor: '={{ $json.badActor }}' },
	});
	const result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });

	expect(result.output('Update Flags')).toHaveLength(24);
	const updates = ccai.requests.filter((request) => request.method === 'PATCH');
	const groups = byKey(updates, (request) => request.path);
	for (const callId of calls) {
		const wire = groups.get(`/apps/api/v1/calls/${callId}/customer_flag`) ?? [];
		expect(wire.map((request) => bodyOf(request).bad_actor)).toEqual(
			input.filter((item) => item.callId === callId).map((item) => item.badActor),
		);
	}
	expectOneAtATime(groups);
	expect(ccai.maxInFlight).toBeGreaterThanOrEqual(2);
});

test('GoSquared: triggers added to the same webhook are created in input order, other webhooks concurrently', async () => {
	const gosquared = sandbox.current.services.gosquared;
	gosquared.latencyMs = 2;
	gosquared.latencyJitterMs = 30;
	for (const id of [1, 2, 3]) {
		gosquared.webhooks.push({ id, site: SITES.main, name: `hook ${id}`, url: 'https://hooks.example.com', include_unverified: false, created: '' });
	}
	const input = Array.from({ length: 18 }, (_, index) => ({ webhookId: (index % 3) + 1, threshold: 100 + index }));
	const workflow = withParameters(workflowFile('gosquared-webhook-trigger-add.json'), 'Add Trigger', {
		webhookId: '={{ $json.webhookId }}',
		trigger: 'trafficSpike',
		threshold: '={{ $json.threshold }}',
	});
	const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current), input });

	expect(result.output('Add Trigger')).toHaveLength(18);
	const adds = gosquared.requests.filter((request) => request.method === 'POST');
	const groups = byKey(adds, (request) => request.path);
	for (const webhookId of [1, 2, 3]) {
		const wire = groups.get(`/account/v1/webhooks/${webhookId}/triggers`) ?? [];
		expect(wire.map((request) => Number(bodyOf(request).value))).toEqual(
			input.filter((item) => item.webhookId === webhookId).map((item) => item.threshold),
		);
	}
	expectOneAtATime(groups);
	expect(gosquared.maxInFlight).toBeGreaterThanOrEqual(2);
});
