import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import { shown } from './validation';

const MAX_PROCESSES = 100;

/**
 * A credential field for services with a rate limit: how many n8n processes send requests with the
 * credential at once. The limiter of each process then keeps to its share (see `shareOf` in
 * rateLimiter.ts), so that the processes together stay under the service's limit without talking
 * to each other, and without a runtime dependency such as Redis.
 */
export const processesSharingLimit: INodeProperties = {
	displayName: 'Processes Sharing the Rate Limit',
	name: 'rateLimitProcesses',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PROCESSES, numberPrecision: 0 },
	default: 1,
	description:
		"How many n8n processes run workflows with this credential at the same time: 1 for a single n8n, the number of workers in queue mode (plus 1 if the main instance runs executions too). Each process keeps to its share of the service's rate limit. Leave it at 1 and the processes still adapt: each one slows down when the service answers 429.",
};

/**
 * The number of processes the credential says share its limit: a whole number from 1 to 100; or,
 * for any other value, what is wrong with it (the runs and the credential test refuse it rather
 * than guess). A credential saved before the field existed has none: 1.
 */
export function processesSharing(credentials: ICredentialDataDecryptedObject): number | string {
	const raw = credentials[processesSharingLimit.name];
	if (raw === undefined || raw === null) return 1;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
	if (Number.isInteger(value) && value >= 1 && value <= MAX_PROCESSES) return value;
	return `"${processesSharingLimit.displayName}" must be a whole number from 1 to ${MAX_PROCESSES}, not ${shown(raw)}`;
}
