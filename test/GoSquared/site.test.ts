/**
 * The Site field of the GoSquared node: its picker (the account's sites), and how it relates to
 * the credential's Site Token.
 */
import { byId, goSquaredCredentials, KEYS, SITES } from '../helpers/gosquared';
import { searchList } from '../helpers/listSearch';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);

test('the picker lists the sites the key may use, by name, domain and token; the value is the token', async () => {
	const call = { node: 'goSquared', method: 'searchSites', credentials: credentials(), parameters: { resource: 'event', operation: 'track' } };
	expect((await searchList(call)).results).toEqual([
		{ name: `Example Shop (shop.example.com) · ${SITES.main}`, value: SITES.main },
		{ name: `Example Blog (blog.example.com) · ${SITES.second}`, value: SITES.second },
	]);
	expect((await searchList({ ...call, filter: 'blog' })).results.map((entry) => entry.value)).toEqual([SITES.second]);
	expect(gosquared().requests[0]).toMatchObject({ method: 'GET', path: '/account/v1/sites', query: { api_key: KEYS.write, site_token: SITES.main } });
});

test('the pickers of people, Smart Groups and chats read the Site chosen above them', async () => {
	await searchList({ node: 'goSquared', method: 'searchSmartGroups', credentials: credentials(), parameters: { resource: 'smartGroup', operation: 'get', site: byId(SITES.second) } });
	expect(gosquared().requests[0].query.site_token).toBe(SITES.second);
});

test('an empty Site, or one given by an expression that is empty, uses the credential\'s Site Token', async () => {
	const workflow = withParameters(workflowFile('gosquared-smart-group-get-many.json'), 'Get Smart Groups', { site: byId('={{ $json.site }}') });
	await runWorkflow(workflow, { credentials: credentials(), input: [{ site: '' }, { site: SITES.second }] });
	expect(gosquared().requests.map((request) => request.query.site_token).sort()).toEqual([SITES.main, SITES.second].sort());
});

test('an answer that echoes the URL (chosen site and key) reaches the output with the site, and without the key', async () => {
	gosquared().echoRequestInAnswers = true;
	const workflow = withParameters(workflowFile('gosquared-chat-get.json'), 'Get Chat', { site: byId(SITES.main) });
	const result = await runWorkflow(workflow, { credentials: credentials(), input: [{ chat: 'jon@example.com' }] });
	const received = result.output('Get Chat')[0].json.received as { url: string };
	expect(gosquared().requests[0].query.api_key).toBe(KEYS.write);
	expect(received.url).toContain(`site_token=${SITES.main}`);
	expect(received.url).toContain('api_key=**hidden**');
	expect(JSON.stringify(result.run)).not.toContain(KEYS.write);
});
