import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What one operation makes of one input item: one output item, or several (e.g. a list). */
export type ItemHandler = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

export const DEFAULT_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 50;

/**
 * The one item loop of every node in this package. It runs `handler` for each input item with at
 * most `concurrency` items in flight, and returns the output in input order, each output item
 * linked to its input (`pairedItem`).
 *
 * A failure becomes an error item linked to its input when the node is set to continue on fail.
 * Otherwise no new item is started, the items in flight finish, and the error of the first failed
 * item (in input order) is thrown: with a concurrency of 1 that is exactly the sequential
 * behaviour, and items after the failed one are never sent.
 */
export async function runItems(
	context: IExecuteFunctions,
	handler: ItemHandler,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const concurrency = concurrencyOption(context);
	const results: INodeExecutionData[][] = new Array(items.length);
	let next = 0;
	// The first failed item in input order, when the node stops on failure.
	const stop: { itemIndex?: number; error?: NodeApiError | NodeOperationError } = {};

	const worker = async () => {
		while (next < items.length && stop.error === undefined) {
			const itemIndex = next++;
			try {
				const data = await handler.call(context, itemIndex);
				results[itemIndex] = context.helpers.constructExecutionMetaData(
					context.helpers.returnJsonArray(data),
					{ itemData: { item: itemIndex } },
				);
			} catch (caught) {
				const error = asNodeError(context, caught, itemIndex);
				if (context.continueOnFail()) {
					results[itemIndex] = [{ json: errorJson(error), pairedItem: { item: itemIndex } }];
				} else if (stop.itemIndex === undefined || itemIndex < stop.itemIndex) {
					stop.itemIndex = itemIndex;
					stop.error = error;
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(concurrency, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (stop.error !== undefined) throw stop.error;
	return results.flat();
}

function concurrencyOption(context: IExecuteFunctions): number {
	const value = context.getNodeParameter(
		'requestOptions.concurrency',
		0,
		DEFAULT_CONCURRENCY,
	) as number;
	if (!Number.isInteger(value) || value < 1) return DEFAULT_CONCURRENCY;
	return Math.min(value, MAX_CONCURRENCY);
}

/** Every failure the user sees is a node error that names its item. */
function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof Error) {
		return new NodeOperationError(context.getNode(), error, { itemIndex });
	}
	return new NodeOperationError(context.getNode(), String(error), { itemIndex });
}

function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.itemIndex = error.context.itemIndex as number;
	return json;
}
