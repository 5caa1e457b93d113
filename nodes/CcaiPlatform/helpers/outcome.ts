import type { IDataObject } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/request';
import { isPlainObject } from '../../shared/validation';

/**
 * What became of a call request, in one value an IF or Switch node can branch on:
 * - created: CCAI Platform created the call (201); the item is the call object
 * - pendingAgentAction: CCAI Platform accepted the request (202, or 200 without a call), but the
 *   agent must act in the adapter (choose an outbound number, dial the ticket) before anything
 *   is placed; there is no call yet
 */
export type CallOutcome = 'created' | 'pendingAgentAction';

export const PENDING_MESSAGE =
	'CCAI Platform accepted the call request, but the call is waiting for the agent to act in the CCAI Platform adapter (for example to choose the outbound number, or to dial the customer of the ticket). No call has been placed yet, so there is no call ID.';

/**
 * 201 → the call object, with `outcome` and `statusCode` in front. 202 and 200 are not failures:
 * the item says the call waits for the agent, with the request as CCAI Platform echoed it (or, when
 * it answered without a body, as it was sent).
 */
export function callOutcome(response: ApiResponse<unknown>, sent: IDataObject): IDataObject {
	const { statusCode } = response;
	let body = response.body;
	// The API reference shows the call object inside a list; the examples show it bare.
	if (Array.isArray(body) && body.length === 1) body = body[0];
	const isCall = isPlainObject(body) && body.id !== undefined && body.id !== null;
	if (statusCode === 201 || (statusCode !== 202 && isCall)) {
		const created: CallOutcome = 'created';
		return isPlainObject(body)
			? { outcome: created, statusCode, ...body }
			: { outcome: created, statusCode, response: (body ?? null) as IDataObject };
	}
	const echoed = isPlainObject(body) && Object.keys(body).length > 0;
	return {
		outcome: 'pendingAgentAction' as CallOutcome,
		statusCode,
		message: PENDING_MESSAGE,
		request: echoed ? (body as IDataObject) : sent,
	};
}
