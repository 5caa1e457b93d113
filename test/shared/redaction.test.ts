/**
 * The shared redactor, on its own: a secret is hidden in every form it can travel in, and
 * nothing else is ever rewritten.
 */
import path from 'path';

import axios from 'axios';

import { MIN_SECRET_LENGTH, REDACTED, Redactor } from '../../nodes/shared/redaction';

/** The `qs` that n8n's request helper (@n8n/backend-network) serialises query strings with. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const qs = require(
	require.resolve('qs', { paths: [path.dirname(require.resolve('@n8n/backend-network', { paths: [path.dirname(require.resolve('n8n-core'))] }))] }),
) as { stringify(value: object, options?: { format?: 'RFC1738' | 'RFC3986' }): string };

const secret = 's3cr3t/t0ken+with=specials';

/** Tokens made of the characters every encoder treats differently, and some that are not ASCII. */
const RESERVED_TOKENS = ['a+b.c*d?', "p(a)ss!w'rd* x", 'ü/ß=&#%~[x]:@$,;', "~!*'()-_.x 1"];

/**
 * Every way n8n's serialisers put a query value on the wire: qs (the request helper's default
 * serialiser, RFC 3986: `!'()*` escaped), qs in RFC 1738 form (space as +), URLSearchParams
 * (WHATWG form encoding), axios's own URL builder, plain encodeURIComponent; each also with its
 * hex digits in lower case, as some proxies and services echo them.
 */
function wireForms(token: string): Record<string, string> {
	const value = (query: string) => query.slice(query.indexOf('=') + 1);
	const forms: Record<string, string> = {
		raw: token,
		qsRfc3986: value(qs.stringify({ token })),
		qsRfc1738: value(qs.stringify({ token }, { format: 'RFC1738' })),
		urlSearchParams: value(new URLSearchParams({ token }).toString()),
		axiosBuildUrl: value(new URL(axios.getUri({ url: 'http://x/', params: { token } })).search),
		encodeURIComponent: encodeURIComponent(token),
		json: JSON.stringify(token).slice(1, -1),
	};
	for (const [name, form] of Object.entries(forms)) {
		forms[`${name}, lower-case hex`] = form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
	}
	forms['double-encoded'] = encodeURIComponent(encodeURIComponent(token));
	return forms;
}

describe.each(RESERVED_TOKENS)('a token full of reserved characters: %s', (token) => {
	const redactor = new Redactor([token]);
	test.each(Object.entries(wireForms(token)))('is hidden in its %s form', (_encoding, form) => {
		const url = `https://api.example/v1/process?from=n8n&token=${form}&x=1`;
		const text = redactor.text(`POST ${url} was refused`);
		expect(text).toBe(`POST https://api.example/v1/process?from=n8n&token=${REDACTED}&x=1 was refused`);
		expect(redactor.value({ received: { url }, list: [form] })).toEqual({
			received: { url: `https://api.example/v1/process?from=n8n&token=${REDACTED}&x=1` },
			list: [REDACTED],
		});
	});

	test('and in HTTP Basic auth (base64), alone or URL-encoded', () => {
		const basic = Buffer.from(`acme:${token}`, 'utf8').toString('base64');
		const basicRedactor = new Redactor([token, basic]);
		for (const form of [basic, encodeURIComponent(basic), qs.stringify({ a: basic }).slice(2)]) {
			expect(basicRedactor.text(`Authorization: ${form}`)).toBe(`Authorization: ${REDACTED}`);
		}
	});
});

test('every encoder of the list produces a form of its own (the proof covers more than the raw token)', () => {
	const forms = new Set(Object.values(wireForms("p(a)ss!w'rd* x")));
	expect(forms.size).toBeGreaterThanOrEqual(8);
});

test('replaces credential-shaped values in error texts, whoever they belong to', () => {
	const redactor = new Redactor([]);
	expect(redactor.text('GET /v1?from=x&token=abc123&b=2')).toBe('GET /v1?from=x&token=**hidden**&b=2');
	expect(redactor.text('https://api?api_key=zzz&site_token=GSN-1')).toBe('https://api?api_key=**hidden**&site_token=GSN-1');
	expect(redactor.text('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer **hidden**');
	expect(redactor.text('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic **hidden**');
});

test('output data: only the secrets are replaced, deeply, in values and keys', () => {
	const redactor = new Redactor([secret]);
	const data = { a: [`x${secret}y`, { [secret]: 1 }], url: 'https://x?token=not-ours', n: 5, ok: true, none: null };
	expect(redactor.value(data)).toEqual({
		a: ['x**hidden**y', { '**hidden**': 1 }],
		url: 'https://x?token=not-ours',
		n: 5,
		ok: true,
		none: null,
	});
	expect(data.a[0]).toBe(`x${secret}y`);
});

describe('ordinary data is never rewritten', () => {
	const token = 'cg-open-7f3a9c2e5b8d4f10';
	const redactor = new Redactor([token]);

	test.each([
		['words the token contains', { state: 'open', note: 'reopened', prefix: 'cg-open' }],
		['a part of the token, decoded or encoded', { a: token.slice(0, -1), b: token.slice(1), c: encodeURIComponent(token.slice(2)) }],
		['percent signs, plus signs and backslashes that are not the token', { q: 'a%2Bb+c\\d', pct: '100%' }],
		['keys that look like the token', { 'cg-open': true, [token.toUpperCase()]: 1 }],
	])('%s', (_case, data) => {
		expect(redactor.value(data)).toEqual(data);
		expect(redactor.text(JSON.stringify(data))).toBe(JSON.stringify(data));
	});

	test(`a secret shorter than ${MIN_SECRET_LENGTH} characters is never searched for (the request layer refuses such credentials)`, () => {
		const short = new Redactor(['open']);
		expect(short.value({ state: 'open', note: 'reopened' })).toEqual({ state: 'open', note: 'reopened' });
	});
});

test('a payload key named __proto__ survives redaction as data', () => {
	const redactor = new Redactor([secret]);
	const data = JSON.parse(`{"__proto__": {"x": "${secret}"}, "a": 1}`) as Record<string, unknown>;
	const copy = redactor.value(data);
	expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
	expect(JSON.stringify(copy)).toBe('{"__proto__":{"x":"**hidden**"},"a":1}');
});
