import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { inferEvent, readDelivery, SECRET_PARAMETER, secretMatches } from './delivery';
import { selectedEvents, storedSecrets } from './lifecycle';

/**
 * One delivery from GoSquared. The secret is checked before anything else; a refused delivery is
 * answered here (401, 413, 415, 400, 422) and starts no execution. A genuine delivery of an
 * event that is not selected is acknowledged with 200 and dropped.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// n8n runs the editor's test webhook in manual mode, the production webhook in webhook mode.
	const kind = this.getMode() === 'manual' ? 'test' : 'production';
	const query = this.getQueryData() as IDataObject;
	if (!secretMatches(query[SECRET_PARAMETER], storedSecrets(this, kind))) {
		return refuse(this, 401, 'Unauthorized');
	}
	const delivery = readDelivery({
		headers: this.getHeaderData(),
		body: this.getBodyData(),
		// The bytes as they arrived, which n8n keeps on its request: a body parser may have made
		// something else of them.
		rawBody: this.getRequestObject().rawBody,
	});
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

/**
 * Answers a refused delivery with its own status. n8n answers a webhook with the status its
 * description fixes (`responseCode`), the same for every request; a refusal needs another, so it
 * is written here, through the response n8n hands the node (as n8n's own Webhook node answers a
 * failed authentication), and n8n is told not to answer (`noWebhookResponse`).
 */
function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}
