import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, returnAllProperties, simplifyParameter } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import { isPlainObject, shown, type Parameters } from '../../../shared/validation';
import { definedOnly, siteParameter, siteProperty } from '../../helpers/people';
import { simplifiedPerson, simplifyPersonProperty } from '../../helpers/simplify';
import { getPaged, PEOPLE_PATH } from '../../transport';

const properties: INodeProperties[] = [
	siteProperty,
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'e.g. jon@example.com',
		description: 'Text to look for in people\'s profiles (name, email, …), as GoSquared People\'s search box does; empty for everyone',
	},
	...returnAllProperties,
	simplifyPersonProperty('. Options → Fields, when set, replaces it.'),
	optionsProperty('Narrow, shape and order the results', [
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'e.g. email,name,last.seen',
			description: 'The properties to return, separated by commas; empty for GoSquared\'s default',
		},
		{
			displayName: 'Filters (JSON)',
			name: 'filters',
			type: 'json',
			default: '[]',
			description: 'GoSquared\'s filters, a JSON list such as [{"key":"property","path":"email","operator":"contains","value":"example.com"}]. The filters of a Smart Group (Smart Group → Get) can be copied here.',
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: 'last.seen:desc',
			placeholder: 'e.g. last.seen:desc',
			description: 'A property, then :asc or :desc. GoSquared\'s default is last.seen:desc, the most recently seen first.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['person'], operation: ['search'] } }, properties);

/** GoSquared's page size for this node's reads of the people list (its own default is 10). */
const PAGE_SIZE = 100;
const SORT = /^[A-Za-z0-9_.]+:(asc|desc)$/;
const FIELDS = /^[A-Za-z0-9_.]+(,[A-Za-z0-9_.]+)*$/;

/**
 * GET /people/v1/people with `query`, `filters`, `fields`, `sort` and `limit=offset,count`, page
 * after page: one output item per person, simplified by default unless Fields names what to return.
 */
export function prepare(item: Parameters): Prepared {
	const sort = item.string('options.sort', 'Sort').replace(/\s+/g, '');
	if (sort && !SORT.test(sort)) throw item.fail('Sort', `must be a property followed by :asc or :desc, such as last.seen:desc, not ${shown(sort)}`);
	const fields = item.string('options.fields', 'Fields').replace(/\s+/g, '');
	if (fields && !FIELDS.test(fields)) throw item.fail('Fields', `must be property names separated by commas, such as email,name, not ${shown(fields)}`);
	const qs = definedOnly({
		query: item.string('query', 'Search Query'),
		filters: filtersParameter(item),
		fields,
		sort,
	});
	const limit = item.limit();
	const simplify = simplifyParameter(item) && !fields;
	const site = siteParameter(item);
	return {
		async send(api) {
			const people = await getPaged(api, PEOPLE_PATH, { site, qs, pageSize: PAGE_SIZE }, limit);
			return simplify ? people.map(simplifiedPerson) : people;
		},
	};
}

/** Filters (JSON): a list of filter objects (or its JSON text), sent as JSON text; undefined for none. */
function filtersParameter(item: Parameters): string | undefined {
	let value = item.value('options.filters', '[]');
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			value = JSON.parse(value);
		} catch (error) {
			throw item.fail('Filters (JSON)', `is not valid JSON (${(error as Error).message}): give a JSON list of filter objects`, 'For example [{"key":"property","path":"email","operator":"contains","value":"example.com"}].');
		}
	}
	if (!Array.isArray(value) || !value.every((entry) => isPlainObject(entry))) {
		throw item.fail('Filters (JSON)', `must be a JSON list of filter objects, not ${shown(value)}`);
	}
	return value.length ? JSON.stringify(value as IDataObject[]) : undefined;
}
