import type { Parameters } from '../../shared/validation';
import { normalizePhoneNumber } from './phone';

/**
 * Readers of the CCAI Platform node's own kinds of value, for one item. Every problem is the
 * named-field error of `Parameters`, raised while the item is prepared, before anything is sent.
 */

/** Deliberately plain: a local part, an @, and a domain with a dot. The service knows its agents. */
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:.]+(\.[^\s@"<>(),;:.]+)+$/;

export function emailParameter(item: Parameters, name: string, field: string): string {
	const value = item.string(name, field, { required: true });
	if (!EMAIL.test(value)) throw item.fail(field, `"${value}" is not an email address`);
	return value;
}

/** A phone number in E.164 form, or undefined when the field is empty. */
export function phoneParameter(item: Parameters, name: string, field: string): string | undefined {
	const value = item.string(name, field);
	if (value === '') return undefined;
	const result = normalizePhoneNumber(value);
	if (!result.ok) throw item.fail(field, result.problem);
	return result.e164;
}

/** The node's ID fields are number fields whose default, 0, means "not set". */
export const NUMBER_FIELD = { zeroMeansUnset: true } as const;

/**
 * An ISO 639-1 code, optionally with a region (`fr-CA`), in the case CCAI Platform expects (its
 * codes are case-sensitive); undefined when empty (CCAI Platform then uses "en").
 */
export function languageParameter(item: Parameters, name: string, field: string): string | undefined {
	const value = item.string(name, field);
	if (value === '') return undefined;
	const match = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i.exec(value);
	if (!match) {
		throw item.fail(
			field,
			`"${value}" is not an ISO 639-1 language code: use two letters (en, es), optionally with a region (fr-CA)`,
		);
	}
	const [, language, region] = match;
	return region ? `${language.toLowerCase()}-${region.toUpperCase()}` : language.toLowerCase();
}
