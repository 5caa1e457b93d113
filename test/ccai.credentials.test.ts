/**
 * The CCAI Platform credential: its `test` tells valid credentials from invalid ones by reading
 * the Manager API's call list (a harmless read: nothing is placed), its Basic auth uses the
 * subdomain as username unless a legacy company key is given, and the test's address follows the
 * subdomain and domain, or the Base URL Override.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ccaiBaseUrl } from '../nodes/CcaiPlatform/transport';
import { basicValue, CCAI, ccaiCredentials } from './helpers/ccai';
import { EXPRESSION_NODE, expressionWorkflow, resolveCredentialExpression, testCredential } from './helpers/credentialTest';
import { loaded, TestCredentialsHelper } from './helpers/n8n';
import { useSandbox } from './helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const credentialsFor = (data: ICredentialDataDecryptedObject = {}) => ccaiCredentials(sandbox.current, data).ccaiPlatformApi;

describe('the credential test', () => {
	test.each([
		['an API token (the subdomain is the username)', {}, CCAI.subdomain, CCAI.apiToken],
		['a legacy company key and secret', { username: CCAI.companyKey, password: CCAI.companySecret }, CCAI.companyKey, CCAI.companySecret],
	])('passes with %s, reading one call and placing none', async (_case, data, username, password) => {
		const result = await testCredential('ccaiPlatformApi', credentialsFor(data));
		expect(result.status).toBe('OK');
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
});

describe('addresses', () => {
	const credential = loaded.credentials.get('ccaiPlatformApi')!;
	const base = { subdomain: 'acme', domain: 'uc1.ccaiplatform.com', customDomain: '', baseUrlOverride: '', username: '', password: 'p' };

	test.each([
		[{}, 'https://acme.uc1.ccaiplatform.com'],
		[{ subdomain: ' Acme ', domain: 'ca.ccaiplatform.com' }, 'https://acme.ca.ccaiplatform.com'],
		[{ domain: 'ujet.co' }, 'https://acme.ujet.co'],
		[{ domain: 'stg.ccaiplatform.com' }, 'https://acme.stg.ccaiplatform.com'],
		[{ domain: 'custom', customDomain: 'https://eu1.ccai.example.com/' }, 'https://acme.eu1.ccai.example.com'],
		[{ baseUrlOverride: 'http://127.0.0.1:5790/ccai/apps/api/v1/' }, 'http://127.0.0.1:5790/ccai'],
	])('%p: the test goes to %s/manager/api/v1/calls, and calls to the same host', (fields, host) => {
		const data = { ...base, ...fields };
		expect(resolveCredentialExpression(credential.test!.request.baseURL as string, data)).toBe(host);
		expect(credential.test!.request.url).toBe('/manager/api/v1/calls');
		expect(ccaiBaseUrl(data).replace(/\/+$/, '')).toBe(`${host}/apps/api/v1`);
	});

	test.each([
		[{ username: '' }, 'acme'],
		[{ username: '  ' }, 'acme'],
		[{ username: ' ACME-COMPANY-KEY-0042 ' }, 'ACME-COMPANY-KEY-0042'],
	])('%p: Basic auth as %s', async (fields, username) => {
		const helper = new TestCredentialsHelper({});
		const data = { ...base, ...fields };
		const options = await helper.authenticate(data, 'ccaiPlatformApi', { url: 'https://x' }, expressionWorkflow(), EXPRESSION_NODE);
		expect(options.auth).toEqual({ username, password: 'p' });
	});
});
