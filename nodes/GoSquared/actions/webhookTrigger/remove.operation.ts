import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { missingAsDeletedOptions, webhookIdProperty, webhookTriggerIdProperty } from '../../helpers/descriptions';
import { goSquaredId, treatMissingAsDeletedParameter } from '../../helpers/parameters';
import { deleteAt, webhookTriggerPath } from '../../transport';

export { webhookKey as key } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook the trigger belongs to'),
	webhookTriggerIdProperty('The ID of the webhook trigger to remove'),
	missingAsDeletedOptions('webhook trigger'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['remove'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	const triggerId = goSquaredId(this, 'triggerId', 'Trigger ID', itemIndex);
	const removed = await deleteAt(
		this,
		webhookTriggerPath(webhookId, triggerId),
		itemIndex,
		treatMissingAsDeletedParameter(this, itemIndex),
	);
	return removed
		? { removed: true, webhookId, triggerId }
		: { removed: false, notFound: true, webhookId, triggerId };
}
