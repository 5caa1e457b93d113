import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { webhookIdProperty } from '../../helpers/descriptions';
import { goSquaredId } from '../../helpers/parameters';
import { getList, webhookTriggersPath } from '../../transport';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook whose triggers to list'),
	...returnAllProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['getAll'] } },
	properties,
);

/** One output item per trigger of the webhook. Items for the same webhook go in input order. */
export function prepare(item: Parameters): Prepared {
	const webhookId = goSquaredId(item, 'webhookId', 'Webhook ID');
	const limit = item.limit();
	return {
		key: String(webhookId),
		async send(api) {
			return await getList(api, webhookTriggersPath(webhookId), limit);
		},
	};
}
