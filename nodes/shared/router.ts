import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runItems, type Batching, type Prepare } from './itemLoop';
import { Session, withMoreDescription, type ServiceDefinition } from './request';
import { hasOwn } from './validation';

/** One operation: its fields (already scoped with display options), and how it prepares an item. */
export interface Operation {
	description: INodeProperties[];
	prepare: Prepare;
	/**
	 * The operation's own concurrency, where it differs from the node's: an endpoint outside the
	 * service's rate limit (GoSquared's Tracking API) need not be held to the node's ceiling.
	 */
	batching?: Batching;
}

/**
 * A node's operations, by resource and operation value. Typing a node's map with its own
 * `{ resource: 'op1' | 'op2' }` shape makes a missing or misspelt operation a compile error.
 */
export type OperationMap<M extends Record<string, string>> = {
	[Resource in keyof M]: Record<M[Resource], Operation>;
};

/** What a node's router hands `route`: its operations, its service and its concurrency. */
export interface NodeRoutes<M extends Record<string, string>> {
	operations: OperationMap<M>;
	service: ServiceDefinition;
	batching: Batching;
}

/**
 * Picks the operation from the node's parameters, opens the run's session with the service (the
 * credential, its limiter and the Timeout option, each read once), and runs the items through the
 * item loop. Only the map's own entries count: a resource or operation named like an inherited
 * property (`constructor`, `toString`, `__proto__`), possible from workflow JSON, is unknown like
 * any other.
 */
export async function route<M extends Record<string, string>>(
	context: IExecuteFunctions,
	{ operations, service, batching }: NodeRoutes<M>,
): Promise<INodeExecutionData[][]> {
	// The fallbacks matter: n8n drops an operation that no resource shows, and would throw a bare error.
	const resource = String(context.getNodeParameter('resource', 0, ''));
	const operation = String(context.getNodeParameter('operation', 0, ''));
	const byOperation: unknown = hasOwn(operations, resource) ? operations[resource] : undefined;
	const selected =
		byOperation !== null && typeof byOperation === 'object' && hasOwn(byOperation, operation)
			? (byOperation as Record<string, Operation>)[operation]
			: undefined;
	if (!selected) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not known for the resource "${resource}"`,
		);
	}
	try {
		return [await runItems(context, selected.prepare, new Session(context, service), selected.batching ?? batching)];
	} catch (error) {
		throw withRetryOnFailWarning(context, error);
	}
}

/**
 * n8n's own Retry On Fail (the node's Settings) runs the whole node again when it fails: every
 * item, those that succeeded included, creates too. The nodes retry per request, only what is safe
 * to repeat; when the setting is on, the error says what n8n is about to do.
 */
function withRetryOnFailWarning(context: IExecuteFunctions, error: unknown): unknown {
	const node = context.getNode();
	if (!node.retryOnFail || !(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const count = context.getInputData().length;
	return withMoreDescription(
		node,
		error,
		`This node's Retry On Fail setting is on: n8n now runs all ${count} item${count === 1 ? '' : 's'} again, also those that succeeded, so what they created (incidents, calls, events) is created again. The node already retries each request where that is safe; turn Retry On Fail off, or use Continue (using error output) to handle failed items.`,
	);
}
