import type { INodeProperties } from 'n8n-workflow';

import { idLocatorProperty } from '../../shared/resourceLocator';

/**
 * The Call ID field of Call → Get and the Customer Flag operations: picked from the account's
 * calls (newest first, searchable), or by ID. Read with `callIdParameter`.
 */
export function callIdProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Call ID',
		name: 'callId',
		description,
		searchListMethod: 'searchCalls',
		what: 'call',
		placeholder: '1001',
	});
}
