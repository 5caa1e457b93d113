import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { chatIdProperty, personIdParameter, siteParameter, siteProperty } from '../../helpers/people';
import { archiveChat } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['chat'], operation: ['archive'] } }, [
	siteProperty,
	chatIdProperty('The chat to archive'),
]);

/**
 * POST /chat/v1/chats/{chatID}/archive: the chat leaves the inbox (and comes back with the
 * person's next message). Items for the same chat go one after another, in input order.
 */
export function prepare(item: Parameters): Prepared {
	const chatId = personIdParameter(item, { name: 'chatId', field: 'Chat ID', required: true }) as string;
	const site = siteParameter(item);
	return {
		key: chatId,
		async send(api) {
			return { archived: true, chatId, ...(await archiveChat(api, chatId, site)) };
		},
	};
}
