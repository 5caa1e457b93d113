/**
 * The GoSquared Trigger's judgement of a delivery, on its own: which event a payload is, whether
 * the secret matches, and which bodies are refused with which status.
 */
import {
	inferEvent,
	MAX_DELIVERY_BYTES,
	readDelivery,
	secretMatches,
} from '../../../nodes/GoSquared/triggerNode/delivery';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { checkEventValue, eventTypeByOption } from '../../../nodes/GoSquared/helpers/events';
import { SAMPLE_DELIVERIES } from '../../helpers/gosquared';

describe('event inference', () => {
	test.each(Object.entries(SAMPLE_DELIVERIES))('the sample %s delivery of NOTES.md is recognised', (event, payload) => {
		expect(inferEvent(payload)).toBe(event);
	});

	test.each([
		['null', null],
		['a list', [SAMPLE_DELIVERIES.chat_message]],
		['an empty object', {}],
		['a message that is not an object', { message: 'hello' }],
		['a group without a boundary', { group: { id: 'g' }, person: {} }],
		['a group with an unknown boundary', { group: { id: 'g' }, boundary: 'upper' }],
		['an alert without a boundary', { triggeredAlert: { id: 1, value: '4' } }],
		['an alert with a smart-group boundary', { triggeredAlert: { boundary: 'enter' } }],
		['a boundary alone', { boundary: 'enter' }],
	])('%s is none of the five', (_case, payload) => {
		expect(inferEvent(payload)).toBeUndefined();
	});
});

describe('secret check', () => {
	const secret = 'a'.repeat(64);

	test('accepts any of the stored secrets, and only them', () => {
		expect(secretMatches(secret, [secret])).toBe(true);
		expect(secretMatches(secret, ['b'.repeat(64), secret])).toBe(true);
		expect(secretMatches('a'.repeat(63), [secret])).toBe(false);
		expect(secretMatches(`${secret}a`, [secret])).toBe(false);
		expect(secretMatches('A'.repeat(64), [secret])).toBe(false);
	});

	test.each([
		['missing', undefined],
		['empty', ''],
		['repeated in the query (a list)', ['x', 'y']],
		['an object', { secret: 'x' }],
	])('refuses a secret that is %s', (_case, given) => {
		expect(secretMatches(given, [secret])).toBe(false);
	});

	test('refuses everything when nothing is registered, even an empty secret', () => {
		expect(secretMatches('', [''])).toBe(false);
		expect(secretMatches('x', [])).toBe(false);
	});
});

