import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './request';
import { MAX_CONCURRENCY } from './itemLoop';

/**
 * The node-wide "Request Options" every action node shows last. The item loop reads
 * `requestOptions.concurrency`, the request layer `requestOptions.timeout`.
 */
export function requestOptionsProperty({
	service,
	concurrency,
	concurrencyNote,
}: {
	service: string;
	concurrency: number;
	concurrencyNote: string;
}): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: `How many items are sent at once, and how long to wait for ${service}`,
		options: [
			{
				displayName: 'Batching: Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
				default: concurrency,
				description: `How many input items are sent to ${service} at the same time. 1 sends them one after another, in input order. Output order always follows input order. ${concurrencyNote}`,
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS, numberPrecision: 0 },
				default: DEFAULT_TIMEOUT_MS,
				description: `Milliseconds to wait for ${service} to answer a request before the item fails, at most ${MAX_TIMEOUT_MS} (10 minutes)`,
			},
		],
	};
}

/** An operation's "Options" collection: settings most people leave alone. */
export function optionsProperty(description: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description,
		options,
	};
}
