/**
 * "Processes Sharing the Rate Limit" (issue "Hardening the new surfaces", finding 9): a value that
 * makes no sense is refused, in the credential test and at run time, with nothing sent; and the
 * share of each process may go below one request per interval, so that any number of processes
 * together stays under the service's limit.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { processesSharing } from '../../nodes/shared/rateLimitShare';
import { shareOf } from '../../nodes/shared/rateLimiter';
import { ccaiCredentials } from '../helpers/ccai';
import { testCredential } from '../helpers/credentialTest';
import { goSquaredCredentials } from '../helpers/gosquared';
import { runWorkflow, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

const REFUSED: Array<[unknown, string]> = [
	[0, '0'],
	[-1, '-1'],
	['abc', '"abc"'],
	[Number.NaN, 'null'],
	['', '""'],
	[101, '101'],
	[1e9, '1000000000'],
	[2.5, '2.5'],
];

test.each(REFUSED)('%p is refused, with a message that names the field', (value, shown) => {
	expect(processesSharing({ rateLimitProcesses: value as number })).toBe(
		`"Processes Sharing the Rate Limit" must be a whole number from 1 to 100, not ${shown}`,
	);
});

test('whole numbers from 1 to 100 are taken, as numbers or their digits; a credential without the field is 1', () => {
	expect(processesSharing({})).toBe(1);
	expect(processesSharing({ rateLimitProcesses: 1 })).toBe(1);
	expect(processesSharing({ rateLimitProcesses: '3' })).toBe(3);
	expect(processesSharing({ rateLimitProcesses: 100 })).toBe(100);
});

test('each share goes below one request per interval where it must: the processes together never exceed the rule', () => {
	const rule = { limit: 10, intervalMs: 1000, marginMs: 50 };
	expect(shareOf(rule, 20)).toEqual({ limit: 1, intervalMs: 2000, marginMs: 50 });
	expect(shareOf(rule, 40)).toEqual({ limit: 1, intervalMs: 4000, marginMs: 50 });
	expect(shareOf(rule, 3)).toEqual({ limit: 3, intervalMs: 1000, marginMs: 50 });
	for (let processes = 1; processes <= 100; processes++) {
		const share = shareOf(rule, processes);
		// Requests per second of all processes together.
		expect((processes * share.limit * 1000) / share.intervalMs).toBeLessThanOrEqual(10);
	}
});

test.each([
	['ccaiPlatformApi', () => ccaiCredentials(sandbox.current, { rateLimitProcesses: 0 })],
	['goSquaredApi', (): Record<string, ICredentialDataDecryptedObject> => ({ goSquaredApi: { ...goSquaredCredentials(sandbox.current).goSquaredApi, rateLimitProcesses: 'abc' } })],
] as const)('the %s credential test refuses a nonsense value, and sends nothing', async (type, credentials) => {
	const result = await testCredential(type, credentials()[type]);
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/credential's "Processes Sharing the Rate Limit" must be a whole number from 1 to 100, not (0|"abc")$/);
	expect(sandbox.current.services.ccai.requests).toEqual([]);
	expect(sandbox.current.services.gosquared.requests).toEqual([]);
});

test('a run refuses it too, naming the field, and sends nothing', async () => {
	const result = await runWorkflow(workflowFile('ccai-get-many-calls.json'), {
		credentials: ccaiCredentials(sandbox.current, { rateLimitProcesses: 2.5 }),
	});
	expect(result.error('Get Calls')?.message).toBe(
		'The CCAI Platform credential\'s "Processes Sharing the Rate Limit" must be a whole number from 1 to 100, not 2.5',
	);
	expect(sandbox.current.services.ccai.requests).toEqual([]);
});
