import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

/**
 * Everything computed from a CCAI Platform credential, computed here only: by the runs (the
 * transport's base URL), by the credential's `authenticate` (the Basic username), by the
 * credential test (the Manager API), and by redaction (the Basic value). So whatever the test
 * accepts, the runs accept, and the Basic value that travels is the one that is hidden.
 */
export interface CcaiConnection {
	/**
	 * `https://{subdomain}.{domain}`, or the host part of the Base URL Override: the base of both
	 * APIs, whose paths start with `APPS_API` or `MANAGER_API`.
	 */
	hostRoot: string;
	/** The HTTP Basic username: the Username field when set, else the subdomain. */
	username: string;
	password: string;
}

/** The Apps API (calls are created, customer flags read and set), below the host. */
export const APPS_API = '/apps/api/v1';
/** The Manager API (calls, agents and queues are read), below the same host, with the same credentials. */
export const MANAGER_API = '/manager/api/v1';
const SUBDOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The connection of a credential, or an error that says which field to correct and how. The error
 * is an ApplicationError at level 'warning' (the user's to fix), not n8n-workflow's UserError, which
 * exists only since n8n-workflow 1.79 (n8n 1.81); the item loop and the credential test turn it into
 * the message the user sees.
 */
export function ccaiConnection(credentials: ICredentialDataDecryptedObject): CcaiConnection {
	const hostRoot = hostRootOf(credentials);
	return {
		hostRoot,
		username: usernameOf(credentials),
		password: String(credentials.password ?? ''),
	};
}

/** What travels after `Basic `: base64 of the UTF-8 bytes of `username:password`, as n8n sends it. */
export function basicValue({ username, password }: Pick<CcaiConnection, 'username' | 'password'>): string {
	return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function subdomainOf(credentials: ICredentialDataDecryptedObject): string {
	const subdomain = text(credentials.subdomain).toLowerCase();
	if (!SUBDOMAIN.test(subdomain)) {
		throw new ApplicationError(
			`The CCAI Platform credential's Subdomain "${subdomain}" is not a subdomain: give only the first part of your address, e.g. "acme" for https://acme.uc1.ccaiplatform.com, and the rest under Domain`,
			{ level: 'warning' },
		);
	}
	return subdomain;
}

function hostRootOf(credentials: ICredentialDataDecryptedObject): string {
	const override = text(credentials.baseUrlOverride).replace(/\/+$/, '');
	if (override !== '') {
		const ending = override.slice(-APPS_API.length);
		if (!/^https?:\/\/[^/\s]+/i.test(override) || ending.toLowerCase() !== APPS_API) {
			throw new ApplicationError(
				`The CCAI Platform credential's Base URL Override "${override}" must be an http(s) URL ending in ${APPS_API}, e.g. https://contact.example.com${APPS_API}`,
				{ level: 'warning' },
			);
		}
		return override.slice(0, -APPS_API.length);
	}
	const subdomain = subdomainOf(credentials);
	const domain =
		credentials.domain === 'custom'
			? text(credentials.customDomain)
					.replace(/^https?:\/\//i, '')
					.replace(/\/+$/, '')
			: text(credentials.domain);
	if (!DOMAIN.test(domain)) {
		throw new ApplicationError(
			`The CCAI Platform credential's domain "${domain}" is not a domain name, e.g. uc1.ccaiplatform.com`,
			{ level: 'warning' },
		);
	}
	return `https://${subdomain}.${domain.toLowerCase()}`;
}

function usernameOf(credentials: ICredentialDataDecryptedObject): string {
	const username = text(credentials.username);
	return username !== '' ? username : subdomainOf(credentials);
}
