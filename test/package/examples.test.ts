/**
 * The example workflows the README shows and `npm start` imports, executed against the sandbox
 * (n8n's own triggers replaced by pass-through doubles, the GoSquared Trigger given its delivery
 * as input; real n8n runs them in the e2e tests).
 */
import { readFileSync } from 'fs';
import path from 'path';

import type { IWorkflowBase } from 'n8n-workflow';

import { advance, forceStatus } from '../../sandbox/ccai-manager';
import { samplePayload, SITES } from '../../sandbox/gosquared';
import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { ccaiCredentials } from '../helpers/ccai';
import { goSquaredCredentials, siteData } from '../helpers/gosquared';
import { ROOT, runWorkflow } from '../helpers/n8n';
import { PollHarness } from '../helpers/poll';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const example = (name: string) =>
	JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as IWorkflowBase;

test('callgoose-incident-lifecycle opens an incident and resolves it', async () => {
	const result = await runWorkflow(example('callgoose-incident-lifecycle.json'), {
		credentials: callgooseCredentials(sandbox.current),
	});
	expect(result.output('Open incident')[0].json).toMatchObject({ outcome: 'created', statusCode: 201 });
	expect(result.output('Resolve incident')[0].json).toMatchObject({ outcome: 'resolved', statusCode: 200 });
	const incidents = sandbox.current.services.callgoose.incidents;
	expect(incidents.map((incident) => [incident.service, incident.title, incident.status])).toEqual([
		['database', 'n8n - Checkout error rate above 5%', 'resolved'],
		['website', 'n8n - Checkout error rate above 5%', 'resolved'],
	]);
});

test('callgoose-scheduled-run-workflow runs the automation workflow', async () => {
	// Run Workflow takes a Request token (npm start gives the example a credential of its own).
	const result = await runWorkflow(example('callgoose-scheduled-run-workflow.json'), {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
	});
	expect(result.output('Restart the stuck worker')[0].json).toMatchObject({ outcome: 'created', statusCode: 201 });
	expect(sandbox.current.services.callgoose.runs).toEqual([
		expect.objectContaining({ workflowId: 'wf-restart-service', variables: { host: 'worker-1', service: 'queue-consumer' } }),
	]);
});

test('traffic-dip-incident-and-call opens one incident and places one call for a traffic dip', async () => {
	const delivery = samplePayload('traffic_dip', 50, SITES.main);
	const result = await runWorkflow(example('traffic-dip-incident-and-call.json'), {
		credentials: {
			...callgooseCredentials(sandbox.current),
			...ccaiCredentials(sandbox.current),
			...goSquaredCredentials(sandbox.current),
		},
		// In real n8n the trigger's webhook() turns the delivery into this item (see the e2e tests).
		input: [{ event: 'traffic_dip', ...delivery }],
	});

	expect(result.output('Open incident')[0].json).toMatchObject({ outcome: 'created', statusCode: 201 });
	const incidents = sandbox.current.services.callgoose.incidents;
	expect(incidents).toHaveLength(1);
	expect(incidents[0]).toMatchObject({ service: 'website', status: 'active' });
	expect(incidents[0].title).toMatch(/^GoSquared - Traffic dip on .+: \d+ visitors online$/);

	expect(result.output('Call the on-call agent')[0].json).toMatchObject({ outcome: 'created', call_type: 'Voice Outbound (API)' });
	const calls = sandbox.current.services.ccai.requests.filter((request) => request.method === 'POST');
	expect(calls.map((request) => request.json)).toEqual([
		{ call_type: 'Voice Outbound (API)', agent_email: 'alex.agent@acme.example', end_user_number: '+14155550134', lang: 'en' },
	]);
});

test('ccai-customer-flags flags the customer of call 397 and reads the flags back', async () => {
	const ccai = sandbox.current.services.ccai;
	expect(ccai.calls.find((call) => call.id === 397)?.flags).toEqual({
		verified_customer: false,
		bad_actor: false,
		repeat_customer: false,
	});

	const result = await runWorkflow(example('ccai-customer-flags.json'), { credentials: ccaiCredentials(sandbox.current) });

	expect(ccai.requests.map((request) => [request.method, request.path, request.json ?? null])).toEqual([
		['PATCH', '/apps/api/v1/calls/397/customer_flag', { verified_customer: true, repeat_customer: true, repeat_customers: true }],
		['GET', '/apps/api/v1/calls/397/customer_flag', null],
	]);
	const flags = { call_id: 397, verified_customer: true, bad_actor: false, repeat_customer: true };
	expect(result.output('Flag the customer')[0].json).toEqual(flags);
	expect(result.output('Read the flags back')[0].json).toEqual(flags);
	expect(ccai.calls.find((call) => call.id === 397)?.flags).toEqual({
		verified_customer: true,
		bad_actor: false,
		repeat_customer: true,
	});
});

