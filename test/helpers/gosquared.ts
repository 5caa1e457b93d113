import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_KEYS, SITES } from '../../sandbox/gosquared';
import type { Sandbox } from './sandbox';

export { DEFAULT_KEYS as KEYS, SITES };

/** A GoSquared credential pointing at the sandbox: the write key on the main site by default. */
export function goSquaredCredentials(
	sandbox: Pick<Sandbox, 'baseUrls'>,
	{
		apiKey = DEFAULT_KEYS.write,
		siteToken = SITES.main,
		apiUrl = sandbox.baseUrls.gosquared,
	}: { apiKey?: string; siteToken?: string; apiUrl?: string } = {},
): Record<string, ICredentialDataDecryptedObject> {
	return { goSquaredApi: { apiKey, siteToken, apiUrl } };
}

/** The sample deliveries of shared/api/NOTES.md, exactly as given there (trimmed by the vendor). */
export const SAMPLE_DELIVERIES = {
	chat_message: {
		message: {
			id: 'kjh2riu4rg3874h4',
			from: 'client',
			person_id: 'email:user@example.com',
			content: 'Hey there...',
			timestamp: 1464874471279,
			html_content: '...',
			translated: {},
			email: { subject: '...' },
		},
		person: {
			id: 'w198...',
			email: 'ben@example.com',
			name: 'Ben White',
			avatar: 'https://...',
			presence: 'online',
		},
	},
	entered_smart_group: {
		group: { id: 'my-awesome-group', name: 'My Awesome Group' },
		boundary: 'enter',
		person: { id: '123456', email: '...', name: '...', smart_groups: ['my-awesome-group'], last: {}, totals: {} },
	},
	exited_smart_group: {
		group: { id: 'my-awesome-group', name: 'My Awesome Group' },
		boundary: 'exit',
		person: { id: '123456', email: '...', name: '...', smart_groups: ['my-awesome-group'], last: {}, totals: {} },
	},
	traffic_spike: {
		triggeredAlert: { id: 25764, boundary: 'upper', value: '45', type: 'concurrents' },
		siteDetails: { acct: 'GSN-123456-A', site_name: '...', domain: '...', timezone: 'Europe/London' },
		snapshot: {},
		concurrents: 44,
	},
	traffic_dip: {
		triggeredAlert: { id: 25764, boundary: 'lower', value: '45', type: 'concurrents' },
		siteDetails: { acct: 'GSN-123456-A', site_name: '...', domain: '...', timezone: 'Europe/London' },
		snapshot: {},
		concurrents: 44,
	},
} as const;

/** The sandbox's people, Smart Groups, chats and tracked data of a site (the main site by default). */
export function siteData(sandbox: Sandbox, site: string = SITES.main) {
	return sandbox.services.gosquared.data.site(site);
}

/** A resource locator's value given By ID, as a workflow saves it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
