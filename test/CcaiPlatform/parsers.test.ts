/**
 * The CCAI Platform node's own small parsers, on their own: the E.164 normaliser, the date-time
 * reader (time zones, daylight saving), the Basic value used for redaction, and the call outcome.
 * (The shared limiter's `countUntilAnswered`, which the node's rate limit relies on, is tested in
 * test/shared/rateLimiter.test.ts.)
 */
import { callOutcome } from '../../nodes/CcaiPlatform/actions/call/create.operation';
import { parseDateTime } from '../../nodes/CcaiPlatform/helpers/dateTime';
import { normalizePhoneNumber } from '../../nodes/CcaiPlatform/helpers/phone';
import { basicValue } from '../../nodes/CcaiPlatform/transport/connection';

describe('normalizePhoneNumber', () => {
	test.each([
		['+1 859-657-9625', '+18596579625'],
		['+1 (339) 219.5276', '+13392195276'],
		['+82-10-6861-2345', '+821068612345'],
		['0044 20 7946 0958', '+442079460958'],
		['tel:+49 30 901820', '+4930901820'],
		['+353\u00a01\u00a0234\u00a05678', '+35312345678'],
		['+683 4002', '+6834002'],
	])('%s → %s', (input, e164) => {
		expect(normalizePhoneNumber(input)).toEqual({ ok: true, e164 });
	});

	test.each([
		['123123', /has no country code/],
		['8596579625', /has no country code/],
		['+1 999-657-12', /it needs 10 digits after \+1, not 8/],
		['+1 205-123-4567', /exchange codes do not start with 1/],
		['+1 105-555-0100', /area codes do not start with 1/],
		['+1 911-555-0100', /911 is a service code/],
		['+1 296-555-0100', /N9X/],
		['+999 1234 5678', /does not start with a country calling code/],
		['+44 12', /too short/],
		['+44 1234 5678 9012 34', /too long/],
		['+1 800 FLOWERS', /only digits may follow the \+/],
		['call me', /is not a phone number/],
		['   ', /is empty/],
	])('%s is refused (%s)', (input, problem) => {
		const result = normalizePhoneNumber(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatch(problem);
	});
});

describe('parseDateTime', () => {
	const iso = (value: unknown, zone = 'UTC') => {
		const result = parseDateTime(value, zone);
		return result.ok ? result.date.toISOString() : result.problem;
	};

	test.each([
		['2030-01-31T14:30:00Z', 'UTC', '2030-01-31T14:30:00.000Z'],
		['2030-01-31T14:30:00.5+01:00', 'UTC', '2030-01-31T13:30:00.500Z'],
		['2030-01-31T14:30:00-0500', 'UTC', '2030-01-31T19:30:00.000Z'],
		['2030-01-31 14:30', 'UTC', '2030-01-31T14:30:00.000Z'],
		['2030-01-31', 'America/New_York', '2030-01-31T05:00:00.000Z'],
		// Winter and summer time in the workflow's zone.
		['2030-01-15T12:00:00', 'Europe/Berlin', '2030-01-15T11:00:00.000Z'],
		['2030-07-15T12:00:00', 'Europe/Berlin', '2030-07-15T10:00:00.000Z'],
		['2030-07-15T12:00:00', 'Asia/Kolkata', '2030-07-15T06:30:00.000Z'],
		// Just after the spring change in New York (2030-03-10, 02:00 → 03:00).
		['2030-03-10T03:30:00', 'America/New_York', '2030-03-10T07:30:00.000Z'],
		['[DateTime: 2030-01-31T14:30:00.000+01:00]', 'UTC', '2030-01-31T13:30:00.000Z'],
	])('%s in %s → %s', (value, zone, expected) => {
		expect(iso(value, zone)).toBe(expected);
	});

	test('a Date and a Luxon-like DateTime are taken as they are', () => {
		expect(iso(new Date('2030-01-31T14:30:00Z'))).toBe('2030-01-31T14:30:00.000Z');
		const luxon = { isValid: true, toMillis: () => Date.parse('2030-01-31T14:30:00Z') };
		expect(iso(luxon)).toBe('2030-01-31T14:30:00.000Z');
		expect(iso({ isValid: false, toMillis: () => Number.NaN })).toBe('is an invalid date');
		expect(iso(new Date('nope'))).toBe('is an invalid date');
	});

	test.each([
		['31/01/2030 14:30', /is not an ISO 8601 date-time/],
		['2030-13-01T00:00:00Z', /is not a real date and time/],
		['2030-01-31T25:00:00Z', /is not a real date and time/],
		[true, /not boolean/],
	])('%p is refused', (value, problem) => {
		expect(iso(value)).toMatch(problem);
	});
});

test('basicValue encodes UTF-8 exactly as the HTTP client does', () => {
	for (const [username, password] of [
		['acme', 'ccai-api-7c4e1f9a2b6d4c8e0f3a5b7d9e1c2a4f'],
		['a', 'b'],
		['ab', 'c'],
		['über', 'pässwörd€😀'],
	]) {
		expect(basicValue({ username, password })).toBe(Buffer.from(`${username}:${password}`, 'utf8').toString('base64'));
	}
});

describe('callOutcome', () => {
	const sent = { call_type: 'Voice Outbound (API)' };
	test('a call object inside a list (as the API reference shows it) is unwrapped', () => {
		expect(callOutcome({ statusCode: 201, headers: {}, body: [{ id: 7, status: 'assigned' }] }, sent)).toEqual({
			outcome: 'created',
			statusCode: 201,
			id: 7,
			status: 'assigned',
		});
	});
	test('a 200 with a call object is a created call; a 200 echo is not', () => {
		expect(callOutcome({ statusCode: 200, headers: {}, body: { id: 8 } }, sent)).toMatchObject({ outcome: 'created' });
		expect(callOutcome({ statusCode: 200, headers: {}, body: { ...sent } }, sent)).toMatchObject({
			outcome: 'pendingAgentAction',
			request: sent,
		});
	});
});
