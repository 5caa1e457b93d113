/**
 * Callgoose, Incident → Resolve, by real workflow executions against the sandbox: what reached the
 * wire, and what the user got.
 */
import { callgooseCredentials, type TokenPlacement } from '../../helpers/callgoose';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
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
