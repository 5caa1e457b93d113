/** The shared redactor, on its own. */
import { Redactor } from '../../nodes/shared/redaction';

const secret = 's3cr3t/t0ken+with=specials';

test('replaces a secret and its URL-encoded forms in text', () => {
	const redactor = new Redactor([secret]);
	expect(redactor.text(`token ${secret} or ${encodeURIComponent(secret)}`)).toBe('token **hidden** or **hidden**');
});

test('replaces credential-shaped values in error texts, whoever they belong to', () => {
	const redactor = new Redactor([]);
	expect(redactor.text('GET /v1?from=x&token=abc123&b=2')).toBe('GET /v1?from=x&token=**hidden**&b=2');
	expect(redactor.text('https://api?api_key=zzz&site_token=GSN-1')).toBe('https://api?api_key=**hidden**&site_token=GSN-1');
	expect(redactor.text('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer **hidden**');
	expect(redactor.text('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic **hidden**');
});

test('output data: only the exact secrets are replaced, deeply, in values and keys', () => {
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

test('very short secrets are not searched for, so that output is not mangled', () => {
	expect(new Redactor(['abc']).value({ text: 'abc abc' })).toEqual({ text: 'abc abc' });
});