describe('reading a delivery (after the secret matched: data to keep)', () => {
	const json = { 'content-type': 'application/json' };
	const chat = '{"message":{"id":"1"}}';

	test('nesting: 64 levels are taken, 65 are refused (n8n copies items recursively; GoSquared nests a few)', () => {
		const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
		expect(readDelivery({ headers: json, rawBody: Buffer.from(nested(64)) }).ok).toBe(true);
		expect(readDelivery({ headers: json, rawBody: Buffer.from(nested(65)) })).toEqual({
			ok: false,
			status: 400,
			message: 'The delivery nests more than 64 levels deep; GoSquared deliveries nest a few.',
		});
		// A parsed form body (no raw bytes kept) is judged the same way.
		expect(readDelivery({ headers: {}, body: { payload: nested(65) } }).ok).toBe(false);
	});

	test('takes the raw body when n8n kept it, and the parsed body otherwise', () => {
		expect(readDelivery({ headers: json, rawBody: Buffer.from(chat), body: {} })).toEqual({ ok: true, payload: { message: { id: '1' } } });
		expect(readDelivery({ headers: json, body: { message: { id: '2' } } })).toEqual({ ok: true, payload: { message: { id: '2' } } });
	});

	test.each([
		['JSON declared as JSON', json, chat],
		['JSON declared as text', { 'content-type': 'text/plain' }, chat],
		['JSON declared as nothing', {}, chat],
		['JSON with a byte-order mark', json, `\ufeff${chat}`],
		['a form with a payload field', { 'content-type': 'application/x-www-form-urlencoded' }, `payload=${encodeURIComponent(chat)}`],
		['a form whose one JSON field has another name', { 'content-type': 'application/x-www-form-urlencoded' }, `x=1&evt=${encodeURIComponent(chat)}`],
	])('%s is read as JSON', (_case, headers, rawBody) => {
		expect(readDelivery({ headers, rawBody })).toEqual({ ok: true, payload: { message: { id: '1' } } });
	});

	test.each([
		['a JSON string', '"message"', 'message'],
		['a JSON number', '42', 42],
		['a JSON list', '[1,2]', [1, 2]],
		['an empty object', '{}', {}],
	])('%s is JSON too, and kept', (_case, rawBody, payload) => {
		expect(readDelivery({ headers: json, rawBody })).toEqual({ ok: true, payload });
	});

	test.each([
		['too large by Content-Length', { 'content-type': 'application/json', 'content-length': String(MAX_DELIVERY_BYTES + 1) }, '{}', 413],
		['too large by its raw body', json, `{"m":"${'x'.repeat(MAX_DELIVERY_BYTES)}"}`, 413],
		['malformed JSON', json, '{"message":', 400],
		['a form without JSON', { 'content-type': 'application/x-www-form-urlencoded' }, 'message=1&b=2', 400],
		['text', { 'content-type': 'text/plain' }, 'hello', 400],
		['empty', json, '  ', 400],
	])('%s is refused', (_case, headers, rawBody, status) => {
		expect(readDelivery({ headers, rawBody })).toMatchObject({ ok: false, status });
	});
});

describe('event values', () => {
	const spike = eventTypeByOption('trafficSpike')!;
	const group = eventTypeByOption('enteredSmartGroup')!;

	test('a threshold is a whole number above 0, from a number or its text', () => {
		expect(checkEventValue(spike, 150)).toEqual({ value: 150 });
		expect(checkEventValue(spike, ' 7 ')).toEqual({ value: 7 });
		for (const bad of [0, -3, 1.5, 'ten', '']) {
			expect(checkEventValue(spike, bad)).toHaveProperty('problem');
		}
	});

	test('a Smart Group ID is trimmed, and a pasted group URL is reduced to its last part', () => {
		expect(checkEventValue(group, ' trial-users ')).toEqual({ value: 'trial-users' });
		expect(
			checkEventValue(group, 'https://www.gosquared.com/people/GSN-123456-A/smart-groups/trial-users/?tab=people'),
		).toEqual({ value: 'trial-users' });
		expect(checkEventValue(group, '')).toHaveProperty('problem');
		expect(checkEventValue(group, { id: 'x' })).toHaveProperty('problem');
	});
});

describe('GoSquared errors and costs', () => {
	test('the message carries GoSquared\'s code, whether or not the message repeats it', () => {
		expect(goSquaredService.errorMessage!({ code: 4001, message: 'Error 4001: Not authorised' })).toBe(
			'Error 4001: Not authorised',
		);
		expect(goSquaredService.errorMessage!({ code: 4003, message: 'Invalid parameter' })).toBe(
			'Error 4003: Invalid parameter',
		);
		expect(goSquaredService.errorMessage!({ code: 4002 })).toBe('Error 4002');
		expect(goSquaredService.errorMessage!('Bad gateway')).toBeUndefined();
	});

	test('the units GoSquared charged are read from X-RateLimit-Cost (the request layer gives header names in lower case)', () => {
		expect(goSquaredService.chargedCost!({ 'x-ratelimit-cost': '3' })).toBe(3);
		expect(goSquaredService.chargedCost!({ 'x-ratelimit-cost': '0' })).toBeUndefined();
		expect(goSquaredService.chargedCost!({})).toBeUndefined();
	});
});
