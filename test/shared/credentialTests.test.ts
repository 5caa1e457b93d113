/**
 * The credential tests pass only on the service's own answer (issue "Hardening the new surfaces",
 * finding 10): a 2xx from something else — a captive portal's login page, another API at a wrong
 * address — fails the test and says what came back instead.
 */
import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { ccaiCredentials } from '../helpers/ccai';
import { testCredential } from '../helpers/credentialTest';
import { goSquaredCredentials } from '../helpers/gosquared';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const PORTAL = '<html><body><h1>Welcome to the hotel Wi-Fi</h1><form>Log in</form></body></html>';

test.each([
	['callgooseApi', 'callgoose', 'POST', '/v1/request', () => callgooseCredentials(sandbox.current, { token: TOKENS.request }), "Callgoose's answer"],
	['ccaiPlatformApi', 'ccai', 'GET', '/manager/api/v1/calls', () => ccaiCredentials(sandbox.current), 'a list of calls'],
	['goSquaredApi', 'gosquared', 'GET', '/account/v1/webhooks', () => goSquaredCredentials(sandbox.current), "GoSquared's"],
] as const)('%s: an HTML page answered with 200 is not "Connection successful"', async (type, service, method, path, credentials, expected) => {
	sandbox.current.services[service].addFault({ method, path, status: 200, body: PORTAL });
	const result = await testCredential(type, credentials()[type]);
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^Something answered HTTP 200 at http:\/\/127\.0\.0\.1:\d+\/.*, but not as .+ does \(/);
	expect(result.message).toContain(`${expected}`);
	expect(result.message).toContain('Welcome to the hotel Wi-Fi');
});

test.each([
	['ccaiPlatformApi', 'ccai', 'GET', '/manager/api/v1/calls', () => ccaiCredentials(sandbox.current), { calls: [] }],
	['goSquaredApi', 'gosquared', 'GET', '/account/v1/webhooks', () => goSquaredCredentials(sandbox.current), []],
] as const)('%s: JSON of another shape is not the service\'s answer either', async (type, service, method, path, credentials, body) => {
	sandbox.current.services[service].addFault({ method, path, status: 200, body });
	const result = await testCredential(type, credentials()[type]);
	expect(result.status).toBe('Error');
	expect(result.message).toContain('but not as');
});

test.each([
	['callgooseApi', () => callgooseCredentials(sandbox.current, { token: TOKENS.request })],
	['ccaiPlatformApi', () => ccaiCredentials(sandbox.current)],
	['goSquaredApi', () => goSquaredCredentials(sandbox.current)],
] as const)('%s: the service\'s own answer passes', async (type, credentials) => {
	expect(await testCredential(type, credentials()[type])).toMatchObject({ status: 'OK', message: 'Connection successful!' });
});
