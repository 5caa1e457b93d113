import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyParameter } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { personIdLocatorProperty, personIdParameter, siteParameter, siteProperty } from '../../helpers/people';
import { simplifiedPerson, simplifyPersonProperty } from '../../helpers/simplify';
import { getObject, personPath } from '../../transport';

const properties: INodeProperties[] = [siteProperty, personIdLocatorProperty('The person to get'), simplifyPersonProperty()];

export const description = updateDisplayOptions({ show: { resource: ['person'], operation: ['get'] } }, properties);

/** GET /people/v1/people/{personID}/details: the person's profile (simplified by default). */
export function prepare(item: Parameters): Prepared {
	const personId = personIdParameter(item, { required: true }) as string;
	const site = siteParameter(item);
	const simplify = simplifyParameter(item);
	return {
		async send(api) {
			const person = await getObject(api, personPath(personId), site);
			return simplify ? simplifiedPerson(person) : person;
		},
	};
}
