import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Session } from '../../shared/request';
import { searchResults } from '../../shared/resourceLocator';
import { isId } from '../../shared/validation';
import { EVENT_TYPES } from '../helpers/events';
import { goSquaredRequest, goSquaredService, listOf, WEBHOOKS_PATH, webhookTriggersPath } from '../transport';

/**
 * The lists behind the GoSquared node's pickers (resource locators). They go through the same
 * request layer as the operations: the credential's keys, redaction, the shared rate limit.
 * GoSquared's lists are not paged, so each search reads one list and filters it here.
 */

/** The site's webhooks, by name (or address) and ID. */
export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = new Session(this, goSquaredService).api();
	const webhooks = listOf(api, await goSquaredRequest(api, 'GET', WEBHOOKS_PATH));
	return searchResults(
		webhooks.filter((webhook) => isId(webhook.id)).map((webhook) => ({ name: `${webhookLabel(webhook)} (${String(webhook.id)})`, value: String(webhook.id) })),
		filter,
	);
}

/** The triggers of the webhook picked in "Webhook ID"; none until one is picked. */
export async function searchWebhookTriggers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const webhookId = String(this.getCurrentNodeParameter('webhookId', { extractValue: true }) ?? '').trim();
	if (!isId(webhookId)) return { results: [] };
	const api = new Session(this, goSquaredService).api();
	const triggers = listOf(api, await goSquaredRequest(api, 'GET', webhookTriggersPath(Number(webhookId))));
	return searchResults(
		triggers.filter((trigger) => isId(trigger.id)).map((trigger) => ({ name: `${triggerLabel(trigger)} (${String(trigger.id)})`, value: String(trigger.id) })),
		filter,
	);
}

/**
 * The webhook's name, else its address without the query string: the GoSquared Trigger's
 * webhooks carry their secret there, and a list in the editor is no place for it.
 */
function webhookLabel(webhook: IDataObject): string {
	const name = typeof webhook.name === 'string' ? webhook.name.trim() : '';
	if (name) return name;
	const url = typeof webhook.url === 'string' ? webhook.url.replace(/[?#].*$/, '') : '';
	return url || 'Webhook';
}

/** "Traffic Dip: 50", "Entered Smart Group: my-group", "Chat Message". */
function triggerLabel(trigger: IDataObject): string {
	const known = EVENT_TYPES.find((eventType) => eventType.api === trigger.trigger);
	const name = known?.name ?? String(trigger.trigger ?? 'Trigger');
	const value = trigger.value;
	return value === undefined || value === null || value === '' ? name : `${name}: ${String(value)}`;
}
