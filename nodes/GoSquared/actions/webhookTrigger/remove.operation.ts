import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { missingAsDeletedOptions, triggerIdProperty, webhookIdProperty } from '../../descriptions';
import { triggerPath } from '../../transport';
import { deleteResource, goSquaredId } from '../fields';

export { webhookKey as key } from '../fields';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook the trigger belongs to'),
	triggerIdProperty('The ID of the trigger to remove'),
	missingAsDeletedOptions('trigger'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['remove'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	const triggerId = goSquaredId(this, 'triggerId', 'Trigger ID', itemIndex);
	const removed = await deleteResource(this, triggerPath(webhookId, triggerId), itemIndex);
	return removed
		? { removed: true, webhookId, triggerId }
		: { removed: false, notFound: true, webhookId, triggerId };
}
