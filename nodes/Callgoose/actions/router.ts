import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Batching } from '../../shared/itemLoop';
import { route, type OperationMap } from '../../shared/router';
import { callgooseService } from '../transport';
import * as incident from './incident';
import type { CallgooseMap } from './node.type';
import * as request from './request';

const operations: OperationMap<CallgooseMap> = {
	incident: { create: incident.create, resolve: incident.resolve },
	request: { runWorkflow: request.runWorkflow },
};

/**
 * Callgoose publishes no rate limit, so there is no ceiling: a user can send every item at once,
 * as n8n's HTTP Request node does. The default keeps n8n itself the bottleneck at typical
 * latencies (the README's benchmark), and the events of one incident still go in input order
 * (the operations' `key`).
 */
export const batching: Batching = { defaultConcurrency: 50 };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { operations, service: callgooseService, batching });
}
