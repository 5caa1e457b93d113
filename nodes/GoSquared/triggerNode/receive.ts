import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { inferEvent, readDelivery, SECRET_PARAMETER, secretMatches, type DeliveryRequest } from './delivery';
import { selectedEvents, storedSecrets } from './lifecycle';

/** The parts of n8n's (express) response used to answer a refused delivery. */
interface RawResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/**
 * One delivery from GoSquared. The secret is checked before anything else; a refused delivery is
 * answered here (401, 413, 415, 400, 422) and starts no execution. A genuine delivery of an
 * event that is not selected is acknowledged with 200 and dropped.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as DeliveryRequest;
	// n8n runs the editor's test webhook in manual mode, the production webhook in webhook mode.
	const kind = this.getMode() === 'manual' ? 'test' : 'production';
	if (!secretMatches(request.query?.[SECRET_PARAMETER], storedSecrets(this, kind))) {
		return refuse(this, 401, 'Unauthorized');
	}
	const delivery = readDelivery(request);
	if (!delivery.ok) return refuse(this, delivery.status, delivery.message);
	const event = inferEvent(delivery.payload);
	if (!event) {
		return refuse(
			this,
			422,
			'Not recognised as a GoSquared event (chat_message, entered_smart_group, exited_smart_group, traffic_dip or traffic_spike).',
		);
	}
	if (!selectedEvents(this).has(event)) {
		return { webhookResponse: { received: true, ignored: `${event} is not one of the events this trigger listens to` } };
	}
	return {
		workflowData: [this.helpers.returnJsonArray([Object.assign({ event }, delivery.payload, { event })])],
	};
}

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = context.getResponseObject() as unknown as RawResponse;
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify({ message }));
	return { noWebhookResponse: true };
}
