import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { shown } from './validation';

/** What one operation makes of one input item: one output item, or several (e.g. a list). */
export type ItemHandler = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * What orders an item: items with the same key are sent one after another, in input order, each
 * once the one before it has its answer; items without a key (undefined) need no order. It is
 * computed from the item's parameters before anything is sent for it, and must send nothing; a
 * bad parameter throws the same named-field error the operation would.
 */
export type ItemKey = (this: IExecuteFunctions, itemIndex: number) => string | undefined;

/** A node's concurrency: its default, and its ceiling where the service has a rate limit. */
export interface Batching {
	/** Items in flight at once when Request Options → Concurrency is not set. */
	defaultConcurrency: number;
	/** The most that option may ask for; undefined where the service sets no limit. */
	maxConcurrency?: number;
}

type NodeError = NodeApiError | NodeOperationError;

/**
 * The one item loop of every node in this package. It runs `handler` for each input item with at
 * most `concurrency` items in flight, and returns the output in input order, each output item
 * linked to its input (`pairedItem`).
 *
 * Order: with a `key`, items that share a key run one after another in input order; the others run
 * concurrently. To keep the slots busy the loop looks ahead past items whose key is busy, so an
 * item may start before earlier items of other keys; and while the slots are busy it computes the
 * keys of the next items, which prepares them. Without a key every item is independent.
 *
 * Failures: with continue on fail, a failure becomes an error item linked to its input, and
 * every other item still runs (the next item of the same key included, as when items run one
 * after another). Otherwise no new item starts after a failure, of any key: the items in flight
 * finish, no later item of the failed item's key is ever sent, and the error of the first failed
 * item in input order is thrown. A bad item (its parameters fail their checks, which come before
 * anything is sent) stops the loop before the next item starts; when its key cannot be computed,
 * it is a barrier: the loop starts nothing after it, waits until every item before it has
 * started, and then fails there, exactly as when items run one after another.
 */
