import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { triggerIdProperty, webhookIdProperty } from '../../descriptions';
import { goSquaredRequest, objectOf, triggerPath } from '../../transport';
import { goSquaredId } from '../fields';

export { webhookKey as key } from '../fields';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook the trigger belongs to'),
	triggerIdProperty('The ID of the trigger to get'),
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
		await goSquaredRequest(this, 'GET', triggerPath(webhookId, triggerId), { itemIndex }),
		itemIndex,
	);
}
