import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Batching } from '../../shared/itemLoop';
import { route, type OperationMap } from '../../shared/router';
import { ccaiService } from '../transport';
import * as agent from './agent';
import * as call from './call';
import * as customerFlag from './customerFlag';
import * as queue from './queue';
import type { CcaiPlatformMap } from './node.type';

const operations: OperationMap<CcaiPlatformMap> = {
	call: { create: call.create, get: call.get, getAll: call.getAll },
	customerFlag: { get: customerFlag.get, update: customerFlag.update },
	agent: { getAll: agent.getAll, updateStatus: agent.updateStatus },
	queue: { getAll: queue.getAll, get: queue.get, currentStatus: queue.currentStatus, sla: queue.sla },
};

/**
 * The request layer paces every request to CCAI Platform's 10 per second per account, so the
 * concurrency only has to keep that limiter busy: 10 fill a second's budget at once. More would
 * only wait in the limiter, hence the ceiling.
 */
export const batching: Batching = { defaultConcurrency: 10, maxConcurrency: 50 };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { operations, service: ccaiService, batching });
}
