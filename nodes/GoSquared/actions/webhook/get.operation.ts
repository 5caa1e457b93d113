import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { webhookIdProperty } from '../../helpers/descriptions';
import { goSquaredId } from '../../helpers/parameters';
import { goSquaredRequest, objectOf, webhookPath } from '../../transport';

const properties: INodeProperties[] = [webhookIdProperty('The ID of the webhook to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['get'] } },
	properties,
);

/** GET /account/v1/webhooks/{id}. Items for the same webhook go in input order. */
export function prepare(item: Parameters): Prepared {
	const webhookId = goSquaredId(item, 'webhookId', 'Webhook ID');
	return {
		key: String(webhookId),
		async send(api) {
			return objectOf(api, await goSquaredRequest(api, 'GET', webhookPath(webhookId)));
		},
	};
}
