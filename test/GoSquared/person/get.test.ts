/**
 * Person → Get, by real workflow executions against the sandbox, and the Person ID picker.
 */
import { byId, goSquaredCredentials, siteData } from '../../helpers/gosquared';
import { searchList } from '../../helpers/listSearch';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);

test('gets the profile; an email is written email:… and travels encoded in the path', async () => {
	const result = await runWorkflow(workflowFile('gosquared-person-get.json'), { credentials: credentials(), input: [{ person: 'jon@example.com' }, { person: 'user-42' }] });
	expect(gosquared().requests.map((request) => request.path)).toEqual(
		expect.arrayContaining(['/people/v1/people/email%3Ajon%40example.com/details', '/people/v1/people/user-42/details']),
	);
	expect(result.output('Get Person').map((item) => [item.json, item.pairedItem])).toEqual([
		[siteData(sandbox.current).people.get('email:jon@example.com'), { item: 0 }],
		[siteData(sandbox.current).people.get('user-42'), { item: 1 }],
	]);
});

test('a person GoSquared does not know fails with its 404 and says how to find people', async () => {
	const result = await runWorkflow(workflowFile('gosquared-person-get.json'), { credentials: credentials(), input: [{ person: 'nobody@example.com' }] });
	const error = result.error('Get Person');
	expect(error?.message).toBe('Error 4004: Invalid value: no person with ID email:nobody@example.com (HTTP 404): no such person');
	expect(error?.description).toContain('Use Person → Search to find people.');
	expect(gosquared().requests).toHaveLength(1);
});

test('the picker lists the people GoSquared finds for the search text, by name and email, with their ID as value', async () => {
	const call = { node: 'goSquared', method: 'searchPeople', credentials: credentials(), parameters: { resource: 'person', operation: 'get', personId: byId('') } };
	const all = await searchList(call);
	expect(all.results).toEqual([
		{ name: 'Jon Smith <jon@example.com> (email:jon@example.com)', value: 'email:jon@example.com' },
		{ name: 'Ben White <ben@example.com> (email:ben@example.com)', value: 'email:ben@example.com' },
		{ name: 'Priya Patel <priya@example.org> (user-42)', value: 'user-42' },
	]);
	const found = await searchList({ ...call, filter: 'priya' });
	expect(found.results.map((entry) => entry.value)).toEqual(['user-42']);
	expect(gosquared().requests.map((request) => [request.path, request.query.query ?? '', request.query.limit])).toEqual([
		['/people/v1/people', '', '0,50'],
		['/people/v1/people', 'priya', '0,50'],
	]);
});
