import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import { menuReport } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Returns one item per queue that has callers or chats waiting, as CCAI Platform reports it now (GET /menus/current_status). No queue waiting: no items.',
		name: 'currentStatusNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['currentStatus'] } }, properties);

/** GET /manager/api/v1/menus/current_status: one item per queue with consumers waiting, as answered. */
export function prepare(): Prepared {
	return {
		async send(api) {
			return await menuReport(api, 'current_status');
		},
	};
}
