import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { eventProperties, webhookIdProperty } from '../../helpers/descriptions';
import { eventParameters, goSquaredId } from '../../helpers/parameters';
import { goSquaredRequest, objectOf, webhookTriggersPath } from '../../transport';

export { webhookKey as key } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook to attach the trigger to'),
	...eventProperties({ optional: false }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookTrigger'], operation: ['add'] } },
	properties,
);

/**
 * POST /account/v1/webhooks/{id}/triggers. GoSquared documents `value` as required on this
 * endpoint; a chat message has no value, so an empty one is sent for it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex);
	const body = eventParameters(this, itemIndex) ?? {};
	if (body.value === undefined) body.value = '';
	return objectOf(
		this,
		await goSquaredRequest(this, 'POST', webhookTriggersPath(webhookId), { body, itemIndex }),
		itemIndex,
	);
}
