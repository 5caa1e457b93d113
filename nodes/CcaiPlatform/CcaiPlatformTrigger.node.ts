import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { statusOptions, untimedStatusNames } from './helpers/statuses';
import { ccaiPlatformApiTest } from './methods/credentialTest';
import { MAX_LOOK_BACK_HOURS, poll } from './triggerNode/poll';
import { MAX_HELD } from './triggerNode/state';

export class CcaiPlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Google CCAI Platform Trigger',
		name: 'ccaiPlatformTrigger',
		icon: { light: 'file:ccaiPlatform.svg', dark: 'file:ccaiPlatform.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["event"] === "callCreated" ? "Call created" : "Call reached: " + ($parameter["statuses"] || []).join(", ") }}',
		description:
			'Starts the workflow when a CCAI Platform call is created, or reaches a status you pick (for example Finished or Failed)',
		defaults: { name: 'Google CCAI Platform Trigger' },
		polling: true,
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'ccaiPlatformApi', required: true, testedBy: 'ccaiPlatformApiTest' }],
		properties: [
			{
				displayName:
					'n8n asks CCAI Platform for new and changed calls at the Poll Times (every minute at most), through its Manager API. Each call starts the workflow once per event: a poll that fails, or a restart, repeats none and misses none.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call Created',
						value: 'callCreated',
						description: 'A new call, of any type: outbound, inbound, scheduled, created in CCAI Platform or through its API',
					},
					{
						name: 'Call Reached a Status',
						value: 'statusReached',
						description: 'A call reached one of the statuses below, for example Finished or Failed',
					},
				],
				default: 'statusReached',
				description: 'What starts the workflow. Each call starts it once for this event.',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: statusOptions,
				default: ['finished'],
				required: true,
				displayOptions: { show: { event: ['statusReached'] } },
				description: 'The workflow starts when a call reaches one of these statuses; again when it reaches another of them, but not when a call that stays in its status changes (a recording, a rating)',
			},
			{
				displayName: `CCAI Platform gives no time for reaching ${untimedStatusNames.join(', ')}. For these the trigger remembers the last ${MAX_HELD} calls by ID; one it has forgotten, or one in the status before the activation, starts the workflow again when it changes.`,
				name: 'untimedStatusesNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['statusReached'] } },
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'options',
				options: [
					{
						name: 'Now',
						value: 'now',
						description: 'Only calls created or changed after the workflow is activated',
					},
					{
						name: 'Hours Back',
						value: 'lookBack',
						description: 'On the first activation, also the calls of the last hours',
					},
				],
				default: 'now',
				description:
					'Where the trigger starts on its first activation. After that, it carries on from where it stopped, also after n8n restarts or the workflow is deactivated and activated again.',
			},
			{
				displayName: 'Hours Back',
				name: 'lookBackHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_LOOK_BACK_HOURS, numberPrecision: 0 },
				default: 24,
				displayOptions: { show: { startFrom: ['lookBack'] } },
				description: `How many hours before the first activation to start from, at most ${MAX_LOOK_BACK_HOURS} (30 days)`,
			},
		],
	};

	methods = {
		credentialTest: { ccaiPlatformApiTest },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
