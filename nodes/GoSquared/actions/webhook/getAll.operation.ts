import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { getList, WEBHOOKS_PATH } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['getAll'] } },
	returnAllProperties,
);

/** One output item per webhook of the site. */
export function prepare(item: Parameters): Prepared {
	const limit = item.limit();
	return {
		async send(api) {
			return await getList(api, WEBHOOKS_PATH, limit);
		},
	};
}
