/**
 * CCAI Platform, Call → Create failures: every documented 400 message, bad input (refused before
 * anything is sent), 401/404, continue-on-fail, and the retry policy that never rings a customer
 * twice: only what provably never reached the service (connection refused) and 429 are retried.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { CCAI, ccaiCredentials, createRequests, forwardLater, freePort } from '../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const NODE = 'Create Call';
const CALLS = '/apps/api/v1/calls';

type CallType = 'outbound' | 'inbound' | 'scheduled';

async function createCall(
	callType: CallType,
	input: IDataObject[],
	{ parameters = {}, credentials = {}, onError }: { parameters?: IDataObject; credentials?: IDataObject; onError?: string } = {},
) {
	const workflow = withParameters(workflowFile('ccai-create-call.json'), NODE, { callType, ...parameters });
	if (onError) workflow.nodes[1].onError = onError as never;
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current, credentials as never), input });
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const outbound = (fields: IDataObject = {}) => ({ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625', ...fields });
const inbound = (fields: IDataObject = {}) => ({ menuId: 9, endUserNumber: '+1 859-657-9625', ...fields });
const scheduled = (fields: IDataObject = {}) => ({ menuId: 12, endUserNumber: '+1 859-657-9625', scheduledAt: inAnHour(), ...fields });

describe("every documented 400 reaches the user with CCAI Platform's exact message", () => {
	test.each<[string, CallType, IDataObject, string | undefined]>([
		['Not a valid agent email', 'outbound', outbound({ agentEmail: 'nobody@acme.example' }), 'No agent of this CCAI Platform account has this email'],
		['Agent does not have access to make calls', 'outbound', outbound({ agentEmail: 'no.access@acme.example' }), 'role does not allow outbound calls'],
		['Agent is not available to take this call', 'outbound', outbound({ agentEmail: 'busy.agent@acme.example' }), 'available status'],
		['Contact not found', 'outbound', outbound({ endUserNumber: '', ticketId: '1' }), 'No CRM contact is linked to this ticket ID'],
		['end_user_number is not well-formed', 'outbound', outbound({ endUserNumber: '+82 10 123' }), 'Check the number of digits'],
		["Language 'fr' is not available", 'outbound', outbound({ language: 'fr' }), 'not enabled for this account'],
		["Language 'xy' is not found", 'outbound', outbound({ language: 'xy' }), 'does not know this language code'],
		['menu_id 9999 is not found', 'inbound', inbound({ menuId: 9999 }), 'No menu has this ID'],
		['Only IVR and mobile menu IDs are permitted', 'inbound', inbound({ menuId: 50 }), 'web menus are refused'],
		["Menu is in 'after hours' state, can't accept incoming calls", 'inbound', inbound({ menuId: 20 }), 'outside its opening hours'],
		["Menu is in 'manual redirection' state, can't accept calls", 'inbound', inbound({ menuId: 21 }), 'redirect callers manually'],
		['Contact not found', 'inbound', inbound({ ticketId: '404404' }), undefined],
		['end_user_number is not well formed', 'inbound', inbound({ endUserNumber: '+44 20 7946' }), undefined],
		["Language 'fr' is not available", 'inbound', inbound({ language: 'fr' }), undefined],
		["Language 'xy' is not found", 'inbound', inbound({ language: 'xy' }), undefined],
		['Only mobile and web menu IDs are permitted', 'scheduled', scheduled({ menuId: 9 }), 'IVR menus are refused'],
		['menu_id 9999 is not found', 'scheduled', scheduled({ menuId: 9999 }), undefined],
		["Menu is in 'after hours' state, can't accept incoming calls", 'scheduled', scheduled({ menuId: 20 }), undefined],
		["Menu is in 'manual redirection' state, can't accept calls", 'scheduled', scheduled({ menuId: 21 }), undefined],
		['end_user_number is not well formed', 'scheduled', scheduled({ endUserNumber: '+82 10 6861' }), undefined],
		["Language 'fr' is not available", 'scheduled', scheduled({ language: 'fr' }), undefined],
		["Language 'xy' is not found", 'scheduled', scheduled({ language: 'xy' }), undefined],
		// A follow-up of a call that has no menu still needs one.
		['menu_id is required', 'scheduled', scheduled({ menuId: 0, previousCallId: 397 }), undefined],
	])('"%s" (%s)', async (message, callType, item, explanation) => {
		const result = await createCall(callType, [item]);
		const error = result.error(NODE);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toBe(`${message} (HTTP 400)`);
		expect(error?.description).toContain('CCAI Platform answered HTTP 400 to POST /apps/api/v1/calls.');
		if (explanation) expect(error?.description).toContain(explanation);
		// A 400 is final: sent once, nothing created.
		expect(createRequests(sandbox.current)).toHaveLength(1);
		expect(createRequests(sandbox.current)[0].response).toEqual({ message });
		expect(ccai().createdCalls).toEqual([]);
	});

	/**
	 * These the node refuses before sending, so a user can only meet them if CCAI Platform's rules
	 * change: the sandbox answers them to a raw request, and the node shows them as they come.
	 */
	test.each<[string, IDataObject]>([
		['Invalid call type', { call_type: 'InvalidCallType', menu_id: 9, end_user_number: '+1 859-657-9625' }],
		['Agent email required', { call_type: 'Voice Outbound (API)', end_user_number: '+1 205-123-4567', lang: 'en' }],
		['ticket_id or end_user_number required', { call_type: 'Voice Outbound (API)', agent_email: 'admin@acme.example' }],
		['end_user_number is not well-formed', { call_type: 'Voice Outbound (API)', agent_email: 'admin@acme.example', end_user_number: '123123' }],
		['menu_id is required', { call_type: 'Voice Inbound (API)', end_user_number: '+1 859-657-9625' }],
		['menu_id is not well formed', { call_type: 'Voice Inbound (API)', menu_id: 'menu_999', end_user_number: '+1 859-657-9625' }],
		['end_user_number is required', { call_type: 'Voice Inbound (API)', menu_id: 9 }],
		['end_user_number is not well formed', { call_type: 'Voice Inbound (API)', menu_id: 9, end_user_number: '+1 999-657-12' }],
		['menu_id is not well formed', { call_type: 'Voice Scheduled (API)', menu_id: 'menu_999', end_user_number: '+1 859-657-9625', scheduled_at: '2099-09-15T00:19:14.421Z' }],
		['end_user_number is required', { call_type: 'Voice Scheduled (API)', menu_id: 12, scheduled_at: '2099-09-15T00:19:14.421Z' }],
		['scheduled_at is required', { call_type: 'Voice Scheduled (API)', menu_id: 12, end_user_number: '+1 859-657-9625' }],
	])('"%s": the sandbox answers it, and the node shows it as it comes', async (message, body) => {
		const raw = await axios.post(`${sandbox.current.baseUrls.ccai}/calls`, body, {
			auth: { username: CCAI.subdomain, password: CCAI.apiToken },
			validateStatus: () => true,
		});
		expect([raw.status, raw.data]).toEqual([400, { message }]);

		ccai().addFault({ method: 'POST', path: CALLS, status: 400, body: { message } });
		const result = await createCall('outbound', [outbound()]);
		expect(result.error(NODE)?.message).toBe(`${message} (HTTP 400)`);
		expect(result.error(NODE)?.httpCode).toBe('400');
	});
});

