/**
 * The Callgoose credential: its `test` request tells a good token from a bad one without creating
 * anything, in both token modes, and its authentication goes where the user chose.
 */
import { callgooseCredentials, TOKENS, type TokenPlacement } from './helpers/callgoose';
import { testCredential } from './helpers/credentialTest';
import { useSandbox } from './helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

describe.each<TokenPlacement>(['header', 'queryParameter'])('token sent as %s', (placement) => {
	test.each([
		['Global', TOKENS.global],
		['Team', TOKENS.team],
		['Service', TOKENS.service],
	])('a valid %s token passes, and nothing is created', async (_kind, token) => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token, placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result.status).toBe('OK');
		const [request] = callgoose().requests;
		expect(request.path).toBe('/v1/process');
		expect(request.status).toBe(202);
		if (placement === 'header') expect(request.headers.authorization).toBe(`Bearer ${token}`);
		else expect(request.query.token).toBe(token);
		expect(callgoose().incidents).toEqual([]);
		expect(callgoose().runs).toEqual([]);
	});

	test('an unknown token fails with a message that says what to do', async () => {
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token: 'cg-wrong', placement });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Callgoose refused the API token \(401\)/);
	});
});

test('a base URL that is not the API fails with a 404 message', async () => {
	const { callgooseApi } = callgooseCredentials(sandbox.current, { baseUrl: `${sandbox.current.url}/nothing-here/` });
	const result = await testCredential('callgooseApi', callgooseApi);
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^Nothing answers at this Base URL \(404\)/);
});
