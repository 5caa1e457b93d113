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

/** What travels after `Basic `: base64 of the UTF-8 bytes of `username:password`, as n8n sends it. */
export function basicValue(username: string, password: string): string {
	return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}
