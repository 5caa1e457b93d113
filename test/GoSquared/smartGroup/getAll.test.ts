/**
 * Smart Group → Get Many, by real workflow executions against the sandbox, and the Smart Group picker.
 */
import { byId, goSquaredCredentials, siteData, SITES } from '../../helpers/gosquared';
import { searchList } from '../../helpers/listSearch';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);

test('outputs one item per Smart Group of the site, with its filters, up to Limit', async () => {
	const result = await runWorkflow(workflowFile('gosquared-smart-group-get-many.json'), { credentials: credentials() });
	expect(gosquared().requests.map((request) => [request.method, request.path])).toEqual([['GET', '/people/v1/smartgroups']]);
	expect(result.output('Get Smart Groups').map((item) => item.json)).toEqual(siteData(sandbox.current).smartGroups);

	const one = withParameters(workflowFile('gosquared-smart-group-get-many.json'), 'Get Smart Groups', { limit: 1 });
	expect((await runWorkflow(one, { credentials: credentials() })).output('Get Smart Groups').map((item) => item.json.id)).toEqual(['pro-customers']);
});

test('a site without Smart Groups gives no items', async () => {
	const other = withParameters(workflowFile('gosquared-smart-group-get-many.json'), 'Get Smart Groups', { site: byId(SITES.second), returnAll: true });
	const result = await runWorkflow(other, { credentials: credentials() });
	expect(gosquared().requests[0].query.site_token).toBe(SITES.second);
	expect(result.output('Get Smart Groups')).toEqual([]);
});

test('a 429 is waited out (Retry-After) and the read goes on', async () => {
	gosquared().addFault({ method: 'GET', path: '/people/v1/smartgroups', status: 429, retryAfter: 0 });
	const result = await runWorkflow(workflowFile('gosquared-smart-group-get-many.json'), { credentials: credentials() });
	expect(gosquared().requests.map((request) => request.status)).toEqual([429, 200]);
	expect(result.output('Get Smart Groups')).toHaveLength(2);
});

test('the picker lists the Smart Groups by name and ID, filtered by the search text', async () => {
	const call = { node: 'goSquared', method: 'searchSmartGroups', credentials: credentials(), parameters: { resource: 'smartGroup', operation: 'get' } };
	expect((await searchList(call)).results).toEqual([
		{ name: 'Pro customers (pro-customers)', value: 'pro-customers' },
		{ name: 'People at example.org (example-org)', value: 'example-org' },
	]);
	expect((await searchList({ ...call, filter: 'ORG' })).results.map((entry) => entry.value)).toEqual(['example-org']);
});
