/**
 * Chat → Get Many, by real workflow executions against the sandbox (the active chats, 250 per
 * request at most), and the Chat ID picker.
 */
import { byId, goSquaredCredentials, siteData } from '../../helpers/gosquared';
import { searchList } from '../../helpers/listSearch';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-chat-get-many.json');

function seedChats(count: number) {
	const { chats } = siteData(sandbox.current);
	chats.clear();
	for (let index = 0; index < count; index++) {
		const id = `visitor-${index}`;
		chats.set(id, { id, archived: false, feed: [{ id: `m${index}`, type: 'message', from: 'client', content: 'Hello', timestamp: Date.UTC(2030, 0, 1) + index * 1000 }] });
	}
}

test('outputs the active chats (not the archived ones), newest first', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials() });
	expect(gosquared().requests.map((request) => [request.path, request.query.limit])).toEqual([['/chat/v1/chats', '0,50']]);
	expect(result.output('Get Chats').map((item) => item.json)).toEqual([
		{
			id: 'email:jon@example.com',
			person: { id: 'email:jon@example.com', name: 'Jon Smith', email: 'jon@example.com' },
			archived: false,
			last_message: { from: 'client', content: 'Thanks!', timestamp: Date.parse('2030-01-03T10:02:00.000Z') },
		},
	]);
});

test('Return All reads 250 at a time, GoSquared\'s maximum', async () => {
	seedChats(600);
	const all = withParameters(workflow(), 'Get Chats', { returnAll: true });
	const result = await runWorkflow(all, { credentials: credentials() });
	expect(gosquared().requests.map((request) => request.query.limit)).toEqual(['0,250', '250,250', '500,250']);
	expect(result.output('Get Chats')).toHaveLength(600);
});

test('From and To are sent as ISO 8601 in UTC, and checked against each other first', async () => {
	seedChats(5);
	const ranged = withParameters(workflow(), 'Get Chats', { returnAll: true, options: { from: '2030-01-01T00:00:01Z', to: '2030-01-01T00:00:03Z' } });
	const result = await runWorkflow(ranged, { credentials: credentials() });
	expect(gosquared().requests[0].query).toMatchObject({ from: '2030-01-01T00:00:01.000Z', to: '2030-01-01T00:00:03.000Z' });
	expect(result.output('Get Chats').map((item) => item.json.id)).toEqual(['visitor-2', 'visitor-1']);

	gosquared().reset();
	const reversed = withParameters(workflow(), 'Get Chats', { options: { from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' } });
	const refused = await runWorkflow(reversed, { credentials: credentials() });
	expect(refused.error('Get Chats')?.message).toBe('"To" must not be earlier than From (2030-01-02T00:00:00.000Z), not 2030-01-01T00:00:00.000Z (item 0)');
	expect(gosquared().requests).toHaveLength(0);
});

test('a key without access to Live Chat fails with GoSquared\'s 4001', async () => {
	sandbox.current.services.gosquared.config.keys[1].scopes = [];
	const result = await runWorkflow(workflow(), { credentials: goSquaredCredentials(sandbox.current, { apiKey: sandbox.current.services.gosquared.config.keys[1].key }) });
	sandbox.current.services.gosquared.config.keys[1].scopes = ['read_people', 'read_chat'];
	expect(result.error('Get Chats')?.message).toBe('Error 4001: Your API Key is not authorised for this endpoint (HTTP 403): the API key is not authorised for this site');
	expect(result.error('Get Chats')?.description).toContain('(access to Live Chat)');
});

test('the picker lists the active chats by the person\'s name and email', async () => {
	const result = await searchList({ node: 'goSquared', method: 'searchChats', credentials: credentials(), parameters: { resource: 'chat', operation: 'get', chatId: byId('') } });
	expect(result.results).toEqual([{ name: 'Jon Smith <jon@example.com> (email:jon@example.com)', value: 'email:jon@example.com' }]);
	expect(gosquared().requests[0].query.limit).toBe('0,250');
});
