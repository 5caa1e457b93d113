import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { eventProperties, includeUnverifiedDescription } from '../../helpers/descriptions';
import { eventParameters } from '../../helpers/parameters';
import { goSquaredRequest, objectOf, WEBHOOKS_PATH } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/hooks/gosquared',
		description:
			'The http(s) address GoSquared posts the events to. GoSquared does not sign its calls: put a secret of your own in the URL to know they are genuine.',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Traffic alerts to Slack',
		description: 'A name that tells the webhook apart in GoSquared',
	},
	...eventProperties({ optional: true }),
	{
		displayName: 'Include Unverified',
		name: 'includeUnverified',
		type: 'boolean',
		default: false,
		description: includeUnverifiedDescription,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['create'] } },
	properties,
);

/** POST /account/v1/webhooks; GoSquared answers with the new webhook and its ID. */
export function prepare(item: Parameters): Prepared {
	const url = item.string('url', 'URL', { required: true });
	if (!isHttpUrl(url)) {
		throw item.fail(
			'URL',
			`must be an http or https URL, not "${url.slice(0, 80)}"`,
			'GoSquared can only call http(s) addresses, for example https://example.com/hooks/gosquared.',
		);
	}
	const body: IDataObject = { url };
	const name = item.string('name', 'Name');
	if (name) body.name = name;
	const event = eventParameters(item, { optional: true });
	if (event) Object.assign(body, event);
	body.include_unverified = item.boolean('includeUnverified', 'Include Unverified');
	return {
		async send(api) {
			return objectOf(api, await goSquaredRequest(api, 'POST', WEBHOOKS_PATH, body));
		},
	};
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}
