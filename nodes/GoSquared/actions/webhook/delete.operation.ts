import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { missingAsDeletedOptions, webhookIdProperty } from '../../descriptions';
import { webhookPath } from '../../transport';
import { deleteResource, goSquaredId } from '../fields';

export { webhookKey as key } from '../fields';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook to delete. Its triggers go with it.'),
	missingAsDeletedOptions('webhook'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	const deleted = await deleteResource(this, webhookPath(id), itemIndex);
	return deleted ? { deleted: true, id } : { deleted: false, notFound: true, id };
}
