import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The HTTP Basic value of a CCAI Platform credential, computed here only to be hidden: the
 * credential's `authenticate` makes n8n send it, and the request layer removes it (and the
 * password) from everything the user sees.
 */

/** The Basic auth username, exactly as the credential's `authenticate` expression computes it. */
export function basicUsername(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.username || '').trim() || String(credentials.subdomain || '').trim();
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * What travels after `Basic `: base64 of the UTF-8 bytes of `username:password`, as n8n's HTTP
 * client encodes it. Written out because nodes get neither Node's Buffer types nor the DOM's btoa.
 */
export function basicValue(username: string, password: string): string {
	const bytes: number[] = [];
	for (const character of `${username}:${password}`) {
		const code = character.codePointAt(0) ?? 0;
		if (code < 0x80) bytes.push(code);
		else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
		else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
		else
			bytes.push(
				0xf0 | (code >> 18),
				0x80 | ((code >> 12) & 63),
				0x80 | ((code >> 6) & 63),
				0x80 | (code & 63),
			);
	}
	let encoded = '';
	for (let index = 0; index < bytes.length; index += 3) {
		const [a, b, c] = [bytes[index], bytes[index + 1], bytes[index + 2]];
		const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		encoded += BASE64[(triple >> 18) & 63] + BASE64[(triple >> 12) & 63];
		encoded += b === undefined ? '=' : BASE64[(triple >> 6) & 63];
		encoded += c === undefined ? '=' : BASE64[triple & 63];
	}
	return encoded;
}
