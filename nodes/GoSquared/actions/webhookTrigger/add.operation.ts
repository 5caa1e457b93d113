import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { eventProperties, webhookIdProperty } from '../../helpers/descriptions';
import { eventParameters, goSquaredId } from '../../helpers/parameters';
import { goSquaredRequest, objectOf, webhookTriggersPath } from '../../transport';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook to attach the trigger to'),
	...eventProperties({ optional: false }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['add'] } },
	properties,
);

/**
 * POST /account/v1/webhooks/{id}/triggers. GoSquared documents `value` as required on this
 * endpoint; a chat message has no value, so an empty one is sent for it. Items for the same
 * webhook go in input order.
 */
export function prepare(item: Parameters): Prepared {
	const webhookId = goSquaredId(item, 'webhookId', 'Webhook ID');
	const body: IDataObject = { value: '', ...eventParameters(item, { optional: false }) };
	return {
		key: String(webhookId),
		async send(api) {
			return objectOf(api, await goSquaredRequest(api, 'POST', webhookTriggersPath(webhookId), body));
		},
	};
}
