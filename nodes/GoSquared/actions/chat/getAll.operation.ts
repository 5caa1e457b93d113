import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, returnAllProperties } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { chatRangeOptions, chatRangeParameters, siteParameter, siteProperty } from '../../helpers/people';
import { CHATS_PATH, getPaged } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['chat'], operation: ['getAll'] } }, [
	siteProperty,
	...returnAllProperties,
	optionsProperty('Which chats to list', chatRangeOptions),
]);

/** GoSquared returns at most 250 chats per request. */
const PAGE_SIZE = 250;

/** GET /chat/v1/chats (the active chats), 250 at a time: one output item per chat. */
export function prepare(item: Parameters): Prepared {
	const limit = item.limit();
	const qs = chatRangeParameters(item);
	const site = siteParameter(item);
	return {
		async send(api) {
			return await getPaged(api, CHATS_PATH, { site, qs, pageSize: PAGE_SIZE }, limit);
		},
	};
}
