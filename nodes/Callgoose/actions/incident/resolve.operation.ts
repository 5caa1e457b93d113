import { eventOperation, fieldsMode, type EventFields } from './event';

/** The fields whose rules are Resolve's own: the correlation value is required, Title is not. */
const fields: EventFields = {
	correlationValue: {
		displayName: 'Correlation Value (Map Incident With)',
		name: 'correlationValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. db-1-disk',
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

export const { description, prepare } = eventOperation(
	'resolve',
	fields,
	['correlationValue', 'status', 'title', 'description'],
	'{\n  "alert_id": "db-1-disk",\n  "status": "resolved"\n}',
);
