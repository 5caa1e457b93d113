/**
 * The Callgoose credential. Callgoose issues two kinds of API token (its pages: "a Incident token"
 * for /v1/process, "a Request token" for /v1/request), and the credential holds either. Its test
 * (run by the Callgoose node) never sends an event, because an event can open an incident and
 * page someone: it posts a request that names no Automation Workflow to /v1/request, which runs
 * nothing. A Request token passes; for any other token it says it cannot tell an Incident token
 * from a wrong one. Its authentication goes where the user chose.
 */
import { callgooseCredentials, TOKENS, type TokenPlacement } from '../helpers/callgoose';
import { testCredential } from '../helpers/credentialTest';
import { loaded } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

test('is tested by the Callgoose node (testedBy), which can try both kinds of token', () => {
	expect(loaded.credentials.get('callgooseApi')?.test).toBeUndefined();
	const node = [...loaded.nodes.values()].find((candidate) => candidate.description.name === 'callgoose')!;
	expect(node.description.credentials).toEqual([{ name: 'callgooseApi', required: true, testedBy: 'callgooseApiTest' }]);
});

test('the credential says which token goes where, in the vendor\'s words', () => {
	const token = loaded.credentials.get('callgooseApi')!.properties.find((property) => property.name === 'apiToken')!;
	expect(token.description).toContain('Incident token');
	expect(token.description).toContain('Request token');
	expect(token.description).not.toMatch(/Global token/);
});

describe.each<TokenPlacement>(['header', 'queryParameter'])('token sent as %s', (placement) => {
	const sent = (request: { headers: Record<string, string>; query: Record<string, string> }) =>
		placement === 'header' ? request.headers.authorization : `Bearer ${request.query.token}`;

	test.each([
		['Global', TOKENS.global],
		['Team', TOKENS.team],
		['Service', TOKENS.service],
	])('an Incident token (%s scope): no event is sent, and the test says it cannot check this kind', async (_scope, token) => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token, placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Callgoose refused the token on \/v1\/request \(401\)\. An Incident token is always refused there, so this test cannot check one/);
		expect(callgoose().requests.map((request) => [request.method, request.path, request.status, sent(request), request.json])).toEqual([
			['POST', '/v1/request', 401, `Bearer ${token}`, {}],
		]);
		expect(callgoose().requests.filter((request) => request.path === '/v1/process')).toEqual([]);
		expect(callgoose().incidents).toEqual([]);
		expect(callgoose().runs).toEqual([]);
	});

	test('a Request token passes on /v1/request with a request that names no workflow, and nothing is run', async () => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token: TOKENS.request, placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(callgoose().requests.map((request) => [request.path, request.status, sent(request), request.json])).toEqual([
			['/v1/request', 202, `Bearer ${TOKENS.request}`, {}],
		]);
		expect(callgoose().runs).toEqual([]);
	});

	test('an unknown token fails with a message that says what to do', async () => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token: 'cg-wrong-token', placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/copy it again from Callgoose → API Token\.$/);
		expect(callgoose().requests.filter((request) => request.path === '/v1/process')).toEqual([]);
	});
});

test('a base URL that is not the API fails with a 404 message', async () => {
	const { callgooseApi } = callgooseCredentials(sandbox.current, { baseUrl: `${sandbox.current.url}/nothing-here/` });
	const result = await testCredential('callgooseApi', callgooseApi);
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^Nothing answers at this Base URL \(404\)/);
});

test('a token too short to be real fails as it would in a run, and nothing is sent', async () => {
	const { callgooseApi } = callgooseCredentials(sandbox.current, { token: 'short' });
	const result = await testCredential('callgooseApi', callgooseApi);
	expect(result).toEqual({
		status: 'Error',
		message: 'The Callgoose credential\'s "API Token" is too short to be a real one (5 characters; at least 8)',
	});
	expect(callgoose().requests).toEqual([]);
});
