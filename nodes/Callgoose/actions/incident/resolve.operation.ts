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
			'The Correlation Value the incident was created with, e.g. db-1-disk: Callgoose resolves the active incidents mapped to it. Sent under the Correlation Key (default "alert_id").',
	},
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: 'resolved',
		displayOptions: fieldsMode,
		description:
			'The alert\'s state, e.g. resolved or ok: what the resolve part of your API filter matches. Sent under the Status Key (default "status"); empty sends none.',
	},
	title: {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		displayOptions: fieldsMode,
		description: 'Optional for a resolve event: what was wrong, in a few words. Sent under the Title Key (default "title").',
	},
};

export const { description, prepare } = eventOperation(
	'resolve',
	fields,
	['correlationValue', 'status', 'title', 'description'],
	'{\n  "alert_id": "db-1-disk",\n  "status": "resolved"\n}',
);
