import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Batching } from '../../shared/itemLoop';
import { route, type Operation, type OperationMap } from '../../shared/router';
import { goSquaredService } from '../transport';
import { TRACKING_BATCHING } from '../helpers/people';
import * as chat from './chat';
import * as event from './event';
import type { GoSquaredMap } from './node.type';
import * as person from './person';
import * as smartGroup from './smartGroup';
import * as transaction from './transaction';
import * as webhook from './webhook';
import * as webhookTrigger from './webhookTrigger';

/** The Tracking API's operations, with their own concurrency (GoSquared does not rate-limit that API). */
const tracking = ({ description, prepare }: Operation): Operation => ({ description, prepare, batching: TRACKING_BATCHING });

const operations: OperationMap<GoSquaredMap> = {
	chat: {
		archive: chat.archive,
		get: chat.get,
		getAll: chat.getAll,
		getMessages: chat.getMessages,
	},
	event: { track: tracking(event.track) },
	person: {
		get: person.get,
		identify: tracking(person.identify),
		search: person.search,
	},
	smartGroup: { get: smartGroup.get, getAll: smartGroup.getAll },
	transaction: { track: tracking(transaction.track) },
	webhook: {
		create: webhook.create,
		delete: webhook.deleteWebhook,
		get: webhook.get,
		getAll: webhook.getAll,
	},
	webhookTrigger: {
		add: webhookTrigger.add,
		get: webhookTrigger.get,
		getAll: webhookTrigger.getAll,
		remove: webhookTrigger.remove,
	},
};

/**
 * GoSquared allows 750 units a minute per user (its Tracking API excepted, see TRACKING_BATCHING), and the request layer keeps under it: 10 in
 * flight spend a full bucket in seconds, after which the limiter sets the pace. More would only
 * wait in the limiter, hence the ceiling.
 */
export const batching: Batching = { defaultConcurrency: 10, maxConcurrency: 50 };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { operations, service: goSquaredService, batching });
}
