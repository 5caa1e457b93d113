import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idParameter, invalidInput } from '../../shared/validation';
import { goSquaredRequest, isNotFound, listOf, nodeError } from '../transport';
import { checkTriggerValue, triggerBody, triggerByOption } from '../triggers';

/** A webhook or trigger ID: GoSquared's IDs are whole numbers above 0. */
export function goSquaredId(context: IExecuteFunctions, name: string, field: string, itemIndex: number): number {
	return idParameter(context, name, field, itemIndex, {
		description: 'GoSquared IDs are numbers such as 1234. Get Many lists them.',
	});
}

/** Items for the same webhook (the webhook itself, or its triggers) go in input order. */
export function webhookKey(this: IExecuteFunctions, itemIndex: number): string {
	return String(goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex));
}

/**
 * `{ trigger, value }` from the Trigger field and the field its value is asked in, or undefined
 * for "None" when the trigger is optional. Refuses a missing or malformed value before anything
 * is sent.
 */
export function triggerParameters(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const option = context.getNodeParameter('trigger', itemIndex, '') as string;
	if (option === 'none') return undefined;
	const trigger = triggerByOption(option);
	if (!trigger) throw invalidInput(context, itemIndex, 'Trigger', `"${String(option)}" is not a GoSquared trigger`);
	if (trigger.valueKind === 'none') return triggerBody(trigger, undefined);
	const [name, field] =
		trigger.valueKind === 'threshold' ? ['threshold', 'Visitor Threshold'] : ['smartGroupId', 'Smart Group ID'];
	const checked = checkTriggerValue(trigger, context.getNodeParameter(name, itemIndex, ''));
	if ('problem' in checked) throw invalidInput(context, itemIndex, field, checked.problem);
	return triggerBody(trigger, checked.value);
}

/** A list endpoint, cut to Limit unless Return All is on. GoSquared's lists are not paged. */
export async function listItems(
	context: IExecuteFunctions,
	path: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let limit = 0;
	if (!returnAll) {
		limit = context.getNodeParameter('limit', itemIndex, 50) as number;
		if (!Number.isInteger(limit) || limit < 1) {
			throw invalidInput(context, itemIndex, 'Limit', `must be a whole number above 0, not "${String(limit)}"`);
		}
	}
	const list = listOf(context, await goSquaredRequest(context, 'GET', path, { itemIndex }), itemIndex);
	return returnAll ? list : list.slice(0, limit);
}

/**
 * Deletes what `path` names. A 404 fails the item unless "Treat Missing as Deleted" is on; then
 * it resolves false.
 */
export async function deleteResource(
	context: IExecuteFunctions,
	path: string,
	itemIndex: number,
): Promise<boolean> {
	const treatMissingAsDeleted = context.getNodeParameter(
		'options.treatMissingAsDeleted',
		itemIndex,
		false,
	) as boolean;
	try {
		await goSquaredRequest(context, 'DELETE', path, { itemIndex });
		return true;
	} catch (error) {
		if (treatMissingAsDeleted && isNotFound(error)) return false;
		throw nodeError(context, error);
	}
}
