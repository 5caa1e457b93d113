import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { webhookIdProperty, webhookTriggerIdProperty } from '../../helpers/descriptions';
import { goSquaredId } from '../../helpers/parameters';
import { goSquaredRequest, objectOf, webhookTriggerPath } from '../../transport';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook the trigger belongs to'),
	webhookTriggerIdProperty('The ID of the webhook trigger to get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['get'] } },
	properties,
);

/** GET /account/v1/webhooks/{id}/triggers/{triggerId}. Items for the same webhook go in input order. */
export function prepare(item: Parameters): Prepared {
	const webhookId = goSquaredId(item, 'webhookId', 'Webhook ID');
	const triggerId = goSquaredId(item, 'triggerId', 'Trigger ID');
	return {
		key: String(webhookId),
		async send(api) {
			return objectOf(api, await goSquaredRequest(api, 'GET', webhookTriggerPath(webhookId, triggerId)));
		},
	};
}
