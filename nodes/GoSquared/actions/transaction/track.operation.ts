import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import {
	dateTimeParameter,
	definedOnly,
	optionalNumber,
	personIdParameter,
	personIdTextProperty,
	siteParameter,
	siteProperty,
} from '../../helpers/people';
import { track } from '../../transport';

const numberField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { numberPrecision: 2 },
	default: 0,
	description,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. order-10234',
		description: 'Your unique ID of the purchase, such as the order number. GoSquared checks it for uniqueness, so the same transaction is never counted twice.',
	},
	personIdTextProperty({ required: false, description: 'The person who made the purchase' }),
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add item',
		default: {},
		description: 'The products bought. GoSquared adds up their revenue and quantity unless the options below set the totals.',
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Annual plan', description: 'The name of the product' },
					{ displayName: 'Category', name: 'category', type: 'string', default: '', placeholder: 'e.g. Subscriptions', description: 'The category of the product' },
					{ ...numberField('price', 'Price', 'The price of one unit; 0 or empty to leave it out'), default: 0 },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1, numberPrecision: 0 }, default: 1, description: 'How many units were bought' },
					{ ...numberField('revenue', 'Revenue', 'The revenue of this line; 0 or empty for price × quantity, as GoSquared computes it'), default: 0 },
				],
			},
		],
	},
	optionsProperty('Totals, and when the purchase happened', [
		numberField('revenue', 'Total Revenue', 'The revenue of the whole transaction, when it is not the sum of the items (a discount)'),
		{
			displayName: 'Total Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'The number of units of the whole transaction, when it is not the sum of the items',
		},
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'dateTime',
			default: '',
			description: 'When the purchase happened, if not now, e.g. 2030-01-31T14:30:00Z',
		},
		{
			displayName: 'Visitor ID',
			name: 'visitorId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3f2a9c',
			description: 'The anonymous visitor ID of GoSquared\'s tracking code, to link the purchase to a visit',
		},
	]),
	siteProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['track'] } }, properties);

/**
 * POST /tracking/v1/transaction: `{ transaction: { id, items, opts: { revenue, quantity } },
 * person_id, visitor_id, timestamp }`. Never sent twice (see `track`); items with the same
 * Transaction ID go one after another, in input order.
 */
export function prepare(item: Parameters): Prepared {
	const id = item.string('transactionId', 'Transaction ID', { required: true });
	const personId = personIdParameter(item, { required: false });
	const lines = (item.value('items.item', []) as unknown[]) ?? [];
	if (!Array.isArray(lines)) throw item.fail('Items', 'must be a list of items');
	const items = lines.map((_line, index) => {
		const at = (name: string) => `items.item[${index}].${name}`;
		const label = (name: string) => `Items ${index + 1}: ${name}`;
		const name = item.string(at('name'), label('Name'), { required: true });
		const positive = (value: number | undefined) => (value ? value : undefined);
		return definedOnly({
			name,
			category: item.string(at('category'), label('Category')),
			price: positive(optionalNumber(item, at('price'), label('Price'))),
			quantity: optionalNumber(item, at('quantity'), label('Quantity'), { wholeAbove0: true }),
			revenue: positive(optionalNumber(item, at('revenue'), label('Revenue'))),
		}) as IDataObject;
	});
	const opts = definedOnly({
		revenue: optionalNumber(item, 'options.revenue', 'Total Revenue'),
		quantity: optionalNumber(item, 'options.quantity', 'Total Quantity', { wholeAbove0: true }),
	});
	const body: IDataObject = {
		transaction: { id, items, ...(opts ? { opts } : {}) },
		...definedOnly({
			person_id: personId,
			visitor_id: item.string('options.visitorId', 'Visitor ID'),
			timestamp: dateTimeParameter(item, 'options.timestamp', 'Timestamp'),
		}),
	};
	const site = siteParameter(item);
	return {
		key: id,
		async send(api) {
			return await track(api, 'transaction', body, site);
		},
	};
}
