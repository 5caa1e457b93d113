import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { personIdLocatorProperty, personIdParameter, siteParameter, siteProperty } from '../../helpers/people';
import { getObject, personPath } from '../../transport';

const properties: INodeProperties[] = [siteProperty, personIdLocatorProperty('The person to get')];

export const description = updateDisplayOptions({ show: { resource: ['person'], operation: ['get'] } }, properties);

/** GET /people/v1/people/{personID}/details: the person's profile, with their properties. */
export function prepare(item: Parameters): Prepared {
	const personId = personIdParameter(item, { required: true }) as string;
	const site = siteParameter(item);
	return {
		async send(api) {
			return await getObject(api, personPath(personId), site);
		},
	};
}