test('traffic-dip-incident-call-resolve opens an incident for a dip, calls the agent, and resolves it when the call has finished', async () => {
	const workflow = example('traffic-dip-incident-call-resolve.json');
	const credentials = {
		...callgooseCredentials(sandbox.current),
		...ccaiCredentials(sandbox.current),
		...goSquaredCredentials(sandbox.current),
	};
	// The CCAI Platform Trigger is activated with the workflow: it starts watching from now.
	const poller = new PollHarness(workflow, 'Call finished', credentials);
	expect(await poller.activate()).toBeNull();

	const dip = await runWorkflow(workflow, {
		credentials,
		startAt: 'GoSquared Trigger',
		input: [{ event: 'traffic_dip', ...samplePayload('traffic_dip', 50, SITES.main) }],
	});
	expect(dip.output('Open incident')[0].json).toMatchObject({ outcome: 'created' });
	const call = dip.output('Call the on-call agent')[0].json;
	expect(call).toMatchObject({ outcome: 'created', status: 'assigned' });
	const incidents = sandbox.current.services.callgoose.incidents;
	expect(incidents).toEqual([expect.objectContaining({ mapValue: 'website-traffic-dip', status: 'active' })]);

	// Nothing has finished yet; then the call is answered and ends.
	expect((await poller.poll()).items).toBeNull();
	const stored = sandbox.current.services.ccai.findCall(String(call.id))!;
	for (let step = 0; step < 3; step++) advance(stored, Date.now());
	const { items } = await poller.poll();
	expect(items).toEqual([expect.objectContaining({ id: call.id, status: 'finished', outcome: 'finished' })]);

	const resolve = await runWorkflow(workflow, { credentials, startAt: 'Call finished', input: items! });
	expect(resolve.output('Resolve incident')[0].json).toMatchObject({ outcome: 'resolved' });
	expect(incidents.map((incident) => incident.status)).toEqual(['resolved']);
	expect((await poller.poll()).items).toBeNull();
});

test('ccai-call-ended-gosquared-callgoose updates the caller in GoSquared for each ended call, and opens an incident for the failed one', async () => {
	const workflow = example('ccai-call-ended-gosquared-callgoose.json');
	const credentials = {
		...callgooseCredentials(sandbox.current),
		...ccaiCredentials(sandbox.current),
		...goSquaredCredentials(sandbox.current),
	};
	const ccai = sandbox.current.services.ccai;
	const site = siteData(sandbox.current);
	// A manual run of the CCAI Platform Trigger (Fetch Test Event) brings the call that ended last.
	expect(forceStatus(ccai.findCall('515')!, 'failed', Date.now(), { failReason: 'eu_abandoned' })).toBeUndefined();
	const failed = await runWorkflow(workflow, { credentials, startAt: 'Call ended' });
	const [call515] = failed.output('Call ended').map((item) => item.json);
	expect(call515).toMatchObject({ id: 515, outcome: 'failed', end_user: null });
	expect(site.identifies.map((entry) => entry.body)).toEqual([
		{ person_id: 'ccai-end-user-of-call-515', properties: { custom: { last_support_call: call515.ends_at, last_support_outcome: 'failed', last_support_agent: '' } } },
	]);
	expect(site.events.map((entry) => entry.body)).toEqual([
		{
			event: { name: 'Support call ended', data: { outcome: 'failed', call_id: 515, duration_seconds: call515.call_duration, fail_reason: 'eu_abandoned' } },
			person_id: 'ccai-end-user-of-call-515',
			timestamp: call515.ends_at,
		},
	]);
	expect(failed.output('Open an incident if it failed')[0].json).toMatchObject({ outcome: 'created' });
	expect(sandbox.current.services.callgoose.incidents).toEqual([
		expect.objectContaining({ mapValue: 'ccai-call-515', status: 'active', title: 'CCAI Platform - Support call 515 failed (eu_abandoned)' }),
	]);

	// Call 398 (the end user of a ticket) finishes later: its caller is updated, and no incident opens.
	expect(forceStatus(ccai.findCall('398')!, 'finished', Date.now() + 1000)).toBeUndefined();
	const finished = await runWorkflow(workflow, { credentials, startAt: 'Call ended' });
	const [call398] = finished.output('Call ended').map((item) => item.json);
	const caller = `ccai-end-user-${String((call398.end_user as { id: number }).id)}`;
	expect(site.identifies.at(-1)?.body).toEqual({
		person_id: caller,
		properties: { custom: { last_support_call: call398.ends_at, last_support_outcome: 'finished', last_support_agent: (call398.agent_info as { name: string }).name } },
	});
	expect(site.events.at(-1)?.body).toMatchObject({ person_id: caller, event: { data: { outcome: 'finished', call_id: 398 } } });
	// Callgoose's "Website alerts" filter takes status "firing" only: the finished call matches nothing.
	expect(finished.output('Open an incident if it failed')[0].json).toMatchObject({ outcome: 'noMatch', statusCode: 202 });
	expect(sandbox.current.services.callgoose.incidents).toHaveLength(1);
});
