import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Session } from '../../shared/request';
import { searchResults } from '../../shared/resourceLocator';
import { isId, isPlainObject } from '../../shared/validation';
import { EVENT_TYPES } from '../helpers/events';
import {
	CHATS_PATH,
	getList,
	getPaged,
	getSites,
	goSquaredRequest,
	goSquaredService,
	listOf,
	PEOPLE_PATH,
	SMART_GROUPS_PATH,
	WEBHOOKS_PATH,
	webhookTriggersPath,
} from '../transport';

/**
 * The lists behind the GoSquared node's pickers (resource locators). They go through the same
 * request layer as the operations: the credential's keys, redaction, the shared rate limit.
 * GoSquared's account lists are not paged, so each search reads one list and filters it here;
 * people are searched by GoSquared itself. The lists of people, Smart Groups and chats are those
 * of the node's Site (empty: the credential's).
 */

/** The account's sites (projects), by name and domain; the value is the site token. */
export async function searchSites(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = new Session(this, goSquaredService).api();
	const sites = (await getSites(api)).filter((site) => typeof site.site_token === 'string' && site.site_token !== '');
	return searchResults(
		sites.map((site) => ({ name: `${label(site.name, 'Site')}${site.domain ? ` (${String(site.domain)})` : ''} · ${String(site.site_token)}`, value: String(site.site_token) })),
		filter,
	);
}

/** People whose profile matches the search text (GoSquared's search), most recently seen first. */
export async function searchPeople(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = new Session(this, goSquaredService).api();
	const query = (filter ?? '').trim();
	const people = await getPaged(api, PEOPLE_PATH, { site: chosenSite(this), qs: query ? { query } : {}, pageSize: PICKER_SIZE }, PICKER_SIZE);
	return {
		results: people
			.filter((person) => typeof person.id === 'string' && person.id !== '')
			.map((person) => ({ name: personLabel(person), value: String(person.id) })),
	};
}

/** The site's Smart Groups, by name and ID. */
export async function searchSmartGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = new Session(this, goSquaredService).api();
	const groups = await getList(api, SMART_GROUPS_PATH, undefined, chosenSite(this));
	return searchResults(
		groups.filter((group) => typeof group.id === 'string' && group.id !== '').map((group) => ({ name: `${label(group.name, String(group.id))} (${String(group.id)})`, value: String(group.id) })),
		filter,
	);
}

/** The site's active chats (the first 250), by the person's name or email, and ID. */
export async function searchChats(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = new Session(this, goSquaredService).api();
	const chats = await getPaged(api, CHATS_PATH, { site: chosenSite(this), pageSize: 250 }, 250);
	return searchResults(
		chats.filter((chat) => typeof chat.id === 'string' && chat.id !== '').map((chat) => ({ name: personLabel({ ...(isPlainObject(chat.person) ? chat.person : {}), id: chat.id }), value: String(chat.id) })),
		filter,
	);
}

/** People shown per search in the Person ID picker. */
const PICKER_SIZE = 50;

/** The node's Site, as the pickers of people, Smart Groups and chats use it (undefined: the credential's). */
function chosenSite(context: ILoadOptionsFunctions): string | undefined {
	const raw = context.getCurrentNodeParameter('site', { extractValue: true });
	const site = typeof raw === 'string' ? raw.trim() : '';
	return site || undefined;
}

const label = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim() : fallback);

/** "Jon Smith <jon@example.com> (email:jon@example.com)", or the parts there are. */
function personLabel(person: IDataObject): string {
	const name = label(person.name, '');
	const email = label(person.email, '');
	const who = [name, email && `<${email}>`].filter(Boolean).join(' ');
	return who ? `${who} (${String(person.id)})` : String(person.id);
}

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
