import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, returnAllProperties, simplifyParameter } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import { pick, type Parameters } from '../../../shared/validation';
import { SIMPLE_QUEUE_FIELDS, simplifyKeepingProperty } from '../../helpers/descriptions';
import { collectList, QUEUE_TREE, QUEUES } from '../../transport/listing';

const properties: INodeProperties[] = [
	...returnAllProperties,
	optionsProperty('How the queues are listed', [
		{
			displayName: 'As Tree',
			name: 'tree',
			type: 'boolean',
			default: false,
			description:
				'Whether to list the queues in the order of the tree callers walk through (GET /menus/tree) instead of by ID (GET /menus)',
		},
	]),
	simplifyKeepingProperty('queue', SIMPLE_QUEUE_FIELDS),
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['getAll'] } }, properties);

/**
 * GET /manager/api/v1/menus (sorted by ID, `sort_column=id`, as the menu page documents any field
 * of the answer as a sort column) or /menus/tree (in the tree's own order), page after page: one
 * item per queue, each at most once (transport/listing.ts).
 */
export function prepare(item: Parameters): Prepared {
	const limit = item.limit();
	const tree = item.boolean('options.tree', 'As Tree');
	const simplify = simplifyParameter(item);
	return {
		async send(api) {
			const queues = await collectList(api, tree ? QUEUE_TREE : QUEUES, {
				query: tree ? {} : { sort_column: 'id', sort_direction: 'ASC' },
				limit,
				filtersLocally: false,
				accept: () => true,
			});
			return simplify ? queues.map((queue) => pick(queue, SIMPLE_QUEUE_FIELDS)) : queues;
		},
	};
}
