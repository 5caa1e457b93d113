import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_KEYS, SITES } from '../../sandbox/gosquared';
import type { Sandbox } from './sandbox';

export { DEFAULT_KEYS as KEYS, SITES };

/** A GoSquared credential pointing at the sandbox: the write key on the main site by default. */
export function goSquaredCredentials(
	sandbox: { baseUrls: Pick<Sandbox['baseUrls'], 'gosquared'> },
	{
		apiKey = DEFAULT_KEYS.write,
		siteToken = SITES.main,
		apiUrl = sandbox.baseUrls.gosquared,
	}: { apiKey?: string; siteToken?: string; apiUrl?: string } = {},
): Record<string, ICredentialDataDecryptedObject> {
	return { goSquaredApi: { apiKey, siteToken, apiUrl } };
}

/**
 * Webhooks and their triggers made directly in the sandbox, as if created earlier in GoSquared, for
 * the operation tests that read, list or delete them.
 */
export function seeding(sandbox: { readonly current: Sandbox }) {
	const gosquared = () => sandbox.current.services.gosquared;

	/** Webhooks made directly in the sandbox, as if created earlier in GoSquared. */
	function seedWebhooks(count: number, site = SITES.main) {
		return Array.from({ length: count }, (_, index) => {
			const webhook = {
				id: ++gosquared().webhookSeq,
				site,
				name: `Hook ${index + 1}`,
				url: `https://hooks.example.com/${index + 1}`,
				include_unverified: false,
				created: '2026-01-01T00:00:00.000Z',
			};
			gosquared().webhooks.push(webhook);
			return webhook;
		});
	}

	function seedTrigger(webhookId: number, trigger: 'traffic_spike' | 'chat_message' | 'entered_smart_group', value: string | number) {
		const created = { id: ++gosquared().triggerSeq, webhookId, trigger, value, created: '2026-01-01T00:00:00.000Z' };
		gosquared().triggers.push(created);
		return created;
	}

	return { seedWebhooks, seedTrigger };
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

/**
 * A full People profile: the fields of the person in the Smart Group delivery sampled in tray.io's
 * GoSquared connector (entered_smart_group_init/response.sample.json), many nested, with
 * Identify's first_name, last_name and custom; the values are made up. The sandbox's seeded people
 * have only a few fields.
 */
export function richProfile(id: string) {
	const email = id.replace(/^email:/, '');
	return {
		id,
		email,
		name: 'Ada Lovelace',
		first_name: 'Ada',
		last_name: 'Lovelace',
		phone: '+44 20 7946 0000',
		description: 'Analyst at Analytical Engines',
		avatar: 'https://avatars.example.com/ada.png',
		avatar_secure: 'https://avatars.example.com/ada.png',
		created_at: '2029-05-09T19:54:25.000Z',
		online: true,
		smart_groups: ['pro-customers'],
		company: { name: 'Analytical Engines', position: 'Analyst', size: 12 },
		custom: { plan: 'pro', seats: 5 },
		totals: { visits: 581, pageviews: 11105, time_on_site: 954643049 },
		first: { seen: '2029-05-09T12:07:34.561Z', referrer: { domain: 'search.example.com', type: 'search' } },
		last: { seen: '2030-01-03T10:00:00.000Z', ip: '192.0.2.10', location: { city: 'London', country: { code: 'GB', name: 'United Kingdom' } } },
		events: { last: 1893664800000 },
		social: { profiles: [{ type: 'github', url: 'https://github.example.com/ada' }] },
	};
}
