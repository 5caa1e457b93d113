import type { IDataObject, INodeProperties, JsonObject } from 'n8n-workflow';

import { optionsProperty } from '../../shared/descriptions';
import type { Api, ApiResponse } from '../../shared/request';
import { isPlainObject, type Parameters } from '../../shared/validation';

/**
 * What Callgoose did with an event or request, in one value a Switch or IF node can branch on.
 * - created: an incident (or Request) was created
 * - resolved: active incidents were resolved
 * - createdAndResolved: both, from one event
 * - noMatch: HTTP 202, no API filter (or Automation Workflow) applied; nothing happened
 * - duplicate: HTTP 208, Callgoose already processed the same payload a short while ago
 */
export type Outcome = 'created' | 'resolved' | 'createdAndResolved' | 'noMatch' | 'duplicate';

function flag(value: unknown, key: string): boolean | undefined {
	if (!isPlainObject(value)) return undefined;
	return typeof value[key] === 'boolean' ? (value[key] as boolean) : undefined;
}

/** For `/v1/process`: 200 resolved, 201 created (and maybe resolved), 202 no match, 208 duplicate. */
export function incidentOutcome(statusCode: number, body: unknown): Outcome {
	if (statusCode === 208) return 'duplicate';
	if (statusCode === 202) return 'noMatch';
	const record = isPlainObject(body) ? body : {};
	const created = flag(record.triggered, 'created') ?? statusCode === 201;
	const resolved = flag(record.resolved, 'resolved') ?? statusCode === 200;
	if (created && resolved) return 'createdAndResolved';
	if (created) return 'created';
	if (resolved) return 'resolved';
	if (flag(record.triggered, 'duplicate') || flag(record.resolved, 'duplicate')) return 'duplicate';
	return 'noMatch';
}

/** For `/v1/request`: 201 created, 202 no applicable workflow, 208 duplicate. */
export function requestOutcome(statusCode: number, body: unknown): Outcome {
	if (statusCode === 208) return 'duplicate';
	if (statusCode === 202) return 'noMatch';
	const created = isPlainObject(body) ? flag(body, 'created') : undefined;
	return (created ?? statusCode === 201) ? 'created' : 'noMatch';
}

/** What was sent: an event (/v1/process) or a request (/v1/request). */
export type Sent = 'event' | 'request';

const NOTHING_MATCHED: Record<Sent, string> = {
	event:
		'Whether an event that no API filter matches (HTTP 202) fails the item. When off, the item comes out with outcome "noMatch", for an IF or Switch node to route (e.g. to a fallback alert).',
	request:
		'Whether a request that no Automation Workflow applies to (HTTP 202) fails the item. When off, the item comes out with outcome "noMatch", for an IF or Switch node to route.',
};

/** The Options of every Callgoose operation: "Fail If Nothing Matched", declared here only. */
export function outcomeOptionsProperty(sent: Sent): INodeProperties {
	return optionsProperty("How Callgoose's answer is turned into the result of the item", [
		{
			displayName: 'Fail If Nothing Matched',
			name: 'failIfNothingMatched',
			type: 'boolean',
			default: false,
			description: NOTHING_MATCHED[sent],
		},
	]);
}

/** The option of `outcomeOptionsProperty`, for one item. */
export function failIfNothingMatchedParameter(item: Parameters): boolean {
	return item.boolean('options.failIfNothingMatched', 'Fail If Nothing Matched');
}

/**
 * The output item: the outcome, the HTTP status and Callgoose's own answer. A 202 fails the item
 * only when the user asked for it with "Fail If Nothing Matched".
 */
export function outcomeItem(
	api: Api,
	response: ApiResponse<IDataObject | string>,
	outcome: Outcome,
	{ sent, failIfNothingMatched }: { sent: Sent; failIfNothingMatched: boolean },
): IDataObject {
	if (outcome === 'noMatch' && failIfNothingMatched) {
		const message =
			sent === 'event'
				? 'Callgoose accepted the event but no API filter matched it (HTTP 202)'
				: 'Callgoose accepted the request but no Automation Workflow applied to it (HTTP 202)';
		throw api.error({
			message,
			httpCode: String(response.statusCode),
			description:
				'"Fail If Nothing Matched" is on. Check the API filters (or the Workflow ID and its custom variables) in Callgoose, or turn the option off to get an item with outcome "noMatch" instead.',
			response: { httpCode: '202', body: response.body } as JsonObject,
		});
	}
	return { outcome, statusCode: response.statusCode, response: response.body };
}
