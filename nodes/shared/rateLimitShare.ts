import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

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
	typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
	default: 1,
	description:
		"How many n8n processes run workflows with this credential at the same time: 1 for a single n8n, the number of workers in queue mode (plus 1 if the main instance runs executions too). Each process keeps to its share of the service's rate limit. Leave it at 1 and the processes still adapt: each one slows down when the service answers 429.",
};

/** The number of processes the credential says share its limit: a whole number from 1. */
export function processesSharing(credentials: ICredentialDataDecryptedObject): number {
	const value = Number(credentials[processesSharingLimit.name] ?? 1);
	return Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), 100) : 1;
}
