import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isPlainObject, setOwn } from '../../shared/validation';
import { inferEvent, readDelivery, SECRET_PARAMETER, secretMatches, type DeliveryCheck } from './delivery';
import { registeredEvents, selectedEvents, storedSecrets } from './lifecycle';

/**
 * One delivery from GoSquared. The secret in the URL is checked before anything else: without it,
 * 401 and nothing starts. With it, the delivery is genuine, and data to keep, since GoSquared
 * documents neither its Content-Type nor a stable schema and retries nothing:
 * - a shape the node recognises (see `inferEvent`) starts the workflow as that event, or, for an
 *   event the node does not listen to, is acknowledged with 200 and dropped;
 * - any other JSON still starts the workflow, with `recognised: false` and the raw payload, its
 *   `event` inferred from the registered events when only one is registered, else "unknown";
 * - only what cannot be a delivery at all is refused (413, 400), with a warning in n8n's log.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// n8n runs the editor's test webhook in manual mode, the production webhook in webhook mode.
	const kind = this.getMode() === 'manual' ? 'test' : 'production';
	const query = this.getQueryData() as IDataObject;
	if (!secretMatches(query[SECRET_PARAMETER], storedSecrets(this, kind))) {
		return refuse(this, 401, 'Unauthorized');
	}
	const headers = this.getHeaderData();
	const delivery = readDelivery({
		headers,
		body: this.getBodyData(),
		// The bytes as they arrived, which n8n keeps on its request: a body parser may have made
		// something else of them.
		rawBody: this.getRequestObject().rawBody,
	});
	if (!delivery.ok) {
		warnRefused(this, delivery, headers['content-type']);
		return refuse(this, delivery.status, delivery.message);
	}
	const event = inferEvent(delivery.payload);
	if (event && isPlainObject(delivery.payload)) {
		if (!selectedEvents(this).has(event)) {
			return { webhookResponse: { received: true, ignored: `${event} is not one of the events this trigger listens to` } };
		}
		const item: IDataObject = { event, recognised: true };
		for (const [key, value] of Object.entries(delivery.payload)) {
			if (key !== 'event' && key !== 'recognised') setOwn(item, key, value);
		}
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
	// The webhook carries only the events this node registered, so the delivery is one of them.
	const registered = registeredEvents(this, kind);
	const item: IDataObject = {
		event: registered.size === 1 ? [...registered][0] : 'unknown',
		recognised: false,
		payload: delivery.payload as IDataObject,
	};
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}

/**
 * A request with the right secret is refused only when it cannot be a delivery at all. That should
 * never happen, so it is logged for an operator to see: which node and workflow, why, and how the
 * body was declared; never the URL, which carries the secret.
 */
function warnRefused(
	context: IWebhookFunctions,
	refusal: Extract<DeliveryCheck, { ok: false }>,
	contentType: string | undefined,
): void {
	const node = context.getNode();
	context.logger.warn(
		`GoSquared Trigger "${node.name}" refused a delivery that carried the right secret (HTTP ${refusal.status}): ${refusal.message}`,
		{ workflowId: context.getWorkflow().id, node: node.name, status: refusal.status, contentType: contentType ?? null },
	);
}

/**
 * Answers a refused request with its own status. n8n answers a webhook with the status its
 * description fixes (`responseCode`), the same for every request; a refusal needs another, so it
 * is written here, through the response n8n hands the node (as n8n's own Webhook node answers a
 * failed authentication), and n8n is told not to answer (`noWebhookResponse`).
 */
function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}
