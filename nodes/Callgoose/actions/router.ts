import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route, type OperationMap } from '../../shared/router';
import * as incident from './incident';
import type { CallgooseMap } from './node.type';
import * as request from './request';

const operations: OperationMap<CallgooseMap> = {
	incident: { create: incident.create, resolve: incident.resolve },
	request: { runWorkflow: request.runWorkflow },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, operations);
}