describe('bad input fails the item before anything is sent', () => {
	test.each<[string, CallType, IDataObject, string]>([
		['an empty agent email', 'outbound', outbound({ agentEmail: ' ' }), '"Agent Email" is required (item 0)'],
		['a malformed agent email', 'outbound', outbound({ agentEmail: 'agent@' }), '"Agent Email" "agent@" is not an email address (item 0)'],
		['an email with a space', 'outbound', outbound({ agentEmail: 'al ex@acme.example' }), '"Agent Email" "al ex@acme.example" is not an email address (item 0)'],
		['neither number nor ticket', 'outbound', outbound({ endUserNumber: '' }), '"End-User Number" or "Ticket ID" is required: give at least one (item 0)'],
		['a number without a country code', 'outbound', outbound({ endUserNumber: '123123' }), '"End-User Number" "123123" has no country code: write it in international format, e.g. +1 859-657-9625 (item 0)'],
		['a national US number', 'inbound', inbound({ endUserNumber: '(859) 657-9625' }), '"End-User Number" "(859) 657-9625" has no country code: write it in international format, e.g. +1 859-657-9625 (item 0)'],
		['a North American number with 9 digits', 'scheduled', scheduled({ endUserNumber: '+1 999-657-12' }), '"End-User Number" "+1 999-657-12" cannot be a North American number: it needs 10 digits after +1, not 8 (item 0)'],
		['an exchange code starting with 1', 'outbound', outbound({ endUserNumber: '+1 205-123-4567' }), '"End-User Number" "+1 205-123-4567" cannot be a North American number: exchange codes do not start with 1 (item 0)'],
		['an unassigned country code', 'outbound', outbound({ endUserNumber: '+999 1234 5678' }), '"End-User Number" "+999 1234 5678" does not start with a country calling code (item 0)'],
		['too many digits', 'outbound', outbound({ endUserNumber: '+44 1234 5678 9012 34' }), '"End-User Number" "+44 1234 5678 9012 34" is too long to be a phone number (more than 15 digits) (item 0)'],
		['too few digits', 'outbound', outbound({ endUserNumber: '+44 12' }), '"End-User Number" "+44 12" is too short to be a phone number (item 0)'],
		['letters', 'outbound', outbound({ endUserNumber: 'call me' }), '"End-User Number" "call me" is not a phone number (item 0)'],
		['a bad outbound number', 'outbound', outbound({ outboundNumber: '+1 339 219' }), '"Outbound Number" "+1 339 219" cannot be a North American number: it needs 10 digits after +1, not 6 (item 0)'],
		['a language that is not two letters', 'outbound', outbound({ language: 'english' }), '"Language" "english" is not an ISO 639-1 language code: use two letters (en, es), optionally with a region (fr-CA) (item 0)'],
		['no menu ID', 'inbound', inbound({ menuId: undefined }), '"Menu ID" is required: give the ID of an IVR or mobile menu (item 0)'],
		['a menu ID that is not a number', 'inbound', inbound({ menuId: 'menu_999' }), '"Menu ID" must be a whole number above 0, not "menu_999" (item 0)'],
		['a menu ID with a fraction', 'inbound', inbound({ menuId: 9.5 }), '"Menu ID" must be a whole number above 0, not "9.5" (item 0)'],
		['a negative menu ID', 'scheduled', scheduled({ menuId: -3 }), '"Menu ID" must be a whole number above 0, not "-3" (item 0)'],
		['neither menu nor previous call', 'scheduled', scheduled({ menuId: 0 }), '"Menu ID" is required unless "Previous Call ID" is set: give the ID of a mobile or web menu (item 0)'],
		['a previous call ID that is not a number', 'scheduled', scheduled({ previousCallId: 'abc' }), '"Previous Call ID" must be a whole number above 0, not "abc" (item 0)'],
		['no scheduled time', 'scheduled', scheduled({ scheduledAt: '' }), '"Scheduled Time" is required: give the future time of the call (item 0)'],
		['a scheduled time in the past', 'scheduled', scheduled({ scheduledAt: '2019-09-15T00:19:14.421Z' }), '"Scheduled Time" is in the past (2019-09-15T00:19:14.421Z): give a future time (item 0)'],
		['an unparseable scheduled time', 'scheduled', scheduled({ scheduledAt: 'next tuesday' }), '"Scheduled Time" "next tuesday" is not an ISO 8601 date-time such as 2030-01-31T14:30:00Z (item 0)'],
		['a date that does not exist', 'scheduled', scheduled({ scheduledAt: '2099-02-30T10:00:00Z' }), '"Scheduled Time" "2099-02-30T10:00:00Z" is not a real date and time (item 0)'],
		['a number as the scheduled time', 'scheduled', scheduled({ scheduledAt: 4102444800000 }), '"Scheduled Time" must be a date, or an ISO 8601 text such as 2030-01-31T14:30:00Z, not the number 4102444800000 (item 0)'],
		['an unknown recording permission', 'inbound', inbound({ recordingPermission: 'yes' }), '"Recording Permission" "yes" is not one of notAsked, denied, granted (item 0)'],
	])('%s', async (_case, callType, item, message) => {
		const result = await createCall(callType, [item]);
		const error = result.error(NODE);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect((error?.context as { itemIndex?: number }).itemIndex).toBe(0);
		expect(ccai().requests).toEqual([]);
	});

	test('a Luxon date in the past, from an expression', async () => {
		const result = await createCall('scheduled', [scheduled()], {
			parameters: { scheduledAt: '={{ $now.minus({ minutes: 1 }) }}' },
		});
		expect(result.error(NODE)?.message).toMatch(/^"Scheduled Time" is in the past \(.+Z\): give a future time \(item 0\)$/);
		expect(ccai().requests).toEqual([]);
	});

	test('the bad item is named, and items after it are not sent', async () => {
		const result = await createCall('outbound', [
			outbound({ endUserNumber: '+1 859-657-9625' }),
			outbound({ endUserNumber: '859-657-9626' }),
			outbound({ endUserNumber: '+1 859-657-9627' }),
		]);
		const error = result.error(NODE);
		expect(error?.message).toBe(
			'"End-User Number" "859-657-9626" has no country code: write it in international format, e.g. +1 859-657-9625 (item 1)',
		);
		expect((error?.context as { itemIndex?: number }).itemIndex).toBe(1);
		expect(createRequests(sandbox.current).map((request) => (request.json as IDataObject).end_user_number)).toEqual([
			'+18596579625',
		]);
	});

	test('a subdomain that is a whole address is refused before anything is sent', async () => {
		const result = await createCall('outbound', [outbound()], {
			credentials: { baseUrlOverride: '', subdomain: 'acme.uc1.ccaiplatform.com' },
		});
		expect(result.error(NODE)?.message).toBe(
			'The CCAI Platform credential\'s Subdomain "acme.uc1.ccaiplatform.com" is not a subdomain: give only the first part of your address, e.g. "acme" for https://acme.uc1.ccaiplatform.com, and the rest under Domain',
		);
		expect(ccai().requests).toEqual([]);
	});
});

