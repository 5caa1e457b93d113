import type { INodeProperties } from 'n8n-workflow';

import { idLocatorProperty } from '../../shared/descriptions';
import type { Parameters } from '../../shared/validation';

/**
 * The Call ID field of Call → Get and the Customer Flag operations, declared and read here: picked
 * from the account's calls (newest first, searchable), or by ID.
 */
export function callIdProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Call ID',
		name: 'callId',
		description,
		searchListMethod: 'searchCalls',
		what: 'call',
		example: '1001',
	});
}

/** The Call ID of one item: from the locator (From List, By ID), or the plain number that workflows saved before it was one (0 meant "not set"). */
export function callIdParameter(item: Parameters): number {
	return item.id('callId', 'Call ID', { zeroMeansUnset: true, resourceLocator: true, hint: 'pick a call, or give the ID of one' });
}
