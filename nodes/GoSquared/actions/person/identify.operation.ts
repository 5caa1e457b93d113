import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import {
	dateTimeParameter,
	definedOnly,
	optionalNumber,
	pairsProperty,
	personIdParameter,
	personIdTextProperty,
	siteParameter,
	siteProperty,
} from '../../helpers/people';
import { track } from '../../transport';

/** GoSquared's special properties: the field's name, its label, and GoSquared's name. */
const TEXT_PROPERTIES: Array<[name: string, label: string, api: string, placeholder: string, description: string]> = [
	['email', 'Email', 'email', 'jon@example.com', 'The person\'s email address'],
	['name', 'Name', 'name', 'Jon Smith', 'The full name (GoSquared derives it from First Name and Last Name when it is not set)'],
	['firstName', 'First Name', 'first_name', 'Jon', 'The first name'],
	['lastName', 'Last Name', 'last_name', 'Smith', 'The last name'],
	['username', 'Username', 'username', 'jonsmith', 'The person\'s username'],
	['phone', 'Phone', 'phone', '+447901229693', 'The phone number'],
	['description', 'Description', 'description', 'Customer since 2021', 'A short description of the person'],
	['avatar', 'Avatar URL', 'avatar', 'https://example.com/jon.png', 'The address of a picture of the person'],
];
const COMPANY_PROPERTIES: Array<[name: string, label: string, api: string, placeholder: string, description: string]> = [
	['companyName', 'Company Name', 'name', 'Acme', 'The name of the person\'s company'],
	['companyIndustry', 'Company Industry', 'industry', 'Retail', 'The company\'s industry'],
	['companyPosition', 'Company Position', 'position', 'Head of Support', 'The person\'s position at the company'],
];

const textProperty = ([name, displayName, , placeholder, description]: (typeof TEXT_PROPERTIES)[number]): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: `e.g. ${placeholder}`,
	description,
});

const properties: INodeProperties[] = [
	personIdTextProperty({ required: true, description: 'The person to create or update' }),
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'collection',
		placeholder: 'Add property',
		default: {},
		description: 'GoSquared\'s own properties of a person; only those you add are changed',
		options: ([
			...[...TEXT_PROPERTIES, ...COMPANY_PROPERTIES].map(textProperty),
			{
				displayName: 'Company Size',
				name: 'companySize',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1,
				description: 'How many people work at the company',
			},
			{
				displayName: 'Created At',
				name: 'createdAt',
				type: 'dateTime',
				default: '',
				description: 'When the person signed up with you, e.g. 2030-01-31T14:30:00Z',
			},
		] satisfies INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	pairsProperty({
		displayName: 'Custom Properties',
		name: 'customProperties',
		description: 'Properties of your own, as name/value pairs, e.g. last_support_call. A GoSquared project keeps up to 1,000 property names; past that, GoSquared ignores new names.',
		entry: 'property',
		examples: ['last_support_call', '2030-01-31T14:30:00Z'],
	}),
	siteProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['person'], operation: ['identify'] } }, properties);

/**
 * POST /tracking/v1/identify: `{ person_id, properties: { email, name, …, company: {…}, custom: {…} } }`.
 * A Person ID given as an email is also the person's Email unless that is set. Never sent twice
 * (see `track`); items for the same person go one after another, in input order, so the last
 * item's properties are the ones that stay.
 */
export function prepare(item: Parameters): Prepared {
	const personId = personIdParameter(item, { required: true }) as string;
	const text = (name: string, label: string) => item.string(`properties.${name}`, label);
	const props: IDataObject = {};
	for (const [name, label, api] of TEXT_PROPERTIES) props[api] = text(name, label);
	if (!props.email && personId.startsWith('email:')) props.email = personId.slice('email:'.length);
	props.created_at = dateTimeParameter(item, 'properties.createdAt', 'Created At');
	const company: IDataObject = {};
	for (const [name, label, api] of COMPANY_PROPERTIES) company[api] = text(name, label);
	company.size = optionalNumber(item, 'properties.companySize', 'Company Size', { wholeAbove0: true });
	props.company = definedOnly(company);
	const custom = item.keyValues('customProperties', 'Custom Properties');
	if (Object.keys(custom).length) props.custom = custom;
	const body: IDataObject = { person_id: personId, properties: definedOnly(props) ?? {} };
	const site = siteParameter(item);
	return {
		key: personId,
		async send(api) {
			return await track(api, 'identify', body, site);
		},
	};
}
