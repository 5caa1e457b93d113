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
			'What is wrong, in a few words. Sent under the Title Key (default "title"), the title key of your API filter.',
	},
	correlationValue: {
		displayName: 'Correlation Value (Map Incident With)',
		name: 'correlationValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. db-1-disk',
		displayOptions: fieldsMode,
		description:
			'A stable ID of the problem, e.g. db-1-disk, that the resolve event repeats. Sent under the Correlation Key (default "alert_id"), the "Map Incident With" key of your API filter.',
	},
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: 'firing',
		displayOptions: fieldsMode,
		description:
			'The alert\'s state, e.g. firing or critical: what your API filter triggers on. Sent under the Status Key (default "status"); empty sends none.',
	},
};

export const { description, prepare } = eventOperation(
	'create',
	fields,
	['title', 'description', 'correlationValue', 'status'],
	'{\n  "title": "Disk almost full on db-1",\n  "content": "Free space is below 5%",\n  "alert_id": "db-1-disk",\n  "status": "firing"\n}',
);
