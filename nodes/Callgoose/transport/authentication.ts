import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Where the Callgoose token travels, both ways Callgoose documents: `Authorization: Bearer` (the
 * default), or the `token` query parameter for callers that cannot set headers. The credential's
 * `authenticate` and the node's credential test both use this, so they cannot disagree.
 */
export function withCallgooseToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const token = String(credentials.apiToken ?? '');
	if (credentials.authPlacement === 'queryParameter') {
		return { ...requestOptions, qs: { ...requestOptions.qs, token } };
	}
	return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
}
