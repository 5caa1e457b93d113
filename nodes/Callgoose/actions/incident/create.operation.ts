import { eventOperation, fieldsMode, type EventFields } from './event';

/** The fields whose rules are Create's own: Title is required, the correlation value is not. */
const fields: EventFields = {
	title: {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Disk almost full on db-1',
		displayOptions: fieldsMode,
		description:
			'The incident title, sent under the Title Key (default "title"). Callgoose takes the title from the key your API filter names.',
	},
	correlationValue: {
		displayName: 'Correlation Value (Map Incident With)',
		name: 'correlationValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. db-1-disk',
		displayOptions: fieldsMode,
		description:
			'Identifies the incident so that a later resolve event can find it. Sent under the Correlation Key (default "alert_id"), which must be the "Map Incident With" key of your API filter. Events with the same value are sent one after another, in input order, so a resolve never overtakes its create.',
	},
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: 'firing',
		displayOptions: fieldsMode,
		description:
			'Sent under the Status Key (default "status"). API filters usually trigger on a value such as "firing" or "critical": match what yours contains. Leave empty to send no status.',
	},
};

export const { description, prepare } = eventOperation(
	'create',
	fields,
	['title', 'description', 'correlationValue', 'status'],
	'{\n  "title": "Disk almost full on db-1",\n  "content": "Free space is below 5%",\n  "alert_id": "db-1-disk",\n  "status": "firing"\n}',
);
