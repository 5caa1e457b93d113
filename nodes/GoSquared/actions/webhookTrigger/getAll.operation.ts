import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limitParameter, returnAllProperties } from '../../../shared/listing';
import { webhookIdProperty } from '../../helpers/descriptions';
import { goSquaredId } from '../../helpers/parameters';
import { getList, webhookTriggersPath } from '../../transport';

export { webhookKey as key } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook whose triggers to list'),
	...returnAllProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['getAll'] } },
	properties,
);

/** One output item per trigger of the webhook. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const webhookId = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	return await getList(this, webhookTriggersPath(webhookId), itemIndex, limitParameter(this, itemIndex));
}
