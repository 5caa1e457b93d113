import { createHash, timingSafeEqual } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../../shared/validation';
import type { GoSquaredEvent } from '../helpers/events';

/**
 * What arrives at the trigger's URL, and how it is judged. GoSquared does not sign its
 * deliveries, so the only proof that one is genuine is the secret the trigger put in the URL it
 * registered. Everything here is free of n8n contexts, so that it can be tested on its own.
 */

/** The query parameter that carries the secret. */
export const SECRET_PARAMETER = 'secret';

/** GoSquared's deliveries are a few kilobytes; anything this large is not one. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** The parts of n8n's (express) request that matter here. */
export interface DeliveryRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	body?: unknown;
	rawBody?: Buffer | string;
}

export type DeliveryCheck =
	| { ok: true; payload: IDataObject }
	| { ok: false; status: number; message: string };

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

/**
 * The delivery's JSON object, or the status and message to refuse it with: 413 when it is too
 * large, 415 when it is not declared as JSON, 400 when it does not parse or is not an object.
 * The raw body is what is judged when n8n kept it, because a body parser may have turned a
 * malformed body into `{}`.
 */
export function readDelivery(request: DeliveryRequest): DeliveryCheck {
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
	const mediaType = header(request, 'content-type').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(mediaType)) {
		return {
			ok: false,
			status: 415,
			message: `Expected a JSON body (Content-Type: application/json), not "${mediaType || 'no content type'}".`,
		};
	}
	let payload: unknown = request.body;
	if (request.rawBody !== undefined && rawLength > 0) {
		try {
			payload = JSON.parse(request.rawBody.toString());
		} catch {
			return { ok: false, status: 400, message: 'The body is not valid JSON.' };
		}
	}
	if (!isPlainObject(payload) || Object.keys(payload).length === 0) {
		return {
			ok: false,
			status: 400,
			message: 'Expected a JSON object describing a GoSquared event.',
		};
	}
	return { ok: true, payload };
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
