/**
 * Smart Group → Get, by real workflow executions against the sandbox.
 */
import { goSquaredCredentials, siteData } from '../../helpers/gosquared';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);

test('gets the Smart Group by its ID, or by its URL in GoSquared People', async () => {
	const result = await runWorkflow(workflowFile('gosquared-smart-group-get.json'), {
		credentials: credentials(),
		input: [{ group: 'pro-customers' }, { group: 'https://www.gosquared.com/people/GSN-123456-A/smart-groups/example-org/' }],
	});
	expect(gosquared().requests.map((request) => request.path).sort()).toEqual(['/people/v1/smartgroups/example-org', '/people/v1/smartgroups/pro-customers']);
	const [pro, org] = siteData(sandbox.current).smartGroups;
	expect(result.output('Get Smart Group').map((item) => item.json)).toEqual([pro, org]);
});

test('an unknown group fails with GoSquared\'s 404; an empty one fails before anything is sent', async () => {
	const missing = await runWorkflow(workflowFile('gosquared-smart-group-get.json'), { credentials: credentials(), input: [{ group: 'churn-risk' }] });
	expect(missing.error('Get Smart Group')?.message).toBe('Error 4004: Invalid value: no Smart Group with ID churn-risk (HTTP 404): no such Smart Group');
	expect(missing.error('Get Smart Group')?.description).toContain('Use Smart Group → Get Many to list them.');

	gosquared().reset();
	const empty = await runWorkflow(workflowFile('gosquared-smart-group-get.json'), { credentials: credentials(), input: [{ group: ' ' }] });
	expect(empty.error('Get Smart Group')?.message).toBe('"Smart Group ID" is required: pick the Smart Group, or give its ID (the last part of its URL) (item 0)');
	expect(gosquared().requests).toHaveLength(0);
});