export async function runItems(
	context: IExecuteFunctions,
	handler: ItemHandler,
	batching: Batching,
	key?: ItemKey,
): Promise<INodeExecutionData[]> {
	const count = context.getInputData().length;
	if (count === 0) return [];
	const concurrency = Math.min(concurrencyOption(context, batching), count);
	const continueOnFail = context.continueOnFail();
	const results: INodeExecutionData[][] = new Array(count);

	// The first failure in input order, when the node stops on failure.
	let failure: { itemIndex: number; error: NodeError } | undefined;
	let stopped = false;
	const fail = (itemIndex: number, error: NodeError) => {
		if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error };
		stopped = true;
	};

	const keys: Array<string | undefined> = new Array(count);
	/** Keys with an item in flight (or handed to the next item of that key). */
	const busy = new Set<string>();
	/** Per busy key, the later items of that key, in input order. */
	const waiting = new Map<string, { items: number[]; next: number }>();
	/**
	 * Items that may start, their keys taken: handed over when the item before them finished, or
	 * prepared ahead (`lookAhead`).
	 */
	const ready: number[] = [];
	let readyNext = 0;
	/** The next item to look at, in input order. */
	let next = 0;
	/** Every item before this one has started. */
	let prefix = 0;
	const started = new Uint8Array(count);
	/** An item whose key could not be computed: nothing after it starts, and it fails in turn. */
	let barrier: { itemIndex: number; error: NodeError } | undefined;

	const markStarted = (itemIndex: number) => {
		started[itemIndex] = 1;
		while (prefix < count && started[prefix] === 1) prefix++;
		if (barrier && prefix === barrier.itemIndex) fail(barrier.itemIndex, barrier.error);
	};

	/**
	 * Looks at the next items in input order, queueing each behind the busy item of its key, until
	 * one may start: it is returned with its key taken. Undefined when none is left, or at a barrier.
	 */
	const scan = (): number | undefined => {
		while (next < count && !barrier) {
			const itemIndex = next++;
			if (!key) return itemIndex;
			let itemKey: string | undefined;
			try {
				itemKey = key.call(context, itemIndex);
			} catch (caught) {
				const error = asNodeError(context, caught, itemIndex);
				if (continueOnFail) {
					results[itemIndex] = errorItem(error, itemIndex);
					markStarted(itemIndex);
					continue;
				}
				barrier = { itemIndex, error };
				if (prefix === itemIndex) fail(itemIndex, error);
				return undefined;
			}
			if (itemKey === undefined) return itemIndex;
			keys[itemIndex] = itemKey;
			if (!busy.has(itemKey)) {
				busy.add(itemKey);
				return itemIndex;
			}
			let queue = waiting.get(itemKey);
			if (!queue) {
				queue = { items: [], next: 0 };
				waiting.set(itemKey, queue);
			}
			queue.items.push(itemIndex);
		}
		return undefined;
	};

	/** The next item that may start now, or undefined. */
	const nextStartable = (): number | undefined => (readyNext < ready.length ? ready[readyNext++] : scan());

	/**
	 * While every slot is busy, computes the keys of the next round of items. A key function
	 * prepares its item (Callgoose builds the whole event, evaluating its expressions), so this
	 * moves that work into the time spent waiting for answers, off the path between one answer and
	 * the next request: items in flight tend to answer together, and each next request then goes
	 * without waiting for the expressions of the ones before it.
	 */
	let lookingAhead = false;
	const wanted = () => !stopped && !barrier && next < count && ready.length - readyNext < concurrency;
	const lookAhead = async () => {
		lookingAhead = true;
		while (wanted()) {
			// In slices of about a millisecond, and only while no answer is coming in, so that
			// preparing items never holds up an answer.
			await sleep(0);
			if (Date.now() - lastAnswerAt < 2) continue;
			const sliceEnd = Date.now() + 1;
			do {
				const itemIndex = scan();
				if (itemIndex === undefined) break;
				ready.push(itemIndex);
			} while (wanted() && Date.now() <= sliceEnd);
			if (inFlight < concurrency) void pump();
		}
		lookingAhead = false;
	};

	/** The item before it finished: the next item of the same key may go. */
	const release = (itemKey: string) => {
		const queue = waiting.get(itemKey);
		if (queue && queue.next < queue.items.length) {
			ready.push(queue.items[queue.next++]);
			return;
		}
		waiting.delete(itemKey);
		busy.delete(itemKey);
	};

	let inFlight = 0;
	let lastAnswerAt = 0;
	let finished: () => void = () => {};
	const done = new Promise<void>((resolve) => (finished = resolve));

	const run = async (itemIndex: number) => {
		try {
			const data = await handler.call(context, itemIndex);
			results[itemIndex] = context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
		} catch (caught) {
			const error = asNodeError(context, caught, itemIndex);
			if (continueOnFail) results[itemIndex] = errorItem(error, itemIndex);
			else fail(itemIndex, error);
		}
		inFlight--;
		lastAnswerAt = Date.now();
		const itemKey = keys[itemIndex];
		if (itemKey !== undefined) release(itemKey);
		void pump();
	};

	/** Starts items while there are free slots; one pump at a time. */
	let pumping = false;
	const pump = async () => {
		if (pumping) return;
		pumping = true;
		while (!stopped && inFlight < concurrency) {
			const itemIndex = nextStartable();
			if (itemIndex === undefined) break;
			inFlight++;
			markStarted(itemIndex);
			void run(itemIndex);
			// An operation checks an item's parameters before its first await, so a bad item has
			// already failed here: let that failure land before the next item starts, so that
			// nothing after a bad item is sent, whatever the concurrency.
			await Promise.resolve();
		}
		pumping = false;
		if (inFlight === 0) finished();
		else if (key && !stopped && !lookingAhead && next < count && ready.length - readyNext < concurrency) {
			void lookAhead();
		}
	};

	void pump();
	await done;
	if (failure) throw failure.error;
	return results.flat();
}

function concurrencyOption(context: IExecuteFunctions, batching: Batching): number {
	const value = context.getNodeParameter(
		'requestOptions.concurrency',
		0,
		batching.defaultConcurrency,
	) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`"Batching: Concurrency" must be a whole number of at least 1, not ${shown(value)}`,
			{ description: 'Request Options → Batching: Concurrency sets how many items are sent at the same time.' },
		);
	}
	return batching.maxConcurrency === undefined ? value : Math.min(value, batching.maxConcurrency);
}

/** Every failure the user sees is a node error that names its item. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof Error) {
		return new NodeOperationError(context.getNode(), error, { itemIndex });
	}
	return new NodeOperationError(context.getNode(), String(error), { itemIndex });
}

/** The output of a failed item when the node continues on fail. */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData[] {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.itemIndex = error.context.itemIndex as number;
	return [{ json, pairedItem: { item: itemIndex } }];
}
