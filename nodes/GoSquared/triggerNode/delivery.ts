import { createHash, timingSafeEqual } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../../shared/validation';
import type { GoSquaredEvent } from '../helpers/events';

/**
 * What arrives at the trigger's URL, and how it is judged. GoSquared does not sign its
 * deliveries, so the only proof that one is genuine is the secret the trigger put in the URL it
 * registered; once that matches, the delivery is kept whatever it looks like. Everything here is
 * free of n8n contexts, so that it can be tested on its own.
 */

/** The query parameter that carries the secret. */
export const SECRET_PARAMETER = 'secret';

/** GoSquared's deliveries are a few kilobytes; anything this large is not one. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/**
 * GoSquared's deliveries nest a few levels deep (a person inside a message, a group, an alert);
 * one nested this deep is not one, and n8n, which copies every item recursively, could not carry
 * it (its deepCopy overflows the stack at about 100,000 levels; 1 MiB holds 500,000).
 */
export const MAX_DELIVERY_DEPTH = 64;

/** What the trigger reads of a request: its headers, what n8n parsed, and the bytes as they came. */
export interface DeliveryRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	rawBody?: Buffer | string;
}

/** A delivery's payload (any JSON), or the status and message to refuse it with. */
export type DeliveryCheck = { ok: true; payload: unknown } | { ok: false; status: 400 | 413; message: string };

/**
 * Whether `given` is one of the stored secrets, compared in constant time: both sides are hashed
 * to the same length first, so neither the content nor the length of a secret leaks through
 * timing.
 */
export function secretMatches(given: unknown, secrets: string[]): boolean {
	if (typeof given !== 'string' || given === '') return false;
	const digest = createHash('sha256').update(given).digest();
	let matched = false;
	for (const secret of secrets) {
		if (secret === '') continue;
		// No early exit: every stored secret is compared.
		const equal = timingSafeEqual(digest, createHash('sha256').update(secret).digest());
		matched = matched || equal;
	}
	return matched;
}

function header(request: DeliveryRequest, name: string): string {
	const value = request.headers[name];
	return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Form fields that may carry the delivery's JSON, most likely first. */
const PAYLOAD_FIELDS = ['payload', 'data', 'json', 'body', 'event', 'delivery'];

/**
 * The delivery's payload. Called only after the secret matched: from then on a delivery is data
 * to keep, and GoSquared documents neither its Content-Type nor a stable schema. So the bytes are
 * read as JSON whatever their declared type; failing that, as a form whose field holds the JSON
 * (a `payload` field, or the only field that is JSON). Refused: a body over the size limit (413),
 * and one that is empty or not JSON in any form (400). The raw bytes are judged when n8n kept them
 * (it does, except for multipart bodies), because a body parser may have made something else of
 * them.
 */
export function readDelivery(request: DeliveryRequest): DeliveryCheck {
	const read = readPayload(request);
	if (read.ok && depthExceeds(read.payload, MAX_DELIVERY_DEPTH)) {
		return {
			ok: false,
			status: 400,
			message: `The delivery nests more than ${MAX_DELIVERY_DEPTH} levels deep; GoSquared deliveries nest a few.`,
		};
	}
	return read;
}

/** Whether `value` has objects or lists nested more than `max` levels deep; without recursion, whatever the depth. */
function depthExceeds(value: unknown, max: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (current === null || typeof current !== 'object') continue;
		if (depth >= max) return true;
		for (const child of Object.values(current)) stack.push([child, depth + 1]);
	}
	return false;
}

function readPayload(request: DeliveryRequest): DeliveryCheck {
	const declaredLength = Number(header(request, 'content-length'));
	const rawLength =
		request.rawBody === undefined
			? 0
			: typeof request.rawBody === 'string'
				? Buffer.byteLength(request.rawBody)
				: request.rawBody.length;
	if (Math.max(Number.isFinite(declaredLength) ? declaredLength : 0, rawLength) > MAX_DELIVERY_BYTES) {
		return {
			ok: false,
			status: 413,
			message: `The delivery is larger than ${MAX_DELIVERY_BYTES} bytes; GoSquared deliveries are a few kilobytes.`,
		};
	}
	const text =
		request.rawBody !== undefined ? request.rawBody.toString() : typeof request.body === 'string' ? request.body : undefined;
	if (text !== undefined) {
		const trimmed = text.replace(/^\ufeff/, '').trim();
		if (trimmed === '') return { ok: false, status: 400, message: 'The body is empty: a GoSquared delivery is a JSON object.' };
		const json = parseJson(trimmed);
		if (json.ok) return { ok: true, payload: json.value };
		const fromForm = jsonField(Object.fromEntries(new URLSearchParams(trimmed)));
		if (fromForm.ok) return { ok: true, payload: fromForm.value };
		return {
			ok: false,
			status: 400,
			message: 'The body is not JSON, nor a form with a JSON field: a GoSquared delivery is a JSON object.',
		};
	}
	// No bytes kept: fields n8n parsed itself (a multipart form).
	if (isPlainObject(request.body) && Object.keys(request.body).length > 0) {
		const fromFields = jsonField(request.body);
		return { ok: true, payload: fromFields.ok ? fromFields.value : request.body };
	}
	return { ok: false, status: 400, message: 'The body is empty: a GoSquared delivery is a JSON object.' };
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): Parsed {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/** The JSON object or list that a form field holds: a payload-like field first, else the only one. */
function jsonField(fields: IDataObject): Parsed {
	const structured = (value: unknown): Parsed => {
		if (typeof value !== 'string') return { ok: false };
		const parsed = parseJson(value.trim());
		return parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? parsed : { ok: false };
	};
	for (const name of PAYLOAD_FIELDS) {
		const parsed = structured(fields[name]);
		if (parsed.ok) return parsed;
	}
	const candidates = Object.values(fields).map(structured).filter((parsed) => parsed.ok);
	return candidates.length === 1 ? candidates[0] : { ok: false };
}

/**
 * Which of the five GoSquared events a delivery is, from its shape:
 * - `message` (an object) → chat_message;
 * - `group` (an object) with `boundary` "enter" / "exit" → entered_smart_group / exited_smart_group;
 * - `triggeredAlert` (an object) with `boundary` "upper" / "lower" → traffic_spike / traffic_dip.
 * Anything else is not one of them.
 */
export function inferEvent(payload: unknown): GoSquaredEvent | undefined {
	if (!isPlainObject(payload)) return undefined;
	if (isPlainObject(payload.message)) return 'chat_message';
	if (isPlainObject(payload.group)) {
		if (payload.boundary === 'enter') return 'entered_smart_group';
		if (payload.boundary === 'exit') return 'exited_smart_group';
		return undefined;
	}
	if (isPlainObject(payload.triggeredAlert)) {
		const { boundary } = payload.triggeredAlert;
		if (boundary === 'upper') return 'traffic_spike';
		if (boundary === 'lower') return 'traffic_dip';
	}
	return undefined;
}
