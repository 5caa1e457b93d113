import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * GoSquared reads the key and the site only from the query string (`api_key`, `site_token`), so
 * the key travels in every URL; the request layer hides it everywhere. Pasted values are trimmed.
 * The credential's `authenticate` and the node's credential test both use this.
 *
 * The site: a request that names one (an operation's "Site" field, in `qs.site_token`) keeps it;
 * every other request gets the credential's. The site token is not a secret (it is in the site's
 * tracking code) and authorises nothing: GoSquared checks that the key may use it. The key is
 * always the credential's, and only this function puts it on the wire.
 */
export function withGoSquaredKeys(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const chosenSite = text(requestOptions.qs?.site_token);
	return {
		...requestOptions,
		qs: { ...requestOptions.qs, api_key: text(credentials.apiKey), site_token: chosenSite || text(credentials.siteToken) },
	};
}
