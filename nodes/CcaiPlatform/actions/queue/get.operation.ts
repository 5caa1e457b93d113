import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyParameter } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import { pick, type Parameters } from '../../../shared/validation';
import { queueIdParameter, queueIdProperty, SIMPLE_QUEUE_FIELDS, simplifyKeepingProperty } from '../../helpers/descriptions';
import { getMenu } from '../../transport';

const properties: INodeProperties[] = [queueIdProperty, simplifyKeepingProperty('queue', SIMPLE_QUEUE_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['get'] } }, properties);

/** GET /manager/api/v1/menus/:id: the queue (menu), with its agent and team assignments unless simplified. */
export function prepare(item: Parameters): Prepared {
	const queueId = queueIdParameter(item);
	const simplify = simplifyParameter(item);
	return {
		async send(api) {
			const queue = await getMenu(api, queueId);
			return simplify ? pick(queue, SIMPLE_QUEUE_FIELDS) : queue;
		},
	};
}
