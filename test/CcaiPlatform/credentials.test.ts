/**
 * The CCAI Platform credential. Its address, its Basic username and its Basic value are derived in
 * one place (`ccaiConnection`), used by the runs, the credential's `authenticate`, its test (run by
 * the node, `testedBy`) and redaction. The test reads the Manager API's call list (a harmless read:
 * nothing is placed), and refuses exactly what the runs refuse, with the same message.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { APPS_API, ccaiConnection, MANAGER_API } from '../../nodes/CcaiPlatform/transport/connection';
import { basicValue, CCAI, ccaiCredentials } from '../helpers/ccai';
import { EXPRESSION_NODE, expressionWorkflow, testCredential } from '../helpers/credentialTest';
import { loaded, runWorkflow, TestCredentialsHelper, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const credentialsFor = (data: ICredentialDataDecryptedObject = {}) => ccaiCredentials(sandbox.current, data).ccaiPlatformApi;

describe('the credential test', () => {
	test('is run by the CCAI Platform node (testedBy), not by a request of the credential', () => {
		expect(loaded.credentials.get('ccaiPlatformApi')?.test).toBeUndefined();
		const node = [...loaded.nodes.values()].find((candidate) => candidate.description.name === 'ccaiPlatform')!;
		expect(node.description.credentials).toEqual([{ name: 'ccaiPlatformApi', required: true, testedBy: 'ccaiPlatformApiTest' }]);
		expect(typeof node.methods?.credentialTest?.ccaiPlatformApiTest).toBe('function');
	});

	test.each([
		['an API token (the subdomain is the username)', {}, CCAI.subdomain, CCAI.apiToken],
		['a legacy company key and secret', { username: CCAI.companyKey, password: CCAI.companySecret }, CCAI.companyKey, CCAI.companySecret],
	])('passes with %s, reading one call and placing none', async (_case, data, username, password) => {
		const result = await testCredential('ccaiPlatformApi', credentialsFor(data));
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const [request] = ccai().requests;
		expect([request.method, request.path, request.query]).toEqual(['GET', '/manager/api/v1/calls', { per: '1' }]);
		expect(request.headers.authorization).toBe(`Basic ${basicValue(username, password)}`);
		expect(request.status).toBe(200);
		expect(ccai().requests).toHaveLength(1);
		expect(ccai().createdCalls).toEqual([]);
	});

	test('a wrong token fails with a message that says what to check', async () => {
		const result = await testCredential('ccaiPlatformApi', credentialsFor({ password: 'ccai-api-wrong' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^CCAI Platform refused the username and password \(401\)\. Check the API token/);
		expect(ccai().requests[0].response).toEqual({ error: 'Unauthorized', message: 'Invalid credentials', status: 401 });
	});

	test('the right token with the wrong subdomain (so the wrong username) fails too', async () => {
		const result = await testCredential('ccaiPlatformApi', credentialsFor({ subdomain: 'other' }));
		expect(result.status).toBe('Error');
		expect(ccai().requests[0].headers.authorization).toBe(`Basic ${basicValue('other', CCAI.apiToken)}`);
	});

	test('an address where nothing answers fails with the 404 message', async () => {
		const result = await testCredential(
			'ccaiPlatformApi',
			credentialsFor({ baseUrlOverride: `${sandbox.current.url}/ccai/typo/apps/api/v1` }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Nothing answers at this address \(404\)\. Check the subdomain and the domain/);
	});

	test('a Base URL Override with a trailing slash works', async () => {
		const result = await testCredential('ccaiPlatformApi', credentialsFor({ baseUrlOverride: `${sandbox.current.baseUrls.ccai}/` }));
		expect(result.status).toBe('OK');
	});

	test('an address that refuses connections fails with the address, and without the password', async () => {
		const result = await testCredential('ccaiPlatformApi', credentialsFor({ baseUrlOverride: 'http://127.0.0.1:9/apps/api/v1' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'Could not reach CCAI Platform at http://127.0.0.1:9/manager/api/v1/calls: ECONNREFUSED',
		});
	});
});

describe('the test refuses exactly what the runs refuse', () => {
	test.each<[string, ICredentialDataDecryptedObject]>([
		['a subdomain with a dot (and a custom domain)', { baseUrlOverride: '', subdomain: 'acme.uc1', domain: 'custom', customDomain: 'ccai.example.com' }],
		['a subdomain with a space', { baseUrlOverride: '', subdomain: 'ac me' }],
		['a custom domain that is not one', { baseUrlOverride: '', domain: 'custom', customDomain: 'not a domain' }],
		// The host itself: the test's Manager API read would succeed there, and every run fail.
		['an override that does not end in /apps/api/v1', { baseUrlOverride: 'SANDBOX/ccai' }],
		['an override that is not a URL', { baseUrlOverride: 'ccai.example.com/apps/api/v1' }],
		['a password too short to be real', { password: 'abc' }],
	])('%s: the test fails with the message a run fails with, and nothing reaches CCAI Platform', async (_case, given) => {
		const data = { ...given };
		if (typeof data.baseUrlOverride === 'string') data.baseUrlOverride = data.baseUrlOverride.replace('SANDBOX', sandbox.current.url);
		const tested = await testCredential('ccaiPlatformApi', credentialsFor(data));
		const run = await runWorkflow(workflowFile('ccai-get-flags.json'), {
			credentials: ccaiCredentials(sandbox.current, data),
			input: [{ callId: 398 }],
		});
		const runError = run.error('Get Flags');
		expect(runError?.message).toEqual(expect.any(String));
		expect(tested).toEqual({ status: 'Error', message: runError?.message });
		expect(ccai().requests).toEqual([]);
	});

	test('a subdomain in capitals is the same account for both: the same lower-case host and username', async () => {
		const data = { subdomain: ' ACME ', password: CCAI.apiToken };
		expect((await testCredential('ccaiPlatformApi', credentialsFor(data))).status).toBe('OK');
		await runWorkflow(workflowFile('ccai-get-flags.json'), { credentials: ccaiCredentials(sandbox.current, data), input: [{ callId: 398 }] });
		const [test, call] = ccai().requests;
		expect(call.status).toBe(200);
		expect(test.headers.authorization).toBe(call.headers.authorization);
		expect(call.headers.authorization).toBe(`Basic ${basicValue('acme', CCAI.apiToken)}`);
	});
});

describe('addresses and username, from one derivation', () => {
	const base = { subdomain: 'acme', domain: 'uc1.ccaiplatform.com', customDomain: '', baseUrlOverride: '', username: '', password: 'p' };

	test.each([
		[{}, 'https://acme.uc1.ccaiplatform.com'],
		[{ subdomain: ' Acme ', domain: 'ca.ccaiplatform.com' }, 'https://acme.ca.ccaiplatform.com'],
		[{ domain: 'ujet.co' }, 'https://acme.ujet.co'],
		[{ domain: 'stg.ccaiplatform.com' }, 'https://acme.stg.ccaiplatform.com'],
		[{ domain: 'custom', customDomain: 'https://eu1.ccai.example.com/' }, 'https://acme.eu1.ccai.example.com'],
		[{ baseUrlOverride: 'http://127.0.0.1:5790/ccai/apps/api/v1/' }, 'http://127.0.0.1:5790/ccai'],
	])('%p: the Apps API at %s/apps/api/v1, the Manager API beside it', (fields, host) => {
		const { hostRoot } = ccaiConnection({ ...base, ...fields });
		expect(hostRoot).toBe(host);
		expect(`${hostRoot}${APPS_API}`).toBe(`${host}/apps/api/v1`);
		expect(`${hostRoot}${MANAGER_API}`).toBe(`${host}/manager/api/v1`);
	});

	test.each([
		[{ username: '' }, 'acme'],
		[{ username: '  ' }, 'acme'],
		[{ username: '', subdomain: 'Acme' }, 'acme'],
		[{ username: ' ACME-COMPANY-KEY-0042 ' }, 'ACME-COMPANY-KEY-0042'],
	])('%p: the credential authenticates as %s, the username of the derivation', async (fields, username) => {
		const helper = new TestCredentialsHelper({});
		const data = { ...base, ...fields };
		const options = await helper.authenticate(data, 'ccaiPlatformApi', { url: 'https://x' }, expressionWorkflow(), EXPRESSION_NODE);
		expect(options.auth).toEqual({ username, password: 'p' });
		expect(ccaiConnection(data).username).toBe(username);
	});
});
