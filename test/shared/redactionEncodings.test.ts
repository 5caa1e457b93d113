/**
 * Tokens full of reserved characters, in query strings: n8n's own serialiser percent-encodes
 * them in forms (`!'()*` escaped, `%2A`...) that a service may echo back, in a successful answer
 * (the output item) or an error (the error's response, its message). The token must not come
 * out in any form: every string the run leaves behind is decoded every way a URL can be, and
 * none may contain the token. And the other side: a credential's secret is never short enough
 * to rewrite ordinary data, because the request layer refuses such credentials before sending.
 */
import type { IDataObject } from 'n8n-workflow';

import { callgooseCredentials } from '../helpers/callgoose';
import { goSquaredCredentials } from '../helpers/gosquared';
import { runWorkflow, workflowFile } from '../helpers/n8n';
import { captureOutput, everyString } from '../helpers/redaction';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;
const gosquared = () => sandbox.current.services.gosquared;

/** Valid at the sandbox (added below): tokens made of what every encoder treats differently. */
const CALLGOOSE_TOKEN = "cg(p)a+ss!w'rd*x ~y/z?=";
const GOSQUARED_KEY = "gs!key*(b)'c+d e/f?&";
/** Unknown to the sandbox: answered 401 / 4001, with the URL echoed. */
const UNKNOWN_TOKEN = "cg-unknown(*)!'+ /?";

beforeAll(() => {
	callgoose().config.tokens.push({ token: CALLGOOSE_TOKEN, kind: 'incident', scope: 'global' });
	gosquared().config.keys.push({ key: GOSQUARED_KEY, sites: ['GSN-123456-A'], accountWrite: true });
});

/** `text` with every run of %XX escapes decoded, leaving malformed ones alone. */
function percentDecode(text: string): string {
	return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return run;
		}
	});
}

/** Every reading of `text`: as it is, URL-decoded with and without + as space, and twice. */
function readings(text: string): string[] {
	const once = [percentDecode(text), percentDecode(text.replace(/\+/g, ' '))];
	return [text, ...once, ...once.map(percentDecode)];
}

function revealing(values: string[], token: string): string[] {
	return values.filter((value) => readings(value).some((reading) => reading.includes(token)));
}

/** One item that both the Callgoose and the GoSquared test workflows can use. */
const INPUT = { title: 'T', alertId: 'a', url: 'https://hooks.example/gosquared', name: 'n', threshold: 100 };

async function run(workflow: string, credentials: Record<string, IDataObject>, onError?: string) {
	const data = workflowFile(workflow);
	if (onError) data.nodes[1].onError = onError as never;
	const output = captureOutput();
	try {
		const result = await runWorkflow(data, { credentials: credentials as never, input: [INPUT] });
		return { result, written: output.stop() };
	} catch (error) {
		output.stop();
		throw error;
	}
}

