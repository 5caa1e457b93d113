import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { siteParameter, siteProperty } from '../../helpers/people';
import { getList, SMART_GROUPS_PATH } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['smartGroup'], operation: ['getAll'] } }, [
	siteProperty,
	...returnAllProperties,
]);

/** GET /people/v1/smartgroups: one output item per Smart Group of the site, with its filters. */
export function prepare(item: Parameters): Prepared {
	const limit = item.limit();
	const site = siteParameter(item);
	return {
		async send(api) {
			return await getList(api, SMART_GROUPS_PATH, limit, site);
		},
	};
}
