import type { IDataObject } from 'n8n-workflow';

import type { Parameters } from '../../shared/validation';
import { eventBody, readEvent } from './events';

/**
 * Reads and checks the GoSquared node's own kinds of parameter for one item. Every problem is the
 * named-field error of `Parameters`, raised while the item is prepared, before anything is sent.
 */

/** A webhook or webhook trigger ID: GoSquared's IDs are whole numbers above 0. */
export function goSquaredId(item: Parameters, name: string, field: string): number {
	return item.id(name, field, {
		hint: 'pick it From List, or give its number, e.g. 1234',
		description: 'GoSquared IDs are numbers such as 1234. Pick one From List, or use Get Many to list them.',
		resourceLocator: true,
	});
}

/**
 * `{ trigger, value }` from the Event field and the field its value is asked in, or undefined for
 * "None" when the event is optional (Webhook → Create); Webhook Trigger → Add refuses "None".
 */
export function eventParameters(item: Parameters, { optional }: { optional: boolean }): IDataObject | undefined {
	const option = item.value('trigger', '');
	if (optional && option === 'none') return undefined;
	const read = readEvent(option, (name) => item.value(name, ''), optional ? ['none'] : []);
	if ('problem' in read) throw item.fail(read.field, read.problem);
	return eventBody(read.eventType, read.value);
}

/** The "Treat Missing as Deleted" option of Delete and Remove. */
export function treatMissingAsDeletedParameter(item: Parameters): boolean {
	return item.boolean('options.treatMissingAsDeleted', 'Treat Missing as Deleted');
}
