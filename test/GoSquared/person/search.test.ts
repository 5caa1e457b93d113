/**
 * Person → Search, by real workflow executions against the sandbox: the query GoSquared received
 * (search text, filters, fields, sort, `limit=offset,count` page after page) and the people the
 * user got, one item each.
 */
import type { IDataObject } from 'n8n-workflow';

import { goSquaredCredentials, richProfile, siteData, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-person-search.json');

function seedPeople(count: number) {
	const { people } = siteData(sandbox.current);
	people.clear();
	for (let index = 0; index < count; index++) {
		const id = `user-${String(index).padStart(3, '0')}`;
		people.set(id, { id, email: `${id}@example.com`, name: `User ${index}`, last: { seen: { timestamp: new Date(Date.UTC(2030, 0, 1, 0, index)).toISOString() } } });
	}
}

test('searches with the text, and outputs one item per person, most recently seen first, up to Limit', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [{ query: 'example.com' }] });
	const [request] = gosquared().requests;
	expect([request.method, request.path]).toEqual(['GET', '/people/v1/people']);
	expect(request.query).toMatchObject({ query: 'example.com', limit: '0,50' });
	expect(request.query.sort).toBeUndefined();
	expect(result.output('Search People').map((item) => [item.json.id, item.pairedItem])).toEqual([
		['email:jon@example.com', { item: 0 }],
		['email:ben@example.com', { item: 0 }],
	]);
});

test('Simplify (on by default) gives each person 10 flat fields; off, each whole profile; with Fields set, what Fields names', async () => {
	const { people } = siteData(sandbox.current);
	people.clear();
	const profiles = ['email:ada@example.com', 'email:alan@example.com'].map(richProfile);
	for (const profile of profiles) people.set(profile.id, profile);
	const run = async (parameters: IDataObject) =>
		(await runWorkflow(withParameters(workflow(), 'Search People', parameters), { credentials: credentials(), input: [{ query: '' }] }))
			.output('Search People')
			.map((item) => item.json);

	expect(await run({})).toEqual(
		profiles.map((stored) => ({
			id: stored.id,
			email: stored.email,
			name: stored.name,
			phone: stored.phone,
			company_name: stored.company.name,
			created_at: stored.created_at,
			last_seen: stored.last.seen,
			online: stored.online,
			smart_groups: stored.smart_groups,
			custom: stored.custom,
		})),
	);
	expect(await run({ simplify: false })).toEqual(profiles);
	expect(await run({ options: { fields: 'email,custom.plan' } })).toEqual([
		{ id: 'email:ada@example.com', email: 'ada@example.com', 'custom.plan': 'pro' },
		{ id: 'email:alan@example.com', email: 'alan@example.com', 'custom.plan': 'pro' },
	]);
	// Simplify shapes the output only: GoSquared was asked for fields only when Fields named them.
	expect(gosquared().requests.map((request) => request.query.fields)).toEqual([undefined, undefined, 'email,custom.plan']);
});

test('Return All reads page after page of 100 until a short page', async () => {
	seedPeople(250);
	const all = withParameters(workflow(), 'Search People', { returnAll: true });
	const result = await runWorkflow(all, { credentials: credentials(), input: [{ query: '' }] });
	expect(gosquared().requests.map((request) => request.query.limit)).toEqual(['0,100', '100,100', '200,100']);
	const ids = result.output('Search People').map((item) => item.json.id);
	expect(ids).toHaveLength(250);
	expect(new Set(ids).size).toBe(250);
	expect(ids[0]).toBe('user-249');
});

test('a Limit past one page reads only what it needs', async () => {
	seedPeople(250);
	const limited = withParameters(workflow(), 'Search People', { limit: 130 });
	const result = await runWorkflow(limited, { credentials: credentials(), input: [{ query: '' }] });
	expect(gosquared().requests.map((request) => request.query.limit)).toEqual(['0,100', '100,30']);
	expect(result.output('Search People')).toHaveLength(130);
});

test('filters, fields and sort reach GoSquared as its query parameters', async () => {
	const filters = [{ key: 'property', path: 'custom.plan', operator: 'equals', value: 'pro' }];
	const filtered = withParameters(workflow(), 'Search People', {
		options: { filters: JSON.stringify(filters), fields: 'email, name', sort: 'email:asc' },
	});
	const result = await runWorkflow(filtered, { credentials: credentials(), input: [{ query: '' }] });
	expect(gosquared().requests[0].query).toMatchObject({ filters: JSON.stringify(filters), fields: 'email,name', sort: 'email:asc' });
	expect(result.output('Search People').map((item) => item.json)).toEqual([{ id: 'email:jon@example.com', email: 'jon@example.com', name: 'Jon Smith' }]);
});

test('a 429 between pages is waited out and the listing goes on', async () => {
	seedPeople(150);
	gosquared().addFault({ method: 'GET', path: '/people/v1/people', status: 429, retryAfter: 0 });
	const all = withParameters(workflow(), 'Search People', { returnAll: true });
	const result = await runWorkflow(all, { credentials: credentials(), input: [{ query: '' }] });
	expect(gosquared().requests.map((request) => [request.query.limit, request.status])).toEqual([
		['0,100', 429],
		['0,100', 200],
		['100,100', 200],
	]);
	expect(result.output('Search People')).toHaveLength(150);
});

test('the Site field searches another project of the key', async () => {
	siteData(sandbox.current, SITES.second).people.set('blog-reader', { id: 'blog-reader', name: 'Reader' });
	const other = withParameters(workflow(), 'Search People', { site: { __rl: true, mode: 'list', value: SITES.second } });
	const result = await runWorkflow(other, { credentials: credentials(), input: [{ query: '' }] });
	expect(gosquared().requests[0].query.site_token).toBe(SITES.second);
	expect(result.output('Search People').map((item) => item.json.id)).toEqual(['blog-reader']);
});

test.each([
	['filters that are not JSON', { filters: '[{"key":' }, /^"Filters \(JSON\)" is not valid JSON/],
	['filters that are not a list', { filters: '{"key":"property"}' }, /^"Filters \(JSON\)" must be a JSON list of filter objects, not \{"key":"property"\}/],
	['a sort without a direction', { sort: 'email' }, /^"Sort" must be a property followed by :asc or :desc/],
	['fields with other characters', { fields: 'email;drop' }, /^"Fields" must be property names separated by commas/],
])('%s fail the item, and nothing is sent', async (_case, options, message) => {
	const result = await runWorkflow(withParameters(workflow(), 'Search People', { options }), { credentials: credentials(), input: [{ query: '' }] });
	expect(result.error('Search People')?.message).toMatch(message);
	expect(gosquared().requests).toHaveLength(0);
});

test('GoSquared\'s own refusal shows its code and message', async () => {
	const sorted = withParameters(workflow(), 'Search People', { options: { filters: '[{"key":"property","path":"email","operator":"near","value":"x"}]' } });
	const result = await runWorkflow(sorted, { credentials: credentials(), input: [{ query: '' }] });
	const error = result.error('Search People');
	expect(error?.message).toBe('Error 4004: Invalid value for operator: "near" (HTTP 400)');
	expect(error?.description).toContain('GoSquared refused a parameter or its value');
});
