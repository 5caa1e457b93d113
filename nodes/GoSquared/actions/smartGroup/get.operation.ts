import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { siteParameter, siteProperty, smartGroupIdParameter, smartGroupIdProperty } from '../../helpers/people';
import { getObject, smartGroupPath } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['smartGroup'], operation: ['get'] } }, [
	siteProperty,
	smartGroupIdProperty,
]);

/** GET /people/v1/smartgroups/{groupID}: the Smart Group, with its filters. */
export function prepare(item: Parameters): Prepared {
	const groupId = smartGroupIdParameter(item);
	const site = siteParameter(item);
	return {
		async send(api) {
			return await getObject(api, smartGroupPath(groupId), site);
		},
	};
}
