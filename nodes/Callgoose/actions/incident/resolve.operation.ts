import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { failIfNothingMatchedParameter } from '../../helpers/outcome';
import {
	additionalFieldsProperty,
	descriptionProperty,
	eventKey,
	fieldsMode,
	payloadModeProperty,
	sendEvent,
	trailingProperties,
	type EventFields,
} from './event';

/** The fields whose rules are Resolve's own: the correlation value is required, Title is not. */
const fields: EventFields = {
	correlationValue: {
		displayName: 'Correlation Value (Map Incident With)',
		name: 'correlationValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'db-1-disk',
		displayOptions: fieldsMode,
		description:
			'The value the incident was created with. Callgoose resolves the active incidents mapped to it. Sent under the Correlation Key (default "alert_id"). Events with the same value are sent one after another, in input order, so a resolve never overtakes its create.',
	},
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: 'resolved',
		displayOptions: fieldsMode,
		description:
			'Sent under the Status Key (default "status"). The resolve part of an API filter usually matches a value such as "resolved" or "ok": match what yours contains. Leave empty to send no status.',
	},
	title: {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		displayOptions: fieldsMode,
		description: 'Optional for a resolve event. Sent under the Title Key (default "title").',
	},
};

const properties: INodeProperties[] = [
	payloadModeProperty,
	fields.correlationValue,
	fields.status,
	fields.title,
	descriptionProperty,
	additionalFieldsProperty,
	{
		displayName: 'Payload (JSON)',
		name: 'payloadJson',
		type: 'json',
		default: '{\n  "alert_id": "db-1-disk",\n  "status": "resolved"\n}',
		required: true,
		displayOptions: { show: { payloadMode: ['json'] } },
		description: 'The event as a JSON object, sent as it is. Arrays and plain values are refused.',
	},
	...trailingProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['incident'], operation: ['resolve'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await sendEvent(this, itemIndex, { fields, failIfNothingMatched: failIfNothingMatchedParameter(this, itemIndex) });
}

/** Events for the same incident (correlation value) go in input order. */
export function key(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return eventKey(this, itemIndex, fields);
}
