import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersProperty, optionsProperty, returnAllProperties } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { managerTime, optionalDateRange, optionalDateTimeParameter, within } from '../../helpers/dateTime';
import { callOutput, simplifyCallParameter, simplifyCallProperties, statusesParameter, statusOptions, statusValue } from '../../helpers/statuses';
import { CALLS, collectList } from '../../transport/listing';

const SORT_COLUMNS: Record<string, string> = { createdAt: 'created_at', updatedAt: 'updated_at' };
const SORT_DIRECTIONS: Record<string, string> = { newestFirst: 'DESC', oldestFirst: 'ASC' };

const properties: INodeProperties[] = [
	...returnAllProperties,
	filtersProperty('Only calls that pass every filter added here', [
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description:
				"Calls created at or after this time, e.g. 2026-12-01T00:00:00Z (the workflow's time zone when no offset is given). Sent as created_at[from].",
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Calls created at or before this time, e.g. 2026-12-02T00:00:00Z. Sent as created_at[to], and checked again on each call.',
		},
		{
			displayName: 'Status Updated After',
			name: 'statusUpdatedAfter',
			type: 'dateTime',
			default: '',
			description:
				"Calls changed in any way at or after this time, e.g. 2026-12-01T12:00:00Z: CCAI Platform's updated_at, which every change moves. Sent as updated_at[from].",
		},
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: statusOptions,
			default: [],
			description: `Only calls in one of these statuses. The Manager API documents no status filter, so the node reads the pages and keeps the calls in these statuses, reading at most ${CALLS.max} calls.`,
		},
	]),
	optionsProperty('How the calls are ordered', [
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: [
				{ name: 'Created At', value: 'createdAt', description: 'When the call was created' },
				{ name: 'Updated At', value: 'updatedAt', description: 'When the call last changed' },
			],
			default: 'createdAt',
			description: 'Which time orders the calls (sort_column)',
		},
		{
			displayName: 'Order',
			name: 'sortOrder',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'newestFirst' },
				{ name: 'Oldest First', value: 'oldestFirst' },
			],
			default: 'newestFirst',
			description: 'Newest or oldest first (sort_direction DESC or ASC)',
		},
	]),
	...simplifyCallProperties('getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getAll'] } },
	properties,
);

/**
 * GET /manager/api/v1/calls, page after page: one item per call, with `outcome` in front (or
 * simplified), each call at most once however the list moves while it is read
 * (transport/listing.ts). The time filters are sent to CCAI Platform and checked again on each call
 * received, so that one the service does not apply still holds; the status filter is applied here.
 */
export function prepare(item: Parameters): Prepared {
	const limit = item.limit();
	const created = optionalDateRange(item, ['filters.createdAfter', 'Created After'], ['filters.createdBefore', 'Created Before']);
	const updatedAfter = optionalDateTimeParameter(item, 'filters.statusUpdatedAfter', 'Status Updated After');
	const listed = statusesParameter(item, 'filters.statuses');
	const statuses = listed.length > 0 ? new Set(listed) : undefined;
	const sortBy = item.choice('options.sortBy', 'Sort By', SORT_COLUMNS, 'createdAt');
	const sortOrder = item.choice('options.sortOrder', 'Order', SORT_DIRECTIONS, 'newestFirst');
	const simplify = simplifyCallParameter(item);

	const query: IDataObject = { sort_column: sortBy, sort_direction: sortOrder };
	if (created.from) query['created_at[from]'] = managerTime(created.from.getTime(), 'down');
	if (created.to) query['created_at[to]'] = managerTime(created.to.getTime(), 'up');
	if (updatedAfter) query['updated_at[from]'] = managerTime(updatedAfter.getTime(), 'down');

	return {
		async send(api) {
			const calls = await collectList(api, CALLS, {
				query,
				limit,
				filtersLocally: statuses !== undefined,
				accept: (call) =>
					within(call.created_at, created) &&
					within(call.updated_at, { from: updatedAfter }) &&
					(statuses === undefined || statuses.has(statusValue(call.status))),
			});
			return calls.map((call) => callOutput(call, simplify));
		},
	};
}
