/**
 * Every parameter of an item is read and checked before its request goes out, and without
 * continue on fail nothing after an invalid item is sent, whatever field is invalid (issue
 * "Hardening the new surfaces", finding 6; the structure of issue "One trip per item"): the
 * Timeout option and the Callgoose Source, which used to be read after the first network step,
 * included.
 */
import { callgooseCredentials } from '../helpers/callgoose';
import { ccaiCredentials, createRequests } from '../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

const events = (count: number) => Array.from({ length: count }, (_, index) => ({ title: `T${index}`, alertId: `a-${index}` }));

test.each([
	['Source', { source: '={{ $itemIndex === 0 ? { not: "text" } : "n8n" }}' }, '"Source" must be text, not an object or a list (item 0)'],
	['Timeout', { requestOptions: { concurrency: 10, timeout: '={{ $itemIndex === 0 ? -5 : 1000 }}' } }, '"Timeout" must be a whole number of milliseconds from 1 to 600000, not -5 (item 0)'],
])('Callgoose: a bad %s on item 0 fails it, and none of the ten items reaches Callgoose', async (_field, parameters, message) => {
	sandbox.current.services.callgoose.latencyMs = 50;
	const workflow = withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
		requestOptions: { concurrency: 10 },
		...parameters,
	});
	const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input: events(10) });
	expect(result.error('Create Incident')?.message).toBe(message);
	expect(sandbox.current.services.callgoose.requests).toEqual([]);
});

test('CCAI Platform Create Call: a bad Timeout on item 3 lets items 0 to 2 go, and no call after it is placed', async () => {
	sandbox.current.services.ccai.latencyMs = 50;
	const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', {
		requestOptions: { concurrency: 10, timeout: '={{ $itemIndex === 3 ? "soon" : 30000 }}' },
	});
	const input = Array.from({ length: 10 }, (_, index) => ({
		agentEmail: 'admin@acme.example',
		endUserNumber: `+1 859-657-96${String(index).padStart(2, '0')}`,
	}));
	const result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
	expect(result.error('Create Call')?.message).toBe('"Timeout" must be a whole number of milliseconds from 1 to 600000, not "soon" (item 3)');
	expect(createRequests(sandbox.current).map((request) => (request.json as { end_user_number: string }).end_user_number).sort()).toEqual([
		'+18596579600',
		'+18596579601',
		'+18596579602',
	]);
});
