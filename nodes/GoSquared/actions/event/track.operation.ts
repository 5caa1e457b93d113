import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import {
	dateTimeParameter,
	definedOnly,
	pairsProperty,
	personIdParameter,
	personIdTextProperty,
	siteParameter,
	siteProperty,
} from '../../helpers/people';
import { track } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Support call finished',
		description: 'What happened. GoSquared groups events by name in its Trends dashboard, so keep names few and stable, and put the details in Event Data.',
	},
	personIdTextProperty({ required: false, description: 'The person the event happened to; empty for an event of nobody in particular' }),
	pairsProperty({
		displayName: 'Event Data',
		name: 'eventData',
		description: 'Details of the event, as name/value pairs. GoSquared shows them on the person\'s profile in People.',
		entry: 'field',
		examples: ['outcome', 'finished'],
	}),
	optionsProperty('Where and when the event happened', [
		{
			displayName: 'Page Title',
			name: 'pageTitle',
			type: 'string',
			default: '',
			placeholder: 'e.g. Checkout',
			description: 'The title of the page the event happened on',
		},
		{
			displayName: 'Page URL',
			name: 'pageUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://shop.example.com/checkout',
			description: 'The address of the page the event happened on',
		},
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'dateTime',
			default: '',
			description: 'When the event happened, if not now, e.g. 2030-01-31T14:30:00Z',
		},
		{
			displayName: 'Visitor ID',
			name: 'visitorId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3f2a9c',
			description: 'The anonymous visitor ID of GoSquared\'s tracking code, to link the event to a visit',
		},
	]),
	siteProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['track'] } }, properties);

/**
 * POST /tracking/v1/event: `{ event: { name, data }, person_id, visitor_id, timestamp, page }`.
 * Never sent twice (see `track`); events have no order to keep, so items go concurrently.
 */
export function prepare(item: Parameters): Prepared {
	const name = item.string('eventName', 'Event Name', { required: true });
	const personId = personIdParameter(item, { required: false });
	const data = item.keyValues('eventData', 'Event Data');
	const body: IDataObject = {
		event: { name, data },
		...definedOnly({
			person_id: personId,
			visitor_id: item.string('options.visitorId', 'Visitor ID'),
			timestamp: dateTimeParameter(item, 'options.timestamp', 'Timestamp'),
			page: definedOnly({ url: item.string('options.pageUrl', 'Page URL'), title: item.string('options.pageTitle', 'Page Title') }),
		}),
	};
	const site = siteParameter(item);
	return {
		async send(api) {
			return await track(api, 'event', body, site);
		},
	};
}
