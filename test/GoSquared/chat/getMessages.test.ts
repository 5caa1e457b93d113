/**
 * Chat → Get Messages (the chat's feed), by real workflow executions against the sandbox.
 */
import { goSquaredCredentials, siteData } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-chat-get-messages.json');

test('outputs one item per message of the conversation, newest first', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [{ chat: 'jon@example.com' }] });
	expect(gosquared().requests.map((request) => [request.path, request.query.limit])).toEqual([['/chat/v1/chats/email%3Ajon%40example.com/feed', '0,100']]);
	expect(result.output('Get Messages').map((item) => item.json.content)).toEqual(['Thanks!', 'Sorry to hear that, let me check', 'Hi, my order has not arrived']);
});

test('a long conversation is read 100 at a time; Limit stops early', async () => {
	const chat = siteData(sandbox.current).chats.get('email:jon@example.com')!;
	chat.feed = Array.from({ length: 230 }, (_, index) => ({ id: `n${index}`, type: 'message', from: 'client', content: `#${index}`, timestamp: Date.UTC(2030, 0, 1) + index }));
	const all = await runWorkflow(workflow(), { credentials: credentials(), input: [{ chat: 'jon@example.com' }] });
	expect(gosquared().requests.map((request) => request.query.limit)).toEqual(['0,100', '100,100', '200,100']);
	expect(all.output('Get Messages')).toHaveLength(230);

	gosquared().reset();
	siteData(sandbox.current).chats.get('email:jon@example.com')!.feed = chat.feed;
	const five = withParameters(workflow(), 'Get Messages', { returnAll: false, limit: 5 });
	const limited = await runWorkflow(five, { credentials: credentials(), input: [{ chat: 'jon@example.com' }] });
	expect(gosquared().requests.map((request) => request.query.limit)).toEqual(['0,5']);
	expect(limited.output('Get Messages').map((item) => item.json.content)).toEqual(['#229', '#228', '#227', '#226', '#225']);
});

test('an empty Chat ID fails before anything is sent', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [{ chat: '' }] });
	expect(result.error('Get Messages')?.message).toBe('"Chat ID" is required: give the person\'s ID or email address (item 0)');
	expect(gosquared().requests).toHaveLength(0);
});
