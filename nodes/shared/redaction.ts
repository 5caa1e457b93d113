import type { IDataObject } from 'n8n-workflow';

import { setOwn } from './validation';

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

/**
 * The shortest secret a credential may hold. The request layer refuses shorter ones before
 * anything is sent (see `secretProblem`), because a secret is hidden wherever it appears: a
 * secret as short as a word ("open") would rewrite ordinary data ("reopened"), and not hiding it
 * would show it. Tokens the services issue are far longer and random, so they never match data
 * by chance.
 */
export const MIN_SECRET_LENGTH = 8;

/** What is wrong with a secret the user typed into a credential, if anything. */
export function secretProblem(value: string): string | undefined {
	if (value === '' || value.length >= MIN_SECRET_LENGTH) return undefined;
	return `is too short to be a real one (${value.length} characters; at least ${MIN_SECRET_LENGTH})`;
}

/** `%2A` and `%2a`: a percent escape in either case of its hex digits. */
function percentPattern(byte: number): string {
	const hex = byte.toString(16).padStart(2, '0');
	const digit = (char: string) => (/[a-f]/.test(char) ? `[${char}${char.toUpperCase()}]` : char);
	return `%${digit(hex[0])}${digit(hex[1])}`;
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const encoder = new TextEncoder();

/**
 * Every form one character of a secret can take on the wire or in a service's echo of it:
 * - itself;
 * - percent-encoded, by any encoder n8n uses (qs, URLSearchParams, axios, encodeURIComponent all
 *   escape different sets of characters, so any character may be escaped or not), in either
 *   case of hex, and percent-encoded twice (a URL echoed inside another URL);
 * - `+` for a space (form encoding);
 * - JSON-escaped (`\"`, `\\`, `\/`, `\u00e9` in either case), when a service quotes it in JSON text.
 */
function characterForms(char: string): string {
	const forms = new Set<string>([escapeRegExp(char)]);
	const bytes = [...encoder.encode(char)];
	forms.add(bytes.map(percentPattern).join(''));
	forms.add(bytes.map((byte) => `%25${percentPattern(byte).slice(1)}`).join(''));
	if (char === ' ') forms.add('\\+');
	if (char === '"' || char === '\\' || char === '/') forms.add(escapeRegExp(`\\${char}`));
	for (const unit of char.split('')) {
		// Each UTF-16 unit of the character as a \uXXXX escape (two for characters beyond the BMP).
		const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
		forms.add(`\\\\u${[...hex].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('')}`);
	}
	return forms.size === 1 ? [...forms][0] : `(?:${[...forms].join('|')})`;
}

/** A pattern that finds `secret` in any mix of the forms of `characterForms`. */
function secretPattern(secret: string): RegExp {
	return new RegExp([...secret].map(characterForms).join(''), 'g');
}

/**
 * Removes a credential's secrets from anything that may reach the user: error messages and
 * descriptions, output items and execution data. Each secret is matched in every form it can
 * travel in (see `characterForms`), so a service that echoes the request it received, however it
 * was encoded, cannot bring the secret back. Secrets shorter than `MIN_SECRET_LENGTH` are not
 * searched for; the request layer never sends with one.
 */
export class Redactor {
	private readonly secrets: string[];

	private readonly patterns: RegExp[];

	constructor(secrets: Array<string | undefined>) {
		const unique = new Set<string>();
		for (const secret of secrets) {
			if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) unique.add(secret);
		}
		// Longest first, so a secret that contains another one is replaced whole.
		this.secrets = [...unique].sort((a, b) => b.length - a.length);
		this.patterns = this.secrets.map(secretPattern);
	}

	/** A redactor that also hides `more` (e.g. a secret the request carries in its body). */
	with(more: Array<string | undefined>): Redactor {
		return more.length === 0 ? this : new Redactor([...this.secrets, ...more]);
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
		if (this.patterns.length === 0) return value;
		return this.walk(value, new WeakSet()) as T;
	}

	private exact(value: string): string {
		if (value.length < MIN_SECRET_LENGTH) return value;
		let result = value;
		for (const pattern of this.patterns) result = result.replace(pattern, REDACTED);
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
			setOwn(copy, this.exact(key), this.walk(entry, seen) as IDataObject[keyof IDataObject]);
		}
		return copy;
	}
}
