/**
 * Reads a date-time the way n8n users give one: the value of a Date & Time field (an ISO string
 * without an offset, meant in the workflow's time zone), an ISO 8601 string with or without an
 * offset, or what an expression returns (a Luxon DateTime such as `$now.plus(1, 'hour')`, or a
 * JavaScript Date). Luxon is not imported: nodes may depend on nothing but n8n-workflow.
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
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
	const fields = {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
		millisecond: Math.round(Number(`0.${fraction}`) * 1000),
	};
	const asUtc = Date.UTC(
		fields.year,
		fields.month - 1,
		fields.day,
		fields.hour,
		fields.minute,
		fields.second,
		fields.millisecond,
	);
	const check = new Date(asUtc);
	if (
		check.getUTCFullYear() !== fields.year ||
		check.getUTCMonth() !== fields.month - 1 ||
		check.getUTCDate() !== fields.day ||
		check.getUTCHours() !== fields.hour ||
		check.getUTCMinutes() !== fields.minute ||
		fields.second > 59
	) {
		return { ok: false, problem: `"${value}" is not a real date and time` };
	}
	if (zone) {
		return { ok: true, date: new Date(asUtc - zoneOffsetMs(zone)) };
	}
	return { ok: true, date: new Date(zonedToUtc(asUtc, timeZone)) };
}

/** `Z`, `+02`, `+0530`, `-05:00` → milliseconds east of UTC. */
function zoneOffsetMs(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2, 4) || '0');
	return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * A wall-clock time in `timeZone` (given as if it were UTC) → the real UTC instant. The offset is
 * looked up twice, so that times next to a daylight-saving change land on the right side.
 */
function zonedToUtc(wallClockAsUtc: number, timeZone: string): number {
	const first = wallClockAsUtc - offsetAt(wallClockAsUtc, timeZone);
	const second = wallClockAsUtc - offsetAt(first, timeZone);
	return second;
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds (unknown zones count as UTC). */
function offsetAt(instant: number, timeZone: string): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(instant));
	} catch {
		// An unknown zone name: n8n validates the workflow's zone, so this is a last resort.
		return 0;
	}
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
	const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wallClock - Math.floor(instant / 1000) * 1000;
}
