/**
 * n8n's own HTTP Request node, for the side-by-side benchmark: loaded from the pinned n8n runtime's
 * `n8n-nodes-base` (installed on first use by scripts/lib/runtime.js, as `npm start` does) and run
 * by the same n8n-core as this package's nodes.
 */
import path from 'path';

import type { IVersionedNodeType } from 'n8n-workflow';

import { ensureRuntime } from '../../scripts/lib/runtime';
import { registerNodeType } from '../../test/helpers/n8n';

export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';

export async function loadHttpRequestNode(): Promise<IVersionedNodeType> {
	const paths = await ensureRuntime({ log: (line: string) => process.stdout.write(`${line}\n`) });
	const file = path.join(paths.n8nModules, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	const { HttpRequest } = require(file) as { HttpRequest: new () => IVersionedNodeType };
	const node = new HttpRequest();
	registerNodeType(HTTP_REQUEST_TYPE, node);
	return node;
}

/** The version a user gets when they add the node today. */
export function httpRequestDefaultVersion(node: IVersionedNodeType): number {
	return node.description.defaultVersion ?? Math.max(...Object.keys(node.nodeVersions).map(Number));
}
