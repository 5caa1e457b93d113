import { DateTime } from 'luxon';

import type { Parameters } from '../../shared/validation';

/**
 * Reads a date-time the way n8n users give one: the value of a Date & Time field (an ISO string
 * without an offset, meant in the workflow's time zone), an ISO 8601 string with or without an
 * offset, or what an expression returns (a Luxon DateTime such as `$now.plus(1, 'hour')`, or a
 * JavaScript Date). Luxon is n8n's own date library (n8n provides it, and n8n's package scanner
 * allows it), so the time-zone arithmetic is its.
 */

export type DateTimeResult = { ok: true; date: Date } | { ok: false; problem: string };

const ISO_8601 =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** How n8n prints a date that an expression embedded in text: `[DateTime: 2025-01-01T10:00:00.000+01:00]`. */
const WRAPPED = /^\[(?:DateTime|Date): (.+)\]$/;

interface LuxonLike {
	isValid: boolean;
	toMillis(): number;
}

function isLuxonLike(value: object): value is LuxonLike {
	return typeof (value as Partial<LuxonLike>).toMillis === 'function' && 'isValid' in value;
}

export function parseDateTime(value: unknown, timeZone: string): DateTimeResult {
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? { ok: false, problem: 'is an invalid date' } : { ok: true, date: value };
	}
	if (value !== null && typeof value === 'object' && isLuxonLike(value)) {
		return value.isValid ? { ok: true, date: new Date(value.toMillis()) } : { ok: false, problem: 'is an invalid date' };
	}
	if (typeof value !== 'string') {
		return {
			ok: false,
			problem: `must be a date, or an ISO 8601 text such as 2030-01-31T14:30:00Z, not ${
				typeof value === 'number' ? `the number ${value}` : typeof value
			}`,
		};
	}
	const text = value.trim().replace(WRAPPED, '$1').trim();
	const match = ISO_8601.exec(text);
	if (!match) {
		return { ok: false, problem: `"${value}" is not an ISO 8601 date-time such as 2030-01-31T14:30:00Z` };
	}
	// Written out again in the one form Luxon reads; an offset in the text wins over the zone.
	const [, year, month, day, hour = '00', minute = '00', second = '00', fraction, zone = ''] = match;
	const canonical = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction ? `.${fraction}` : ''}${zone}`;
	const parsed = DateTime.fromISO(canonical, { zone: timeZone });
	if (!parsed.isValid) return { ok: false, problem: `"${value}" is not a real date and time` };
	return { ok: true, date: parsed.toJSDate() };
}

/** A time as the Manager API's filters take it: ISO 8601 in UTC, to the second, e.g. 2030-01-31T14:30:00Z. */
export function managerTime(ms: number, round: 'down' | 'up' = 'down'): string {
	const seconds = round === 'down' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds of an ISO 8601 time in a call, or undefined when it is missing or unreadable. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** A date-time strictly in the future, as ISO 8601 UTC (`2030-01-31T14:30:00.000Z`). */
export function futureDateTimeParameter(item: Parameters, name: string, field: string): string {
	const date = optionalDateTimeParameter(item, name, field);
	if (date === undefined) throw item.fail(field, 'is required: give the future time of the call');
	const iso = date.toISOString();
	if (date.getTime() <= Date.now()) throw item.fail(field, `is in the past (${iso}): give a future time`);
	return iso;
}

/** A date-time filter, or undefined when the field is empty. */
export function optionalDateTimeParameter(item: Parameters, name: string, field: string): Date | undefined {
	const raw = item.value(name, '');
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const result = parseDateTime(raw, item.timeZone);
	if (!result.ok) throw item.fail(field, result.problem);
	return result.date;
}

/**
 * Two date-time filters that bound a range (e.g. Created After and Created Before), each
 * optional; the second may not be earlier than the first.
 */
export function optionalDateRange(
	item: Parameters,
	[fromName, fromField]: [name: string, field: string],
	[toName, toField]: [name: string, field: string],
): { from?: Date; to?: Date } {
	const from = optionalDateTimeParameter(item, fromName, fromField);
	const to = optionalDateTimeParameter(item, toName, toField);
	if (from && to && from > to) throw item.fail(toField, `(${to.toISOString()}) is earlier than "${fromField}" (${from.toISOString()})`);
	return { from, to };
}

/**
 * Whether an entry's time (ISO 8601 text) lies within the range, bounds included: the check of a
 * range the service was asked for, on each entry it sent. Any entry is within an empty range; one
 * without a readable time is within no other.
 */
export function within(value: unknown, { from, to }: { from?: Date; to?: Date }): boolean {
	if (!from && !to) return true;
	const ms = timeOf(value);
	return ms !== undefined && (!from || ms >= from.getTime()) && (!to || ms <= to.getTime());
}
