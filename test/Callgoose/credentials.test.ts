/**
 * The Callgoose credential. Callgoose issues two kinds of API token (its pages: "a Incident token"
 * for /v1/process, "a Request token" for /v1/request), and the credential holds either: its test
 * (run by the Callgoose node) tries an empty event on /v1/process, then an empty request on
 * /v1/request, and passes when either kind accepts the token, creating nothing. Its
 * authentication goes where the user chose.
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
	])('an Incident token (%s scope) passes on /v1/process, and nothing is created', async (_scope, token) => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token, placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(callgoose().requests.map((request) => [request.path, request.status, sent(request)])).toEqual([
			['/v1/process', 202, `Bearer ${token}`],
		]);
		expect(callgoose().incidents).toEqual([]);
		expect(callgoose().runs).toEqual([]);
	});

	test('a Request token passes on /v1/request, and nothing is run', async () => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token: TOKENS.request, placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(callgoose().requests.map((request) => [request.path, request.status, sent(request)])).toEqual([
			['/v1/process', 401, `Bearer ${TOKENS.request}`],
			['/v1/request', 202, `Bearer ${TOKENS.request}`],
		]);
		expect(callgoose().runs).toEqual([]);
	});

	test('an unknown token fails with a message that says what to do', async () => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token: 'cg-wrong-token', placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Callgoose refused the API token as an Incident token and as a Request token \(401\)/);
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
