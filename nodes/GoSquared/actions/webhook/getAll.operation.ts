import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limitParameter, returnAllProperties } from '../../../shared/listing';
import { getList, WEBHOOKS_PATH } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['getAll'] } },
	returnAllProperties,
);

/** One output item per webhook of the site. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList(this, WEBHOOKS_PATH, itemIndex, limitParameter(this, itemIndex));
}
