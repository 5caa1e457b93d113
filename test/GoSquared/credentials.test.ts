/**
 * The GoSquared credential: its test (run by the GoSquared nodes, with the runs' own address, keys
 * and rule for secrets) lists the site's webhooks (harmless), tells a good key and site from a bad
 * one with a message that says what to do, and both values travel as GoSquared reads them: the
 * `api_key` and `site_token` query parameters.
 */
import { testCredential } from '../helpers/credentialTest';
import { goSquaredCredentials, KEYS, SITES } from '../helpers/gosquared';
import { loaded } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;

test('is tested by both GoSquared nodes (testedBy), not by a request of the credential', () => {
	expect(loaded.credentials.get('goSquaredApi')?.test).toBeUndefined();
	const users = [...loaded.nodes.values()].filter((node) => node.description.credentials?.some((reference) => reference.name === 'goSquaredApi'));
	expect(users.map((node) => node.description.name).sort()).toEqual(['goSquared', 'goSquaredTrigger']);
	for (const node of users) {
		expect(node.description.credentials).toEqual([{ name: 'goSquaredApi', required: true, testedBy: 'goSquaredApiTest' }]);
		expect(typeof node.methods?.credentialTest?.goSquaredApiTest).toBe('function');
	}
});

test('a key too short to be real fails as it would in a run, and nothing is sent', async () => {
	const { goSquaredApi } = goSquaredCredentials(sandbox.current, { apiKey: 'demo' });
	expect(await testCredential('goSquaredApi', goSquaredApi)).toEqual({
		status: 'Error',
		message: 'The GoSquared credential\'s "API Key" is too short to be a real one (4 characters; at least 8)',
	});
	expect(gosquared().requests).toEqual([]);
});

test('a key with write access, on a site it may use, passes; nothing is created', async () => {
	const { goSquaredApi } = goSquaredCredentials(sandbox.current, { apiKey: ` ${KEYS.write} `, siteToken: SITES.second });
	const result = await testCredential('goSquaredApi', goSquaredApi);
	expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
	const [request] = gosquared().requests;
	expect(`${request.method} ${request.path} ${request.status}`).toBe('GET /account/v1/webhooks 200');
	// Pasted with spaces around it, the key is still sent as it is meant.
	expect(request.query).toEqual({ api_key: KEYS.write, site_token: SITES.second });
	expect(request.headers.authorization).toBeUndefined();
	expect(gosquared().webhooks).toEqual([]);
});

test.each([
	['an unknown key', { apiKey: 'gs-key-nope-00000000000000000000' }, /^GoSquared did not accept the API key \(401\)/],
	['a site the key may not use', { siteToken: SITES.foreign }, /^The API key is not authorised for this site \(403, GoSquared error 4001\)/],
	['a key without write access', { apiKey: KEYS.readOnly }, /^The API key is not authorised for this site \(403, GoSquared error 4001\)/],
	['an empty site token', { siteToken: '' }, /^GoSquared says a parameter is missing \(400\)/],
])('%s fails with a message that says what to do', async (_case, values, message) => {
	const { goSquaredApi } = goSquaredCredentials(sandbox.current, values);
	const result = await testCredential('goSquaredApi', goSquaredApi);
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(message);
});

test('an API URL that is not GoSquared\'s fails with a 404 message; a trailing slash is fine', async () => {
	const wrong = goSquaredCredentials(sandbox.current, { apiUrl: `${sandbox.current.url}/elsewhere` }).goSquaredApi;
	expect((await testCredential('goSquaredApi', wrong)).message).toMatch(/^Nothing answers at this API URL \(404\)/);
	const slash = goSquaredCredentials(sandbox.current, { apiUrl: `${sandbox.current.baseUrls.gosquared}/` }).goSquaredApi;
	expect((await testCredential('goSquaredApi', slash)).status).toBe('OK');
});
