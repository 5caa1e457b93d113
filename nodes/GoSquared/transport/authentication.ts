import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * GoSquared reads the key and the site only from the query string (`api_key`, `site_token`), so
 * the key travels in every URL; the request layer hides it everywhere. Pasted values are trimmed.
 * The credential's `authenticate` and the node's credential test both use this.
 */
export function withGoSquaredKeys(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return {
		...requestOptions,
		qs: { ...requestOptions.qs, api_key: text(credentials.apiKey), site_token: text(credentials.siteToken) },
	};
}
