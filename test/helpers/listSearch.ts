/**
 * Calls a node's `listSearch` method as n8n's editor has it called (DynamicNodeParametersService):
 * a LoadOptionsContext of n8n-core on a one-node workflow built from the node's current parameters
 * and credentials, for the package's BUILT node class.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PACKAGE_NAME, packageNodeTypes, testAdditionalData } from './n8n';

export interface ListSearchCall {
	/** The node's `name`, e.g. `goSquared`. */
	node: string;
	method: string;
	/** The node's parameters as the editor has them when the list opens. */
	parameters: INodeParameters;
	/** Credential type → decrypted data. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The credential's ID in the node (the rate limiter is per credential). */
	credentialId?: string;
	filter?: string;
	paginationToken?: string;
}

export async function searchList(call: ListSearchCall): Promise<INodeListSearchResult> {
	const type = `${PACKAGE_NAME}.${call.node}`;
	const [credentialType] = Object.keys(call.credentials);
	const node: INode = {
		id: 'list-search-node',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: call.parameters,
		credentials: { [credentialType]: { id: call.credentialId ?? 'list-search-credential', name: 'Sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: packageNodeTypes });
	const additionalData = testAdditionalData(call.credentials, 'http://127.0.0.1', {
		currentNodeParameters: call.parameters,
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const method = packageNodeTypes.getByNameAndVersion(type).methods?.listSearch?.[call.method];
	if (!method) throw new Error(`${call.node} has no listSearch method ${call.method}`);
	return await method.call(context, call.filter, call.paginationToken);
}
