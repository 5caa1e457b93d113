import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { webhookIdProperty, webhookTriggerIdProperty } from '../../helpers/descriptions';
import { goSquaredId } from '../../helpers/parameters';
import { goSquaredRequest, objectOf, webhookTriggerPath } from '../../transport';

export { webhookKey as key } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook the trigger belongs to'),
	webhookTriggerIdProperty('The ID of the webhook trigger to get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	const triggerId = goSquaredId(this, 'triggerId', 'Trigger ID', itemIndex);
	return objectOf(
		this,
		await goSquaredRequest(this, 'GET', webhookTriggerPath(webhookId, triggerId), { itemIndex }),
		itemIndex,
	);
}
