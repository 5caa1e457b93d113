import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route, type OperationMap } from '../../shared/router';
import * as call from './call';
import * as customerFlag from './customerFlag';
import type { CcaiPlatformMap } from './node.type';

const operations: OperationMap<CcaiPlatformMap> = {
	call: { create: call.create, get: call.get, getAll: call.getAll },
	customerFlag: { get: customerFlag.get, update: customerFlag.update },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, operations);
}