describe('continue on fail', () => {
	test('each failure becomes an error item linked to its input, and the other items go on', async () => {
		const result = await createCall(
			'outbound',
			[outbound(), outbound({ agentEmail: 'busy.agent@acme.example' }), outbound({ agentEmail: 'x' }), outbound()],
			{ onError: 'continueRegularOutput' },
		);
		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toMatchObject({ outcome: 'created' });
		expect(output[1].json).toEqual({
			error: 'Agent is not available to take this call (HTTP 400)',
			description: expect.stringContaining('available status'),
			httpCode: '400',
			itemIndex: 1,
		});
		expect(output[2].json).toEqual({ error: '"Agent Email" "x" is not an email address (item 2)', itemIndex: 2 });
		expect(output[3].json).toMatchObject({ outcome: 'created' });
		expect(ccai().createdCalls).toHaveLength(2);
	});
});

describe('401 and 404', () => {
	test('a wrong password says the credentials were refused, and is not retried', async () => {
		const result = await createCall('outbound', [outbound()], { credentials: { password: 'not-the-token-at-all' } });
		const error = result.error(NODE);
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('Unauthorized (HTTP 401): CCAI Platform refused the credentials');
		expect(error?.description).toContain('Settings → Developer Settings → API Credentials');
		expect(ccai().requests).toHaveLength(1);
	});

	test('the legacy company key and secret work as username and password', async () => {
		const result = await createCall('outbound', [outbound()], {
			credentials: { username: CCAI.companyKey, password: CCAI.companySecret },
		});
		expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created' });
	});

	test('an address where no account lives (404) says the subdomain or domain is wrong', async () => {
		const result = await createCall('outbound', [outbound()], {
			credentials: { baseUrlOverride: `${sandbox.current.url}/ccai/nobody-here/apps/api/v1` },
		});
		const error = result.error(NODE);
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('Resource not found (HTTP 404): the subdomain or domain in the credential is wrong');
		expect(error?.description).toContain('Check the subdomain and the domain in the credential');
		expect(ccai().createdCalls).toEqual([]);
	});
});

