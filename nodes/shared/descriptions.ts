import type { INodeProperties } from 'n8n-workflow';

import type { Batching } from './itemLoop';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './request';

/**
 * The node-wide "Request Options" every action node shows last. The item loop reads
 * `requestOptions.concurrency` (with the node's `batching`, which its router passes to the loop
 * too), the request layer `requestOptions.timeout`. `concurrencyNote` says what is kept in order
 * and what limits the service sets.
 */
export function requestOptionsProperty({
	service,
	batching,
	concurrencyNote,
}: {
	service: string;
	batching: Batching;
	concurrencyNote: string;
}): INodeProperties {
	const { defaultConcurrency, maxConcurrency } = batching;
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
				typeOptions:
					maxConcurrency === undefined
						? { minValue: 1, numberPrecision: 0 }
						: { minValue: 1, maxValue: maxConcurrency, numberPrecision: 0 },
				default: defaultConcurrency,
				description: `How many input items are sent to ${service} at the same time${maxConcurrency === undefined ? '' : ` (at most ${maxConcurrency})`}. ${concurrencyNote} 1 sends every item one after another, in input order. Output order always follows input order.`,
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
