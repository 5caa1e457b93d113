import type { INodeProperties } from 'n8n-workflow';

import { idLocatorProperty, optionsProperty } from '../../shared/descriptions';
import { eventOptions, SMART_GROUP_OPTIONS, THRESHOLD_OPTIONS } from './events';

/**
 * Fields shared by the GoSquared node's operations and the GoSquared Trigger. An event's `value`
 * is asked for in the words of its event: a visitor threshold for traffic events, a Smart Group ID
 * for smart-group events, nothing for chat messages.
 */

const THRESHOLD_DESCRIPTION =
	'The number of concurrent visitors, a whole number above 0, e.g. 100. Traffic Spike fires when visitors rise above it, Traffic Dip when they fall below it.';

const SMART_GROUP_DESCRIPTION =
	'The ID of the Smart Group: the last part of its URL in GoSquared People, e.g. my-awesome-group (a pasted URL works too)';

/** The webhook an operation works on: picked from the site's webhooks, or by ID (its number, said after `description`). */
export function webhookIdProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Webhook ID',
		name: 'webhookId',
		description: `${description}: a number, e.g. 1234`,
		searchListMethod: 'searchWebhooks',
		what: 'webhook',
		example: '1234',
	});
}

/** A trigger of the chosen webhook: picked from the webhook's triggers, or by ID (its number, said after `description`). */
export function webhookTriggerIdProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Trigger ID',
		name: 'triggerId',
		description: `${description}: a number, e.g. 5678`,
		searchListMethod: 'searchWebhookTriggers',
		what: 'webhook trigger',
		example: '5678',
		dependsOn: 'webhookId.value',
	});
}

/**
 * The event to attach, and the value it needs (shown only for the events that need one). The
 * parameter is named `trigger`, as GoSquared's field, and saved so in workflows.
 */
export function eventProperties({ optional }: { optional: boolean }): INodeProperties[] {
	const options = optional
		? [
				...eventOptions.slice(0, 3),
				{
					name: 'None (Add Webhook Triggers Later)',
					value: 'none',
					description: 'Create the webhook without an event; add them with Webhook Trigger → Add',
				},
				...eventOptions.slice(3),
			]
		: eventOptions;
	return [
		{
			displayName: 'Event',
			name: 'trigger',
			type: 'options',
			options,
			default: 'chatMessage',
			required: !optional,
			description: 'What makes GoSquared call the webhook (GoSquared\'s API calls it the trigger)',
		},
		{
			displayName: 'Visitor Threshold',
			name: 'threshold',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 100,
			required: true,
			displayOptions: { show: { trigger: THRESHOLD_OPTIONS } },
			description: THRESHOLD_DESCRIPTION,
		},
		{
			displayName: 'Smart Group ID',
			name: 'smartGroupId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. my-awesome-group',
			displayOptions: { show: { trigger: SMART_GROUP_OPTIONS } },
			description: SMART_GROUP_DESCRIPTION,
		},
	];
}

export const includeUnverifiedDescription =
	'Whether GoSquared also calls the webhook for visitors it has not identified (unverified people), not only for identified ones';

export function missingAsDeletedOptions(what: 'webhook' | 'webhook trigger'): INodeProperties {
	return optionsProperty(`How a missing ${what} is treated`, [
		{
			displayName: 'Treat Missing as Deleted',
			name: 'treatMissingAsDeleted',
			type: 'boolean',
			default: false,
			description: `Whether a ${what} that no longer exists (HTTP 404) counts as done instead of failing the item. The item then comes out with "notFound": true.`,
		},
	]);
}

/** The GoSquared Trigger node's events: each with the value it needs. */
export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add event',
	default: {},
	required: true,
	description:
		'The GoSquared events that start the workflow. Add the same event again to watch another threshold or Smart Group.',
	options: [
		{
			displayName: 'Event',
			name: 'event',
			values: [
				{
					displayName: 'Event',
					name: 'type',
					type: 'options',
					options: eventOptions,
					default: 'chatMessage',
					description: 'What happened in GoSquared',
				},
				{
					displayName: 'Visitor Threshold',
					name: 'threshold',
					type: 'number',
					typeOptions: { minValue: 1, numberPrecision: 0 },
					default: 100,
					displayOptions: { show: { type: THRESHOLD_OPTIONS } },
					description: THRESHOLD_DESCRIPTION,
				},
				{
					displayName: 'Smart Group ID',
					name: 'smartGroupId',
					type: 'string',
					default: '',
					placeholder: 'e.g. my-awesome-group',
					displayOptions: { show: { type: SMART_GROUP_OPTIONS } },
					description: SMART_GROUP_DESCRIPTION,
				},
			],
		},
	],
};
