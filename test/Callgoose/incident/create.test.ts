/**
 * Callgoose, Incident → Create: the event built from the fields (or given as JSON), and every outcome
 * Callgoose answers with, by real workflow executions against the sandbox: what reached the wire,
 * and what the user got.
 */
import { callgooseCredentials, TOKENS, type TokenPlacement } from '../../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const requests = () => sandbox.current.services.callgoose.requests;
const incidents = () => sandbox.current.services.callgoose.incidents;

describe.each<TokenPlacement>(['header', 'queryParameter'])('with the token sent as %s', (placement) => {
	const credentials = () => callgooseCredentials(sandbox.current, { placement });

	test('Incident → Create sends the event built from the fields and outputs "created"', async () => {
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: credentials(),
			input: [{ title: 'Disk almost full', details: 'Free space below 5%', alertId: 'db-1-disk', service: 'db' }],
		});

		expect(requests()).toHaveLength(1);
		const [request] = requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/process');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.json).toEqual({
			title: 'Disk almost full',
			content: 'Free space below 5%',
			alert_id: 'db-1-disk',
			status: 'firing',
			service: 'db',
		});
		if (placement === 'header') {
			expect(request.headers.authorization).toBe(`Bearer ${TOKENS.global}`);
			expect(request.query).toEqual({ from: 'n8n' });
		} else {
			expect(request.headers.authorization).toBeUndefined();
			expect(request.query).toEqual({ from: 'n8n', token: TOKENS.global });
		}

		const output = result.output('Create Incident');
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			outcome: 'created',
			statusCode: 201,
			response: {
				id: expect.stringMatching(/^api-/),
				triggered: { duplicate: false, created: true },
				resolved: { duplicate: false, resolved: false },
			},
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
		// A global token checks every service's filters: the db event matches both services.
		expect(incidents().map((incident) => [incident.service, incident.title, incident.status])).toEqual([
			['database', 'n8n - Disk almost full', 'active'],
			['website', 'n8n - Disk almost full', 'active'],
		]);
	});
});

test('an event that resolves one incident and triggers another outputs "createdAndResolved"', async () => {
	const credentials = callgooseCredentials(sandbox.current);
	await runWorkflow(workflowFile('callgoose-send-event-json.json'), {
		credentials,
		input: [{ event: { title: 'Queue stuck', alert_id: 'queue-7', status: 'firing' } }],
	});
	const result = await runWorkflow(workflowFile('callgoose-send-event-json.json'), {
		credentials,
		input: [{ event: { title: 'Queue stuck again', alert_id: 'queue-7', status: 'resolved, then firing' } }],
	});

	expect(requests()[1].json).toEqual({ title: 'Queue stuck again', alert_id: 'queue-7', status: 'resolved, then firing' });
	expect(result.output('Send Event')[0].json).toMatchObject({
		outcome: 'createdAndResolved',
		statusCode: 201,
		response: { triggered: { created: true }, resolved: { resolved: true } },
	});
	expect(incidents().map((incident) => [incident.title, incident.status])).toEqual([
		['Queue stuck', 'resolved'],
		['Queue stuck again', 'active'],
	]);
});

describe('an event that no API filter matches (202)', () => {
	const event = { title: 'FYI', status: 'informational' };

	test('comes out as outcome "noMatch" by default, not as an error', async () => {
		const result = await runWorkflow(workflowFile('callgoose-send-event-json.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ event }],
		});
		expect(result.error('Send Event')).toBeUndefined();
		expect(result.output('Send Event')[0].json).toMatchObject({ outcome: 'noMatch', statusCode: 202 });
		expect(incidents()).toEqual([]);
	});

	test('fails the item when "Fail If Nothing Matched" is on', async () => {
		const workflow = withParameters(workflowFile('callgoose-send-event-json.json'), 'Send Event', {
			options: { failIfNothingMatched: true },
		});
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ event }],
		});
		const error = result.error('Send Event');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Callgoose accepted the event but no API filter matched it (HTTP 202)');
		expect(error?.httpCode).toBe('202');
		expect(requests()).toHaveLength(1);
	});
});

test('a repeat of the same event within the duplicate window comes out as "duplicate" (208), not an error', async () => {
	const credentials = callgooseCredentials(sandbox.current);
	const input = [{ event: { title: 'Disk full', alert_id: 'db-9', status: 'firing' } }];
	await runWorkflow(workflowFile('callgoose-send-event-json.json'), { credentials, input });
	const again = await runWorkflow(workflowFile('callgoose-send-event-json.json'), { credentials, input });

	expect(again.error('Send Event')).toBeUndefined();
	expect(again.output('Send Event')[0].json).toMatchObject({
		outcome: 'duplicate',
		statusCode: 208,
		response: { triggered: { duplicate: true, created: false } },
	});
	expect(incidents()).toHaveLength(1);
});

test('Source is sent as the "from" query parameter and titles an untitled incident', async () => {
	const workflow = withParameters(workflowFile('callgoose-send-event-json.json'), 'Send Event', {
		source: 'Grafana',
	});
	await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current),
		input: [{ event: { alert_id: 'web-1', status: 'firing' } }],
	});
	expect(requests()[0].query).toEqual({ from: 'Grafana' });
	expect(incidents().map((incident) => incident.title)).toEqual(['Incident from Grafana']);
});

test('custom payload keys replace the default key names', async () => {
	const workflow = withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
		payloadKeys: { titleKey: 'summary', descriptionKey: 'details', correlationKey: 'fingerprint', statusKey: 'state' },
		additionalFields: {},
	});
	await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current),
		input: [{ title: 'T', details: 'D', alertId: 'F' }],
	});
	expect(requests()[0].json).toEqual({ summary: 'T', details: 'D', fingerprint: 'F', state: 'firing' });
});

test('a Team token creates incidents only for its own team\'s services', async () => {
	await runWorkflow(workflowFile('callgoose-create-incident.json'), {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.team }),
		input: [{ title: 'Disk almost full', alertId: 'db-1-disk', service: 'db' }],
	});
	expect(incidents().map((incident) => incident.service)).toEqual(['database']);
});
