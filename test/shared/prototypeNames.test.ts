/**
 * Names that objects inherit (`constructor`, `toString`, `__proto__`...) are ordinary strings to a
 * user: a resource or operation of that name (possible from workflow JSON) is refused with a
 * clear error, and a payload key, custom variable or key name of that name is sent like any
 * other, never dropped.
 */
import type { IDataObject } from 'n8n-workflow';

import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { ccaiCredentials } from '../helpers/ccai';
import { goSquaredCredentials } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

const INHERITED = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe.each([
	['Callgoose', 'callgoose-create-incident.json', 'Create Incident', () => callgooseCredentials(sandbox.current)],
	['CCAI Platform', 'ccai-create-call.json', 'Create Call', () => ccaiCredentials(sandbox.current)],
	['GoSquared', 'gosquared-webhook-get-many.json', 'Get Webhooks', () => goSquaredCredentials(sandbox.current)],
])('%s: a resource or operation named like an inherited property', (_service, file, node, credentials) => {
	test.each(INHERITED.flatMap((name) => [['resource', name] as const, ['operation', name] as const]))(
		'%s "%s" is refused with a clear error, and nothing is sent',
		async (parameter, name) => {
			const workflow = withParameters(workflowFile(file), node, { [parameter]: name });
			const result = await runWorkflow(workflow, { credentials: credentials() });
			const error = result.error(node);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(/^The operation ".*" is not known for the resource ".*"$/);
			expect(error?.message).toContain(`"${name}"`);
			for (const service of Object.values(sandbox.current.services)) expect(service.requests).toEqual([]);
		},
	);
});

describe('Callgoose: keys named __proto__ are sent, not dropped', () => {
	const sent = () => callgoose().requests[0].rawBody;

	test('an Additional Payload Field', async () => {
		const workflow = withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
			additionalFields: { pairs: [{ name: '__proto__', value: 'db' }, { name: 'service', value: 'db' }] },
		});
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input: [{ title: 'T', alertId: 'a' }] });
		expect(result.error('Create Incident')).toBeUndefined();
		expect(JSON.parse(sent())).toEqual(JSON.parse('{"__proto__":"db","service":"db","title":"T","alert_id":"a","status":"firing"}'));
		expect(sent()).toContain('"__proto__":"db"');
	});

	test('a Title Key: the required title is sent under it', async () => {
		const workflow = withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
			payloadKeys: { titleKey: '__proto__' },
		});
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input: [{ title: 'Disk full', alertId: 'a' }] });
		expect(result.error('Create Incident')).toBeUndefined();
		expect(sent()).toContain('"__proto__":"Disk full"');
	});

	test.each<[string, IDataObject]>([
		['as name/value pairs', { variablesMode: 'keyValue', variables: { pairs: [{ name: '__proto__', value: 'x' }, { name: 'host', value: 'h' }] } }],
		['as JSON', { variablesMode: 'json', variablesJson: '{"__proto__": "x", "host": "h"}' }],
	])('a custom variable %s', async (_case, parameters) => {
		const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', parameters);
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [{ workflowId: 'wf-restart-service' }],
		});
		expect(result.error('Run Workflow')).toBeUndefined();
		expect(sent()).toContain('"__proto__":"x"');
		expect(JSON.parse(sent())).toEqual(JSON.parse('{"workflowId":"wf-restart-service","__proto__":"x","host":"h"}'));
	});

	test('the whole event as JSON', async () => {
		const workflow = withParameters(workflowFile('callgoose-send-event-json.json'), 'Send Event', {
			payloadJson: '{"__proto__": {"a": 1}, "title": "T", "status": "firing"}',
		});
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current) });
		expect(result.error('Send Event')).toBeUndefined();
		expect(sent()).toContain('"__proto__":{"a":1}');
	});
});
