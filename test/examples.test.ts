/**
 * The example workflows the README shows and `npm start` imports, executed against the sandbox
 * (their n8n triggers replaced by pass-through doubles; real n8n runs them in the e2e tests).
 */
import { readFileSync } from 'fs';
import path from 'path';

import type { IWorkflowBase } from 'n8n-workflow';

import { callgooseCredentials } from './helpers/callgoose';
import { ROOT, runWorkflow } from './helpers/n8n';
import { useSandbox } from './helpers/sandbox';

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
	const result = await runWorkflow(example('callgoose-scheduled-run-workflow.json'), {
		credentials: callgooseCredentials(sandbox.current),
	});
	expect(result.output('Restart the stuck worker')[0].json).toMatchObject({ outcome: 'created', statusCode: 201 });
	expect(sandbox.current.services.callgoose.runs).toEqual([
		expect.objectContaining({ workflowId: 'wf-restart-service', variables: { host: 'worker-1', service: 'queue-consumer' } }),
	]);
});
