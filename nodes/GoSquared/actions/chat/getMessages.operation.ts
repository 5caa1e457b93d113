import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, returnAllProperties } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { chatIdProperty, chatRangeOptions, chatRangeParameters, personIdParameter, siteParameter, siteProperty } from '../../helpers/people';
import { chatPath, getPaged } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['chat'], operation: ['getMessages'] } }, [
	siteProperty,
	chatIdProperty('The chat whose messages to get'),
	...returnAllProperties,
	optionsProperty('Which messages to get', chatRangeOptions),
]);

/** GoSquared documents no maximum for the feed; this node reads 100 at a time. */
const PAGE_SIZE = 100;

/** GET /chat/v1/chats/{chatID}/feed: one output item per message or event of the conversation. */
export function prepare(item: Parameters): Prepared {
	const chatId = personIdParameter(item, { name: 'chatId', field: 'Chat ID', required: true }) as string;
	const limit = item.limit();
	const qs = chatRangeParameters(item);
	const site = siteParameter(item);
	return {
		async send(api) {
			return await getPaged(api, `${chatPath(chatId)}/feed`, { site, qs, pageSize: PAGE_SIZE }, limit);
		},
	};
}
