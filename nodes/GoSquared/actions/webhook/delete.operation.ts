import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { missingAsDeletedOptions, webhookIdProperty } from '../../helpers/descriptions';
import { goSquaredId, treatMissingAsDeletedParameter } from '../../helpers/parameters';
import { deleteAt, webhookPath } from '../../transport';

export { webhookKey as key } from '../../helpers/parameters';

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
	const deleted = await deleteAt(this, webhookPath(id), itemIndex, treatMissingAsDeletedParameter(this, itemIndex));
	return deleted ? { deleted: true, id } : { deleted: false, notFound: true, id };
}
