import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { missingAsDeletedOptions, webhookIdProperty, webhookTriggerIdProperty } from '../../helpers/descriptions';
import { goSquaredId, treatMissingAsDeletedParameter } from '../../helpers/parameters';
import { deleteAt, webhookTriggerPath } from '../../transport';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook the trigger belongs to'),
	webhookTriggerIdProperty('The ID of the webhook trigger to remove'),
	missingAsDeletedOptions('webhook trigger'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['remove'] } },
	properties,
);

/** DELETE /account/v1/webhooks/{id}/triggers/{triggerId}. Items for the same webhook go in input order. */
export function prepare(item: Parameters): Prepared {
	const webhookId = goSquaredId(item, 'webhookId', 'Webhook ID');
	const triggerId = goSquaredId(item, 'triggerId', 'Trigger ID');
	const missingIsDone = treatMissingAsDeletedParameter(item);
	return {
		key: String(webhookId),
		async send(api) {
			const removed = await deleteAt(api, webhookTriggerPath(webhookId, triggerId), missingIsDone);
			return removed ? { removed: true, webhookId, triggerId } : { removed: false, notFound: true, webhookId, triggerId };
		},
	};
}