describe('retry policy: a call is never created twice', () => {
	test('a connection reset after CCAI Platform received the request is an error, not a second call', async () => {
		ccai().addFault({ method: 'POST', path: CALLS, reset: true, process: true });
		const result = await createCall('outbound', [outbound()]);
		const error = result.error(NODE);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Could not reach CCAI Platform: connection reset by the server (ECONNRESET)');
		expect(error?.description).toMatch(
			/^The call may have been created \(a second request could ring the customer twice\): the request may have reached CCAI Platform before the connection failed\. It was not sent again/,
		);
		// The service did act on it: exactly one request, exactly one call.
		expect(createRequests(sandbox.current)).toHaveLength(1);
		expect(createRequests(sandbox.current)[0].fault).toBe('reset after processing');
		expect(ccai().createdCalls).toHaveLength(1);
	});

	test('a timeout is not retried either, and says the call may exist', async () => {
		ccai().addFault({ method: 'POST', path: CALLS, delayMs: 1200 });
		const result = await createCall('outbound', [outbound()], { parameters: { requestOptions: { timeout: 250 } } });
		const error = result.error(NODE);
		expect(error?.message).toBe('CCAI Platform did not answer within 250 ms (timeout)');
		expect(error?.description).toMatch(/^The call may have been created/);
		expect(createRequests(sandbox.current)).toHaveLength(1);
	});

	test('a 500 is not retried, and says the call may exist', async () => {
		ccai().addFault({ method: 'POST', path: CALLS, status: 500, times: 5 });
		const result = await createCall('outbound', [outbound()]);
		const error = result.error(NODE);
		expect(error?.httpCode).toBe('500');
		expect(error?.message).toBe(
			'Server encountered a temporary error and could not complete the request at that moment. Please try again. (HTTP 500)',
		);
		expect(error?.description).toContain('Call → Create is never retried after CCAI Platform may have received it');
		expect(createRequests(sandbox.current)).toHaveLength(1);
	});

	test('a refused connection never reached the service: it is retried, and the call is created once', async () => {
		const port = await freePort();
		const stop = forwardLater(port, sandbox.current, 300);
		try {
			const result = await createCall('outbound', [outbound()], {
				credentials: { baseUrlOverride: `http://127.0.0.1:${port}/ccai/apps/api/v1` },
			});
			expect(result.error(NODE)).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created', statusCode: 201 });
			expect(createRequests(sandbox.current)).toHaveLength(1);
			expect(ccai().createdCalls).toHaveLength(1);
		} finally {
			await stop();
		}
	});

	test('a connection that stays refused fails after 5 tries, saying it never reached the service', async () => {
		const port = await freePort();
		const started = Date.now();
		const result = await createCall('outbound', [outbound()], {
			credentials: { baseUrlOverride: `http://127.0.0.1:${port}/ccai/apps/api/v1` },
		});
		const error = result.error(NODE);
		expect(error?.message).toBe('Could not reach CCAI Platform: connection refused (ECONNREFUSED)');
		expect(error?.description).toBe(
			`Request: POST http://127.0.0.1:${port}/ccai/apps/api/v1/calls. The request never reached CCAI Platform; it was tried 5 times. Check the URL in the credential and that the service is reachable from n8n.`,
		);
		// Four backoffs of at least 125, 250, 500 and 1000 ms: it really waited and tried again.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1875);
	});

	test('a 429 (the service did not act) waits for Retry-After, then the call is created once', async () => {
		ccai().addFault({ method: 'POST', path: CALLS, status: 429, retryAfter: 1 });
		const result = await createCall('outbound', [outbound()]);
		const [first, second] = createRequests(sandbox.current);
		expect([first.status, second.status]).toEqual([429, 201]);
		expect(Date.parse(second.at) - Date.parse(first.at)).toBeGreaterThanOrEqual(990);
		expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created' });
		expect(ccai().createdCalls).toHaveLength(1);
	});

	test('a 429 that persists fails after 11 tries (429s have their own budget) with the rate-limit explanation', async () => {
		ccai().addFault({ method: 'POST', path: CALLS, status: 429, retryAfter: 0, times: 20 });
		const result = await createCall('outbound', [outbound()]);
		const error = result.error(NODE);
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toBe('Too many requests (HTTP 429): rate limit');
		expect(error?.description).toContain('10 requests per second per account');
		expect(error?.description).toContain('It was tried 11 times.');
		expect(createRequests(sandbox.current)).toHaveLength(11);
		expect(ccai().createdCalls).toEqual([]);
	});
});
