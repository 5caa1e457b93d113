import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Batching } from '../../shared/itemLoop';
import { route, type OperationMap } from '../../shared/router';
import { goSquaredService } from '../transport';
import type { GoSquaredMap } from './node.type';
import * as webhook from './webhook';
import * as webhookTrigger from './webhookTrigger';

const operations: OperationMap<GoSquaredMap> = {
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
 * GoSquared allows 750 units a minute per user, and the request layer keeps under it: 10 in
 * flight spend a full bucket in seconds, after which the limiter sets the pace. More would only
 * wait in the limiter, hence the ceiling.
 */
export const batching: Batching = { defaultConcurrency: 10, maxConcurrency: 50 };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { operations, service: goSquaredService, batching });
}
