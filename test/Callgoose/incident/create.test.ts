/**
 * Callgoose, Incident → Create: the event built from the fields (or given as JSON), and every
 * outcome Callgoose answers with, by real workflow executions against the sandbox: what reached the
 * wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { NodeApiError } from 'n8n-workflow';

import { prepare } from '../../../nodes/Callgoose/actions/incident/create.operation';
import { callgooseService } from '../../../nodes/Callgoose/transport';
import { callgooseCredentials, TOKENS, type TokenPlacement } from '../../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, preparing, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
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

describe('prepare (no server)', () => {
	const fields = {
		payloadMode: 'fields',
		title: ' Disk almost full ',
		incidentDescription: 'Free space below 5%',
		correlationValue: 'db-1-disk',
		status: 'firing',
		additionalFields: { pairs: [{ name: 'service', value: 'db' }] },
		source: 'n8n',
	};

	test('posts the event built from the fields, ordered by its correlation value, never repeated once sent; 201 is "created"', async () => {
		const prepared = preparing(prepare, fields);
		expect(prepared.key).toBe('db-1-disk');
		const body = { id: 'api-1', triggered: { duplicate: false, created: true }, resolved: { duplicate: false, resolved: false } };
		expect(await sendPrepared(prepared, callgooseService, answer(body, 201))).toEqual({
			output: { outcome: 'created', statusCode: 201, response: body },
			requests: [
				{
					method: 'POST',
					path: '/v1/process',
					body: { title: 'Disk almost full', content: 'Free space below 5%', alert_id: 'db-1-disk', status: 'firing', service: 'db' },
					qs: { from: 'n8n' },
					idempotent: false,
					retryServerErrors: true,
				},
			],
		});
	});

	test('Payload Keys name the keys, and the correlation key names the ordering value', async () => {
		const prepared = preparing(prepare, {
			...fields,
			source: '',
			payloadKeys: { titleKey: 'summary', descriptionKey: 'details', correlationKey: 'fingerprint', statusKey: 'state' },
		});
		expect(prepared.key).toBe('db-1-disk');
		const { requests } = await sendPrepared(prepared, callgooseService, answer('', 202));
		expect(requests).toEqual([
			{
				method: 'POST',
				path: '/v1/process',
				body: { summary: 'Disk almost full', details: 'Free space below 5%', fingerprint: 'db-1-disk', state: 'firing', service: 'db' },
				idempotent: false,
				retryServerErrors: true,
			},
		]);
	});

	test('in JSON mode the event goes as it is, ordered by the value under the correlation key; without one, unordered', async () => {
		const event = { title: 'Queue stuck', fingerprint: 7, status: 'firing' };
		const prepared = preparing(prepare, { payloadMode: 'json', payloadJson: JSON.stringify(event), payloadKeys: { correlationKey: 'fingerprint' } });
		expect(prepared.key).toBe('7');
		const { requests } = await sendPrepared(prepared, callgooseService, answer('', 202));
		expect(requests.map((request) => request.body)).toEqual([event]);
		expect(preparing(prepare, { payloadMode: 'json', payloadJson: '{"title": "FYI"}' }).key).toBeUndefined();
	});

	test.each([
		[200, { resolved: { resolved: true, duplicate: false }, triggered: { created: false, duplicate: false } }, 'resolved'],
		[201, { resolved: { resolved: true, duplicate: false }, triggered: { created: true, duplicate: false } }, 'createdAndResolved'],
		[202, '', 'noMatch'],
		[208, { triggered: { created: false, duplicate: true } }, 'duplicate'],
	])('HTTP %s with its body is outcome %s', async (statusCode, body, outcome) => {
		const { output } = await sendPrepared(preparing(prepare, fields), callgooseService, answer(body, statusCode));
		expect(output).toEqual({ outcome, statusCode, response: body });
	});

	test('with "Fail If Nothing Matched", a 202 fails the item with its status', async () => {
		const prepared = preparing(prepare, { ...fields, options: { failIfNothingMatched: true } }, 4);
		const sending = prepared.send(new RecordingApi(callgooseService, answer('', 202), 4));
		await expect(sending).rejects.toBeInstanceOf(NodeApiError);
		await expect(sending).rejects.toMatchObject({
			message: 'Callgoose accepted the event but no API filter matched it (HTTP 202)',
			httpCode: '202',
			context: { itemIndex: 4 },
		});
	});

	test.each([
		['an empty Title', { ...fields, title: ' ' }, '"Title" is required (item 1)'],
		[
			'an additional field that repeats a named one',
			{ ...fields, additionalFields: { pairs: [{ name: 'title', value: 'x' }] } },
			'"Additional Payload Fields" sets "title", which Title already sets: set it in one place only (item 1)',
		],
		['two Payload Keys with the same name', { ...fields, payloadKeys: { titleKey: 'status' } }, '"Payload Keys: Status Key" is "status", like the title key: give each key its own name (item 1)'],
		['an empty JSON event', { payloadMode: 'json', payloadJson: '{}' }, '"Payload (JSON)" is empty: give it the keys your API filters match (item 1)'],
		['a JSON event that is not JSON', { payloadMode: 'json', payloadJson: '{title' }, expect.stringMatching(/^"Payload \(JSON\)" is not valid JSON \(.+\): give a JSON object, e\.g\. \{"key": "value"\} \(item 1\)$/)],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => preparing(prepare, values, 1))).toEqual({ message, itemIndex: 1 });
	});
});
