/**
 * Person → Get, by real workflow executions against the sandbox (the whole profile, and the
 * simplified one), and the Person ID picker.
 */
import { byId, goSquaredCredentials, richProfile, siteData } from '../../helpers/gosquared';
import { searchList } from '../../helpers/listSearch';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const whole = () => withParameters(workflowFile('gosquared-person-get.json'), 'Get Person', { simplify: false });

test('gets the profile; an email is written email:… and travels encoded in the path', async () => {
	const result = await runWorkflow(whole(), { credentials: credentials(), input: [{ person: 'jon@example.com' }, { person: 'user-42' }] });
	expect(gosquared().requests.map((request) => request.path)).toEqual(
		expect.arrayContaining(['/people/v1/people/email%3Ajon%40example.com/details', '/people/v1/people/user-42/details']),
	);
	expect(result.output('Get Person').map((item) => [item.json, item.pairedItem])).toEqual([
		[siteData(sandbox.current).people.get('email:jon@example.com'), { item: 0 }],
		[siteData(sandbox.current).people.get('user-42'), { item: 1 }],
	]);
});

test('Simplify (on by default) keeps 10 flat fields of a full profile, most used first; off, the whole profile as GoSquared sent it', async () => {
	const profile = richProfile('email:ada@example.com');
	siteData(sandbox.current).people.set(profile.id, profile);
	const simplified = await runWorkflow(workflowFile('gosquared-person-get.json'), { credentials: credentials(), input: [{ person: 'ada@example.com' }] });
	const [person] = simplified.output('Get Person');
	expect(Object.keys(person.json)).toEqual(['id', 'email', 'name', 'phone', 'company_name', 'created_at', 'last_seen', 'online', 'smart_groups', 'custom']);
	expect(person.json).toEqual({
		id: profile.id,
		email: profile.email,
		name: profile.name,
		phone: profile.phone,
		company_name: profile.company.name,
		created_at: profile.created_at,
		last_seen: profile.last.seen,
		online: profile.online,
		smart_groups: profile.smart_groups,
		custom: profile.custom,
	});
	expect(Object.keys(profile).length).toBeGreaterThan(10);

	const full = await runWorkflow(whole(), { credentials: credentials(), input: [{ person: 'ada@example.com' }] });
	expect(full.output('Get Person').map((item) => item.json)).toEqual([profile]);
	// Both asked GoSquared the same: Simplify shapes the output only.
	expect(gosquared().requests.map((request) => [request.path, request.query])).toEqual([
		['/people/v1/people/email%3Aada%40example.com/details', expect.not.objectContaining({ fields: expect.anything() })],
		['/people/v1/people/email%3Aada%40example.com/details', expect.not.objectContaining({ fields: expect.anything() })],
	]);
});

test('Simplify leaves out what a profile does not have, and reads the sandbox\'s last.seen { timestamp } as its time', async () => {
	const stored = siteData(sandbox.current).people.get('user-42') ?? {};
	const result = await runWorkflow(workflowFile('gosquared-person-get.json'), { credentials: credentials(), input: [{ person: 'user-42' }] });
	expect(result.output('Get Person').map((item) => item.json)).toEqual([
		{ id: 'user-42', email: stored.email, name: stored.name, last_seen: stored.last.seen.timestamp, custom: stored.custom },
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
