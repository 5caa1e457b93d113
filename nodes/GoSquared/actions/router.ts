import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route, type OperationMap } from '../../shared/router';
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

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, operations);
}
