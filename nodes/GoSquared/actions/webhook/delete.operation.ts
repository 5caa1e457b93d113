import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { missingAsDeletedOptions, webhookIdProperty } from '../../helpers/descriptions';
import { goSquaredId, treatMissingAsDeletedParameter } from '../../helpers/parameters';
import { deleteAt, webhookPath } from '../../transport';

const properties: INodeProperties[] = [
	webhookIdProperty('The ID of the webhook to delete (its triggers go with it)'),
	missingAsDeletedOptions('webhook'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	properties,
);

/** DELETE /account/v1/webhooks/{id}. Items for the same webhook go in input order. */
export function prepare(item: Parameters): Prepared {
	const id = goSquaredId(item, 'webhookId', 'Webhook ID');
	const missingIsDone = treatMissingAsDeletedParameter(item);
	return {
		key: String(id),
		async send(api) {
			return (await deleteAt(api, webhookPath(id), missingIsDone)) ? { deleted: true, id } : { deleted: false, notFound: true, id };
		},
	};
}
