import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { booleanParameter, idParameter, invalidInput, shown } from '../../shared/validation';
import { checkEventValue, eventBody, eventTypeByOption } from './events';

/**
 * Reads and checks the GoSquared node's parameters for one item. Every problem is a
 * `NodeOperationError` that names the field and the item, raised before anything is sent.
 */

/** A webhook or webhook trigger ID: GoSquared's IDs are whole numbers above 0. */
export function goSquaredId(context: IExecuteFunctions, name: string, field: string, itemIndex: number): number {
	return idParameter(context, name, field, itemIndex, {
		description: 'GoSquared IDs are numbers such as 1234. Pick one From List, or use Get Many to list them.',
		resourceLocator: true,
	});
}

/** Items for the same webhook (the webhook itself, or its triggers) go in input order. */
export function webhookKey(this: IExecuteFunctions, itemIndex: number): string {
	return String(goSquaredId(this, 'webhookId', 'Webhook ID', itemIndex));
}

/**
 * `{ trigger, value }` from the Event field and the field its value is asked in, or undefined for
 * "None" when the event is optional. Refuses a missing or malformed value before anything is sent.
 */
export function eventParameters(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const option = context.getNodeParameter('trigger', itemIndex, '') as unknown;
	if (option === 'none') return undefined;
	const eventType = eventTypeByOption(option);
	if (!eventType) throw invalidInput(context, itemIndex, 'Event', `${shown(option)} is not a GoSquared event`);
	if (eventType.valueKind === 'none') return eventBody(eventType, undefined);
	const [name, field] =
		eventType.valueKind === 'threshold' ? ['threshold', 'Visitor Threshold'] : ['smartGroupId', 'Smart Group ID'];
	const checked = checkEventValue(eventType, context.getNodeParameter(name, itemIndex, ''));
	if ('problem' in checked) throw invalidInput(context, itemIndex, field, checked.problem);
	return eventBody(eventType, checked.value);
}

/** The "Treat Missing as Deleted" option of Delete and Remove. */
export function treatMissingAsDeletedParameter(context: IExecuteFunctions, itemIndex: number): boolean {
	return booleanParameter(context, 'options.treatMissingAsDeleted', 'Treat Missing as Deleted', itemIndex);
}
