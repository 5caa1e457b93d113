/**
 * Callgoose, Incident → Resolve, by real workflow executions against the sandbox: what reached the
 * wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/Callgoose/actions/incident/resolve.operation';
import { callgooseService } from '../../../nodes/Callgoose/transport';
import { callgooseCredentials, type TokenPlacement } from '../../helpers/callgoose';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { answer, preparing, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const requests = () => sandbox.current.services.callgoose.requests;
const incidents = () => sandbox.current.services.callgoose.incidents;

describe.each<TokenPlacement>(['header', 'queryParameter'])('with the token sent as %s', (placement) => {
	const credentials = () => callgooseCredentials(sandbox.current, { placement });

	test('Incident → Resolve resolves the incidents mapped to the correlation value', async () => {
		await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: credentials(),
			input: [
				{ title: 'Disk almost full', alertId: 'db-1-disk', service: 'db' },
				{ title: 'CPU hot', alertId: 'db-2-cpu', service: 'db' },
			],
		});
		const result = await runWorkflow(workflowFile('callgoose-resolve-incident.json'), {
			credentials: credentials(),
			input: [{ alertId: 'db-1-disk' }],
		});

		const resolveRequest = requests()[2];
		expect(resolveRequest.path).toBe('/v1/process');
		expect(resolveRequest.json).toEqual({ alert_id: 'db-1-disk', status: 'resolved' });
		expect(result.output('Resolve Incident')[0].json).toMatchObject({
			outcome: 'resolved',
			statusCode: 200,
			response: { resolved: { resolved: true, duplicate: false }, triggered: { created: false } },
		});
		const byAlert = (alert: string) =>
			incidents()
				.filter((incident) => incident.mapValue === alert)
				.map((incident) => incident.status);
		expect(byAlert('db-1-disk')).toEqual(['resolved', 'resolved']);
		expect(byAlert('db-2-cpu')).toEqual(['active', 'active']);
	});
});

describe('prepare (no server)', () => {
	const fields = { payloadMode: 'fields', correlationValue: ' db-1-disk ', status: 'resolved' };

	test('posts the resolve event, ordered by its correlation value, never repeated once sent; 200 is "resolved"', async () => {
		const prepared = preparing(prepare, fields);
		expect(prepared.key).toBe('db-1-disk');
		const body = { resolved: { resolved: true, duplicate: false }, triggered: { created: false, duplicate: false } };
		expect(await sendPrepared(prepared, callgooseService, answer(body, 200))).toEqual({
			output: { outcome: 'resolved', statusCode: 200, response: body },
			requests: [
				{
					method: 'POST',
					path: '/v1/process',
					body: { alert_id: 'db-1-disk', status: 'resolved' },
					idempotent: false,
					retryServerErrors: true,
				},
			],
		});
	});

	test('an optional Title and the Source go too', async () => {
		const { requests } = await sendPrepared(
			preparing(prepare, { ...fields, title: 'Disk fine again', source: 'Grafana' }),
			callgooseService,
			answer('', 202),
		);
		expect(requests.map(({ body, qs }) => ({ body, qs }))).toEqual([
			{ body: { alert_id: 'db-1-disk', status: 'resolved', title: 'Disk fine again' }, qs: { from: 'Grafana' } },
		]);
	});

	test.each([
		['no correlation value', { ...fields, correlationValue: '' }, '"Correlation Value (Map Incident With)" is required (item 4)'],
		['an empty Correlation Key', { ...fields, payloadKeys: { correlationKey: ' ' } }, '"Payload Keys: Correlation Key" is empty (item 4)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => preparing(prepare, values, 4))).toEqual({ message, itemIndex: 4 });
	});
});
