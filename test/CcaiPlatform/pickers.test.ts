/**
 * The pickers of the Agent and Queue operations, called as n8n's editor calls them: the Status and
 * Queue ID lists (listSearch, searchable), and the Agents, Teams and Statuses multi-selects
 * (loadOptions). Each reads its Manager API list through the node's request layer: Basic auth, the
 * shared limiter, page after page, each entry once.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { basicValue, CCAI, ccaiCredentials } from '../helpers/ccai';
import { PACKAGE_NAME, packageNodeTypes, testAdditionalData } from '../helpers/n8n';
import { searchList } from '../helpers/listSearch';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const PARAMETERS: INodeParameters = { resource: 'agent', operation: 'updateStatus' };

/** A loadOptions method of the built node, in the context the editor gives it. */
async function loadOptions(method: string): Promise<INodePropertyOptions[]> {
	const type = `${PACKAGE_NAME}.ccaiPlatform`;
	const node: INode = { id: 'picker-node', name: 'Node', type, typeVersion: 1.1, position: [0, 0], parameters: PARAMETERS, credentials: { ccaiPlatformApi: { id: 'ccai-1', name: 'Sandbox' } } };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: packageNodeTypes });
	const context = new LoadOptionsContext(workflow, node, testAdditionalData(ccaiCredentials(sandbox.current), 'http://127.0.0.1', { currentNodeParameters: PARAMETERS }), 'parameters');
	const load = packageNodeTypes.getByNameAndVersion(type, 1.1).methods?.loadOptions?.[method];
	if (!load) throw new Error(`no loadOptions method ${method}`);
	return await load.call(context);
}

const search = async (method: string, filter?: string) =>
	await searchList({ node: 'ccaiPlatform', method, parameters: PARAMETERS, credentials: ccaiCredentials(sandbox.current), credentialId: 'ccai-1', filter });

test('Agents: every agent, by name, with the ID as the value and the status to see who is free', async () => {
	const options = await loadOptions('getAgents');
	expect(options.map((option) => [option.name, option.value])).toEqual([
		['Admin UJET (1) · Available', 1],
		['Alex Agent (2) · Available', 2],
		['Busy Agent (3) · In-Call', 3],
		['Multi Line (5) · Available', 5],
		['Viewer Only (4) · Offline', 4],
	]);
	const [request] = ccai().requests;
	expect([request.path, request.headers.authorization]).toEqual(['/manager/api/v1/agents', `Basic ${basicValue(CCAI.subdomain, CCAI.apiToken)}`]);
});

test('Agents: many agents are read page after page through the shared limiter, each once, without a 429', async () => {
	const base = ccai().agents[0];
	for (let id = 100; id < 1300; id++) ccai().agents.push({ ...base, id, email: `agent${id}@acme.example`, name: `Agent ${id}`, agentNumber: `A-${id}` });
	const options = await loadOptions('getAgents');
	expect(options).toHaveLength(1205);
	expect(new Set(options.map((option) => option.value)).size).toBe(1205);
	expect(ccai().requests.length).toBeGreaterThanOrEqual(13);
	expect(ccai().rateLimited).toBe(0);
}, 30_000);

test('Teams and the Statuses filter: by name, the ID as the value', async () => {
	expect((await loadOptions('getTeams')).map((option) => [option.name, option.value])).toEqual([
		['Sales (2)', 2],
		['Support (1)', 1],
	]);
	expect((await loadOptions('getAgentStatuses')).map((option) => option.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	expect(ccai().requests.map((request) => request.path)).toEqual(['/manager/api/v1/teams', '/manager/api/v1/user_statuses']);
});

test('Status: the agent statuses by name, the name as the value (what Update Status sends); the search narrows them', async () => {
	const all = await search('searchAgentStatuses');
	expect(all.results.map((result) => result.value)).toEqual(['Available', 'Lunch', 'Break', 'Training', 'Offline', 'In-Call', 'Wrap-up']);
	expect((await search('searchAgentStatuses', 'lun')).results).toEqual([{ name: 'Lunch', value: 'Lunch' }]);
});

test('Queue ID: the queues by ID, with their kind; the search matches the name and the ID', async () => {
	const all = await search('searchQueues');
	expect(all.results[1]).toEqual({ name: 'App support (12) · mobile_menu', value: '12' });
	expect((await search('searchQueues', 'night')).results.map((result) => result.value)).toEqual(['20']);
	expect((await search('searchQueues', '50')).results.map((result) => result.value)).toEqual(['50']);
	expect(ccai().requests[0].query).toMatchObject({ sort_column: 'id', sort_direction: 'ASC' });
});

test('a picker whose list fails says why, with CCAI Platform\'s message', async () => {
	ccai().addFault({ method: 'GET', path: '/manager/api/v1/user_statuses', status: 403, body: { message: 'Forbidden' } });
	await expect(search('searchAgentStatuses')).rejects.toThrow('Forbidden (HTTP 403): the credentials may not read agent statuses');
});
