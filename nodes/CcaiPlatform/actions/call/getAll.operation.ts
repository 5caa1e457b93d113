import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { limitParameter, returnAllProperties } from '../../../shared/listing';
import { hasOwn } from '../../../shared/objects';
import { invalidInput, shown } from '../../../shared/validation';
import { collectCalls, managerTime, timeOf } from '../../transport/paging';
import { optionalDateTimeParameter } from '../../helpers/parameters';
import { CALL_STATUSES, callStatus, statusOptions, statusValue, withOutcome } from '../../helpers/statuses';

const SORT_COLUMNS: Record<string, string> = { createdAt: 'created_at', updatedAt: 'updated_at' };
const SORT_DIRECTIONS: Record<string, string> = { newestFirst: 'DESC', oldestFirst: 'ASC' };

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Only calls that pass every filter added here',
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					"Calls created at or after this time (in the workflow's time zone unless the value has an offset). Sent as created_at[from].",
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Calls created at or before this time. Sent as created_at[to], and checked again on each call.',
			},
			{
				displayName: 'Status Updated After',
				name: 'statusUpdatedAfter',
				type: 'dateTime',
				default: '',
				description:
					"Calls whose status, or anything else about them, changed at or after this time: CCAI Platform's updated_at, which every change of a call moves (it has no time of the last status change alone). Sent as updated_at[from].",
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: statusOptions,
				default: [],
				description:
					'Only calls in one of these statuses. The Manager API documents no status filter, so the node reads the pages and keeps the calls in these statuses.',
			},
		],
	},
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getAll'] } },
	properties,
);

/**
 * GET /manager/api/v1/calls, page after page: one item per call, with `outcome` in front. The
 * time filters are sent to CCAI Platform and checked again on each call received, so that one the
 * service does not apply still holds; the status filter is applied here.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = limitParameter(this, itemIndex);
	const createdAfter = optionalDateTimeParameter(this, 'filters.createdAfter', 'Created After', itemIndex);
	const createdBefore = optionalDateTimeParameter(this, 'filters.createdBefore', 'Created Before', itemIndex);
	const updatedAfter = optionalDateTimeParameter(this, 'filters.statusUpdatedAfter', 'Status Updated After', itemIndex);
	if (createdAfter && createdBefore && createdAfter > createdBefore) {
		throw invalidInput(this, itemIndex, 'Created Before', `(${createdBefore.toISOString()}) is earlier than "Created After" (${createdAfter.toISOString()})`);
	}
	const statuses = statusesParameter(this, itemIndex);
	const sortBy = choice(this, itemIndex, 'options.sortBy', 'Sort By', SORT_COLUMNS, 'createdAt');
	const sortOrder = choice(this, itemIndex, 'options.sortOrder', 'Order', SORT_DIRECTIONS, 'newestFirst');

	const query: IDataObject = { sort_column: sortBy, sort_direction: sortOrder };
	if (createdAfter) query['created_at[from]'] = managerTime(createdAfter.getTime(), 'down');
	if (createdBefore) query['created_at[to]'] = managerTime(createdBefore.getTime(), 'up');
	if (updatedAfter) query['updated_at[from]'] = managerTime(updatedAfter.getTime(), 'down');

	const within = (value: unknown, from?: Date, to?: Date) => {
		if (!from && !to) return true;
		const ms = timeOf(value);
		return ms !== undefined && (!from || ms >= from.getTime()) && (!to || ms <= to.getTime());
	};
	const calls = await collectCalls(this, {
		query,
		limit,
		filtersLocally: statuses !== undefined,
		itemIndex,
		accept: (call) =>
			within(call.created_at, createdAfter, createdBefore) &&
			within(call.updated_at, updatedAfter) &&
			(statuses === undefined || statuses.has(statusValue(call.status))),
	});
	return calls.map(withOutcome);
}

function statusesParameter(context: IExecuteFunctions, itemIndex: number): Set<string> | undefined {
	const raw = context.getNodeParameter('filters.statuses', itemIndex, []) as unknown;
	if (!Array.isArray(raw) && typeof raw !== 'string') {
		throw invalidInput(context, itemIndex, 'Statuses', `must be a list of statuses, not ${shown(raw)}`);
	}
	// An expression may give a list, or the statuses as comma-separated text.
	const list: unknown[] = Array.isArray(raw) ? raw : raw.trim() === '' ? [] : raw.split(',');
	const values = list.map(statusValue);
	const unknown = values.find((value) => callStatus(value) === undefined);
	if (unknown !== undefined) {
		throw invalidInput(
			context,
			itemIndex,
			'Statuses',
			`has ${shown(unknown)}, which is not a CCAI Platform call status`,
			`The statuses are ${CALL_STATUSES.map((status) => status.option).join(', ')}.`,
		);
	}
	return values.length > 0 ? new Set(values) : undefined;
}

function choice(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
	values: Record<string, string>,
	fallback: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof raw !== 'string' || !hasOwn(values, raw)) {
		throw invalidInput(context, itemIndex, field, `${shown(raw)} is not one of ${Object.keys(values).join(', ')}`);
	}
	return values[raw];
}
