import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '**hidden**';

/**
 * Authentication that travels in headers or query strings, whoever's it is. These patterns are a
 * second line of defence for error texts: the exact secret values of the credential in use are
 * replaced first, everywhere. Output data gets only the exact replacement, so that a service's
 * legitimate data is never rewritten by a guess.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/([?&](?:token|api_key|apikey|access_token)=)[^&#\s"'<>]+/gi, `$1${REDACTED}`],
	[/(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]+/g, `$1${REDACTED}`],
];

/** Secrets shorter than this are not searched for: replacing every "a" would mangle the output. */
const MIN_SECRET_LENGTH = 4;

/**
 * Removes a credential's secrets from anything that may reach the user: error messages and
 * descriptions, output items and execution data. Each secret is also matched in the encodings it
 * can take on the wire (URL-encoded, form-encoded).
 */
export class Redactor {
	private readonly secrets: string[];

	constructor(secrets: Array<string | undefined>) {
		const variants = new Set<string>();
		for (const secret of secrets) {
			if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
			variants.add(secret);
			variants.add(encodeURIComponent(secret));
			variants.add(encodeURIComponent(secret).replace(/%20/g, '+'));
		}
		// Longest first, so a secret that contains another one is replaced whole.
		this.secrets = [...variants].sort((a, b) => b.length - a.length);
	}

	/** For error messages and descriptions: the secrets, and anything shaped like a credential. */
	text(value: string): string {
		let result = this.exact(value);
		for (const [pattern, replacement] of SECRET_PATTERNS) {
			result = result.replace(pattern, replacement);
		}
		return result;
	}

	/** For output data: a deep copy of `value` with the secrets replaced in every string and key. */
	value<T>(value: T): T {
		if (this.secrets.length === 0) return value;
		return this.walk(value, new WeakSet()) as T;
	}

	private exact(value: string): string {
		let result = value;
		for (const secret of this.secrets) {
			if (result.includes(secret)) result = result.split(secret).join(REDACTED);
		}
		return result;
	}

	private walk(value: unknown, seen: WeakSet<object>): unknown {
		if (typeof value === 'string') return this.exact(value);
		if (value === null || typeof value !== 'object') return value;
		if (seen.has(value)) return '[Circular]';
		seen.add(value);
		if (Array.isArray(value)) return value.map((entry) => this.walk(entry, seen));
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value)) {
			copy[this.exact(key)] = this.walk(entry, seen) as IDataObject[keyof IDataObject];
		}
		return copy;
	}
}
