/**
 * Chat → Archive, by real workflow executions against the sandbox.
 */
import { goSquaredCredentials, siteData } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-chat-archive.json');

test('archives the chat, which leaves the active chats, and outputs { archived: true, chatId }', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [{ chat: 'jon@example.com' }] });
	const [request] = gosquared().requests;
	expect([request.method, request.path]).toEqual(['POST', '/chat/v1/chats/email%3Ajon%40example.com/archive']);
	expect(result.output('Archive Chat')).toEqual([{ json: { archived: true, chatId: 'email:jon@example.com', success: true }, pairedItem: { item: 0 } }]);
	expect(siteData(sandbox.current).chats.get('email:jon@example.com')?.archived).toBe(true);
});

test('archiving is safe to repeat: a timeout or a 5xx is retried', async () => {
	gosquared().addFault({ method: 'POST', path: '/chat/v1/chats/email%3Ajon%40example.com/archive', status: 502 });
	gosquared().addFault({ method: 'POST', path: '/chat/v1/chats/email%3Ajon%40example.com/archive', delayMs: 800, process: true });
	const slow = withParameters(workflow(), 'Archive Chat', { requestOptions: { timeout: 300 } });
	const result = await runWorkflow(slow, { credentials: credentials(), input: [{ chat: 'jon@example.com' }] });
	expect(result.output('Archive Chat')[0].json).toMatchObject({ archived: true });
	expect(gosquared().requests.length).toBe(3);
});

test('a chat that does not exist fails with GoSquared\'s 404', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [{ chat: 'nobody' }] });
	expect(result.error('Archive Chat')?.message).toBe('Error 4004: Invalid value: no chat with ID nobody (HTTP 404): no such chat');
});
