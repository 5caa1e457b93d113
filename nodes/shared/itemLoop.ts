import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { nodeErrorOf, type Api, type Session } from './request';
import { Parameters, shown } from './validation';

/**
 * One item, ready to go: every parameter was read and checked. Only now can anything be sent
 * for it, and only through `send`, which is handed the item's requests (`Api`).
 */
export interface Prepared {
	/**
	 * Items with the same key are sent one after another, in input order, each once the one before
	 * it has its answer (an incident's correlation value, a call, a webhook); undefined: no order.
	 */
	key?: string;
	/** Sends the item's request(s); what it resolves to is the item's output (one item, or several). */
	send(api: Api): Promise<IDataObject | IDataObject[]>;
}

/**
 * What an operation does with one item: reads and checks all its parameters, and sends nothing.
 * It throws the named-field error of the first bad parameter.
 */
export type Prepare = (item: Parameters, context: IExecuteFunctions) => Prepared;

/** A node's concurrency: its default, and its ceiling where the service has a rate limit. */
export interface Batching {
	/** Items in flight at once when Request Options → Concurrency is not set. */
	defaultConcurrency: number;
	/** The most that option may ask for; undefined where the service sets no limit. */
	maxConcurrency?: number;
}

type NodeError = NodeApiError | NodeOperationError;

/**
 * The one item loop of every action node in this package. Each input item goes through two steps:
 * `prepare` (synchronous: the Timeout option and the operation's parameters, read and checked),
 * then `send`. Items are prepared one at a time, in input order, and only a prepared item can be
 * sent, so nothing is ever sent for an item that is not fully checked, nor for any item after one
 * that failed its checks (unless the node continues on fail). At most `concurrency` items are in
 * flight; the output comes in input order, each item linked to its input (`pairedItem`).
 *
 * Order: items that share a key are sent one after another in input order; the others
 * concurrently. To keep the slots busy, the loop prepares past items whose key is busy (they wait
 * for their turn), so an item may start before earlier items of other keys.
 *
 * Failures: with continue on fail, a failure becomes an error item linked to its input, and every
 * other item still runs. Otherwise:
 * - an item that fails its checks is a barrier: nothing after it is prepared, so nothing after it
 *   is ever sent; the items before it still go (as when items run one after another), then the
 *   node fails with that item's error, unless an earlier item failed first;
 * - an item whose request fails stops the loop: the items in flight finish, no other item starts,
 *   and the error of the first failed item in input order is thrown.
 */
export async function runItems(
	context: IExecuteFunctions,
	prepare: Prepare,
	session: Session,
	batching: Batching,
): Promise<INodeExecutionData[]> {
	const count = context.getInputData().length;
	if (count === 0) return [];
	const concurrency = Math.min(concurrencyOption(context, batching), count);
	const continueOnFail = context.continueOnFail();
	const results: INodeExecutionData[][] = new Array(count);

	let failure: { itemIndex: number; error: NodeError } | undefined;
	/**
	 * An item failed: with continue on fail, an error item; otherwise the node fails, with the first
	 * failure in input order. True when the failure stops the loop.
	 */
	const failed = (itemIndex: number, caught: unknown): boolean => {
		const error = nodeErrorOf(context.getNode(), caught, itemIndex);
		if (continueOnFail) {
			results[itemIndex] = errorItem(error, itemIndex);
			return false;
		}
		if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error };
		return true;
	};
	/** The next item to prepare, in input order; preparing stops at `count` or at a bad item. */
	let next = 0;
	let barrier = false;
	/** Prepared items that may start now, in the order they became startable. */
	const ready: Array<[number, Prepared, number]> = [];
	/** Per key with an item in flight, the prepared items of that key waiting for it, in input order. */
	const waiting = new Map<string, Array<[number, Prepared, number]>>();
	let inFlight = 0;
	/** An item's request failed, and the node does not continue on fail: nothing else starts. */
	let stopped = false;

	/** Prepares the next item; true when there was one to prepare. */
	const prepareNext = (): boolean => {
		if (barrier || next >= count) return false;
		const itemIndex = next++;
		const parameters = Parameters.ofItem(context, itemIndex);
		let prepared: Prepared;
		let timeout: number;
		try {
			timeout = session.timeout(parameters);
			prepared = prepare(parameters, context);
		} catch (caught) {
			barrier = failed(itemIndex, caught);
			return true;
		}
		const { key } = prepared;
		if (key === undefined) {
			ready.push([itemIndex, prepared, timeout]);
		} else if (waiting.has(key)) {
			waiting.get(key)?.push([itemIndex, prepared, timeout]);
		} else {
			waiting.set(key, []);
			ready.push([itemIndex, prepared, timeout]);
		}
		return true;
	};

	/** The item before it of the same key is done: the next of that key may start. */
	const release = (key: string) => {
		const queue = waiting.get(key);
		const following = queue?.shift();
		if (following) ready.push(following);
		else waiting.delete(key);
	};

	let finished: () => void = () => {};
	const done = new Promise<void>((resolve) => (finished = resolve));

	const run = async ([itemIndex, prepared, timeout]: [number, Prepared, number]) => {
		try {
			const data = await prepared.send(session.forItem(itemIndex, timeout));
			results[itemIndex] = context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
		} catch (caught) {
			if (failed(itemIndex, caught)) stopped = true;
		}
		inFlight--;
		if (prepared.key !== undefined) release(prepared.key);
		pump();
	};

	/** Starts prepared items while slots are free, preparing more as needed. */
	const pump = () => {
		while (inFlight < concurrency && !stopped) {
			if (ready.length === 0 && !prepareNext()) break;
			const item = ready.shift();
			if (!item) continue;
			inFlight++;
			void run(item);
		}
		if (inFlight === 0) finished();
	};

	pump();
	await done;
	if (failure) throw failure.error;
	return results.flat();
}

function concurrencyOption(context: IExecuteFunctions, batching: Batching): number {
	const value = context.getNodeParameter('requestOptions.concurrency', 0, batching.defaultConcurrency) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(context.getNode(), `"Batching: Concurrency" must be a whole number of at least 1, not ${shown(value)}`, {
			description: 'Request Options → Batching: Concurrency sets how many items are sent at the same time.',
		});
	}
	return batching.maxConcurrency === undefined ? value : Math.min(value, batching.maxConcurrency);
}

/** The output of a failed item when the node continues on fail. */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData[] {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.itemIndex = error.context.itemIndex as number;
	return [{ json, pairedItem: { item: itemIndex } }];
}
