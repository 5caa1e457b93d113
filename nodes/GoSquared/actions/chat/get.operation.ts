import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { chatIdProperty, personIdParameter, siteParameter, siteProperty } from '../../helpers/people';
import { chatPath, getObject } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['chat'], operation: ['get'] } }, [
	siteProperty,
	chatIdProperty('The chat to get'),
]);

/** GET /chat/v1/chats/{chatID}. */
export function prepare(item: Parameters): Prepared {
	const chatId = personIdParameter(item, { name: 'chatId', field: 'Chat ID', required: true }) as string;
	const site = siteParameter(item);
	return {
		async send(api) {
			return await getObject(api, chatPath(chatId), site);
		},
	};
}
