import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { webhookIdProperty } from '../../helpers/descriptions';
import { goSquaredRequest, objectOf, webhookPath } from '../../transport';
import { goSquaredId } from '../../helpers/parameters';

export { webhookKey as key } from '../../helpers/parameters';

const properties: INodeProperties[] = [webhookIdProperty('The ID of the webhook to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	return objectOf(this, await goSquaredRequest(this, 'GET', webhookPath(webhookId), { itemIndex }), itemIndex);
}
