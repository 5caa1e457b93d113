/**
 * n8n's node-level Retry On Fail (issue "AI agents and n8n-native polish", point 6). n8n-core's
 * WorkflowExecute runs the whole node again when it fails: the items that succeeded are sent
 * again, creates included. The node warns in its form, and, when the setting is on, in its error.
 */
import { callgooseCredentials } from '../helpers/callgoose';
import { loaded, runWorkflow, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

const input = [
	{ title: 'Disk full', alertId: 'db-1' },
	{ title: 'CPU hot', alertId: 'db-2' },
	{ title: '', alertId: 'db-3' },
];

test('with Retry On Fail on, n8n sends the successful creates again, and the error says it would', async () => {
	const workflow = workflowFile('callgoose-create-incident.json');
	Object.assign(workflow.nodes[1], { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
	workflow.nodes[1].parameters = { ...workflow.nodes[1].parameters, requestOptions: { concurrency: 1 } };
	const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input });

	// What n8n did: the node ran twice, and the first two incidents were posted twice.
	expect(callgoose().requests.map((request) => (request.json as { title: string }).title)).toEqual([
		'Disk full',
		'CPU hot',
		'Disk full',
		'CPU hot',
	]);
	const error = result.error('Create Incident');
	expect(error?.message).toBe('"Title" is required (item 2)');
	expect(String(error?.description)).toContain(
		"This node's Retry On Fail setting is on: n8n now runs all 3 items again, also those that succeeded",
	);
});

test('without it, the same failure says nothing of Retry On Fail, and each create is sent once', async () => {
	const workflow = workflowFile('callgoose-create-incident.json');
	workflow.nodes[1].parameters = { ...workflow.nodes[1].parameters, requestOptions: { concurrency: 1 } };
	const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input });
	expect(callgoose().requests).toHaveLength(2);
	expect(String(result.error('Create Incident')?.description ?? '')).not.toContain('Retry On Fail');
});

test.each(['callgoose', 'ccaiPlatform', 'goSquared'])('the %s node shows the notice above its Request Options', (name) => {
	const node = [...loaded.nodes.values()].find((candidate) => candidate.description.name === name)!;
	const names = node.description.properties.map((property) => property.name);
	const notice = names.indexOf('retryOnFailNotice');
	// Last but the Request Options (the GoSquared node has two, one for its tracking operations).
	expect(names.slice(notice + 1).every((name) => name === 'requestOptions')).toBe(true);
	expect(names.length - notice).toBeGreaterThan(1);
	expect(node.description.properties[notice].displayName).toContain("Leave n8n's Retry On Fail (Settings) off");
});