describe('Callgoose, token in the query string', () => {
	test('an answer that echoes the URL: the output item carries the answer, without the token in any form', async () => {
		callgoose().echoRequestInAnswers = true;
		const { result, written } = await run(
			'callgoose-create-incident.json',
			callgooseCredentials(sandbox.current, { token: CALLGOOSE_TOKEN, placement: 'queryParameter' }),
		);
		const [item] = result.output('Create Incident');
		expect(item.json).toMatchObject({ outcome: 'created', statusCode: 201 });
		// The proof is not vacuous: the token travelled percent-encoded, and came back so.
		const [received] = callgoose().requests;
		expect(received.query.token).toBe(CALLGOOSE_TOKEN);
		const echoed = (received.response as { received: { url: string } }).received.url;
		expect(echoed).not.toContain(CALLGOOSE_TOKEN);
		expect(echoed).not.toContain(encodeURIComponent(CALLGOOSE_TOKEN));
		expect(revealing([echoed], CALLGOOSE_TOKEN)).toEqual([echoed]);

		expect((item.json.response as IDataObject).received).toEqual({ url: expect.stringContaining('token=**hidden**'), authorization: null });
		expect(revealing(everyString(result.run), CALLGOOSE_TOKEN)).toEqual([]);
		expect(revealing([written], CALLGOOSE_TOKEN)).toEqual([]);
	});

	test.each([undefined, 'continueRegularOutput'])('a 401 that echoes the URL (on error: %s): the token is in no form anywhere', async (onError) => {
		callgoose().echoRequestInErrors = true;
		const { result, written } = await run(
			'callgoose-create-incident.json',
			callgooseCredentials(sandbox.current, { token: UNKNOWN_TOKEN, placement: 'queryParameter' }),
			onError,
		);
		expect(callgoose().requests[0].status).toBe(401);
		expect(JSON.stringify(callgoose().requests[0].response)).toContain('%2A');
		const error = result.error('Create Incident');
		if (!onError) expect(error?.message).toMatch(/\(HTTP 401\)/);
		expect(revealing(everyString(error), UNKNOWN_TOKEN)).toEqual([]);
		expect(revealing(everyString(result.run), UNKNOWN_TOKEN)).toEqual([]);
		expect(revealing([written], UNKNOWN_TOKEN)).toEqual([]);
	});
});

describe('GoSquared, api_key in every query string', () => {
	test('an answer that echoes the URL: the key is in no form in the output', async () => {
		gosquared().echoRequestInAnswers = true;
		const { result } = await run('gosquared-webhook-create.json', goSquaredCredentials(sandbox.current, { apiKey: GOSQUARED_KEY }));
		expect(gosquared().requests[0].query.api_key).toBe(GOSQUARED_KEY);
		expect(result.output('Create Webhook')[0].json).toMatchObject({ id: expect.any(Number), received: { url: expect.any(String) } });
		expect(revealing(everyString(result.run), GOSQUARED_KEY)).toEqual([]);
	});

	test('a 4001 that echoes the URL: the key is in no form in the error or the logs', async () => {
		gosquared().echoRequestInErrors = true;
		const key = `${GOSQUARED_KEY}-unknown`;
		const { result, written } = await run('gosquared-webhook-get-many.json', goSquaredCredentials(sandbox.current, { apiKey: key }));
		expect(gosquared().requests[0].status).toBe(401);
		expect(revealing(everyString(result.error('Get Webhooks')), key)).toEqual([]);
		expect(revealing(everyString(result.run), key)).toEqual([]);
		expect(revealing([written], key)).toEqual([]);
	});
});

describe('a secret too short to be a real token', () => {
	test.each([
		['Callgoose', 'callgoose-create-incident.json', 'Create Incident', () => callgooseCredentials(sandbox.current, { token: 'open' }), 'API Token'],
		['GoSquared', 'gosquared-webhook-get-many.json', 'Get Webhooks', () => goSquaredCredentials(sandbox.current, { apiKey: 'demo' }), 'API Key'],
	])('%s: the item fails before anything is sent, naming the field', async (service, workflow, node, credentials, field) => {
		const { result } = await run(workflow, credentials());
		const error = result.error(node);
		expect(error?.message).toBe(
			`The ${service} credential's "${field}" is too short to be a real one (4 characters; at least 8)`,
		);
		expect(error?.description).toMatch(/Copy the whole value again/);
		expect(callgoose().requests).toEqual([]);
		expect(gosquared().requests).toEqual([]);
	});

	test('with a real token, answers that contain parts of it or common words come out untouched', async () => {
		const answer = { id: 'api-1', triggered: { created: true }, state: 'open', note: 'reopened', prefix: CALLGOOSE_TOKEN.slice(0, 8) };
		callgoose().addFault({ path: '/v1/process', status: 201, body: answer });
		const { result } = await run(
			'callgoose-create-incident.json',
			callgooseCredentials(sandbox.current, { token: CALLGOOSE_TOKEN, placement: 'queryParameter' }),
		);
		expect(result.output('Create Incident')[0].json.response).toEqual(answer);
	});
});
