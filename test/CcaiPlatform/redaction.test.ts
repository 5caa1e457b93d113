/**
 * The redaction proof for CCAI Platform: with an API token and with a legacy company key and
 * secret, for a 401, a 500, a refused connection and a timeout, neither the password nor the Basic
 * value that carries it appears in the error (message, description, any property, its causes),
 * the execution data, the output items (continue on fail) or anything logged, even though the
 * sandbox echoes the Authorization header it received in its error bodies.
 */
import type { IDataObject } from 'n8n-workflow';

import { basicValue, CCAI, ccaiCredentials, freePort } from '../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { captureOutput, everyString } from '../helpers/redaction';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const NODE = 'Create Call';

/** A password the sandbox does not know: it answers 401 to it, and echoes it. */
const UNKNOWN_PASSWORD = 'ccai-leaky-9d2c7b1e4f6a8c0e3b5d7f9a1c2e4b6d';

type Login = 'api token' | 'company key';
type Scenario = 'a 401' | 'a 500' | 'a refused connection' | 'a timeout';

const LOGINS: Record<Login, { username: string; password: string }> = {
	'api token': { username: '', password: CCAI.apiToken },
	'company key': { username: CCAI.companyKey, password: CCAI.companySecret },
};

async function provoke(scenario: Scenario, login: Login, onError?: string) {
	ccai().echoRequestInErrors = true;
	const credentials: IDataObject = { ...LOGINS[login] };
	let workflow = workflowFile('ccai-create-call.json');
	if (scenario === 'a 401') credentials.password = UNKNOWN_PASSWORD;
	if (scenario === 'a 500') ccai().addFault({ path: '/apps/api/v1/calls', status: 500, times: 100 });
	if (scenario === 'a refused connection') credentials.baseUrlOverride = `http://127.0.0.1:${await freePort()}/apps/api/v1`;
	if (scenario === 'a timeout') {
		ccai().addFault({ path: '/apps/api/v1/calls', delayMs: 1000 });
		workflow = withParameters(workflow, NODE, { requestOptions: { timeout: 200 } });
	}
	if (onError) workflow.nodes[1].onError = onError as never;

	const password = String(credentials.password);
	const secrets = [password, basicValue(String(credentials.username || CCAI.subdomain), password)];
	const output = captureOutput();
	let result;
	try {
		result = await runWorkflow(workflow, {
			credentials: ccaiCredentials(sandbox.current, credentials as never),
			input: [{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625' }],
		});
	} finally {
		// Keep what was written even if the run throws.
		var written = output.stop();
	}
	return { result, secrets, written };
}

const leaks = (values: string[], secrets: string[]) => values.filter((text) => secrets.some((secret) => text.includes(secret)));

describe.each<Login>(['api token', 'company key'])('with an %s', (login) => {
	describe.each<Scenario>(['a 401', 'a 500', 'a refused connection', 'a timeout'])('%s', (scenario) => {
		test('neither the password nor the Basic value is in the error, the execution data or the logs', async () => {
			const { result, secrets, written } = await provoke(scenario, login);

			const error = result.error(NODE);
			expect(error).toBeDefined();
			expect(error?.name).toBe('NodeApiError');
			// The proof is meaningful: the Basic value did reach the service, and came back in its answer.
			if (scenario !== 'a refused connection') {
				const [received] = ccai().requests;
				expect(received.headers.authorization).toBe(`Basic ${secrets[1]}`);
				if (scenario !== 'a timeout') expect(JSON.stringify(received.response)).toContain(secrets[1]);
			}

			expect(leaks(everyString(error), secrets)).toEqual([]);
			expect(leaks(everyString(result.run), secrets)).toEqual([]);
			for (const secret of secrets) {
				expect(JSON.stringify(result.run)).not.toContain(secret);
				expect(written).not.toContain(secret);
				expect(`${error?.message} ${error?.description}`).not.toContain(secret);
			}
		});

		test('with continue on fail, the error item carries neither', async () => {
			const { result, secrets } = await provoke(scenario, login, 'continueRegularOutput');
			const [item] = result.output(NODE);
			expect(item.json.error).toEqual(expect.any(String));
			expect(leaks(everyString(item), secrets)).toEqual([]);
		});
	});
});

test('a password that the service echoes in a successful answer is hidden in the output', async () => {
	ccai().addFault({
		path: '/apps/api/v1/calls',
		status: 201,
		body: { id: 1234, status: 'assigned', note: `created with ${CCAI.apiToken}` },
	});
	const result = await runWorkflow(workflowFile('ccai-create-call.json'), {
		credentials: ccaiCredentials(sandbox.current),
		input: [{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625' }],
	});
	expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created', id: 1234, note: 'created with **hidden**' });
	expect(JSON.stringify(result.run)).not.toContain(CCAI.apiToken);
});
