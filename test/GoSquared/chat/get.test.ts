/**
 * Chat → Get, by real workflow executions against the sandbox.
 */
import { goSquaredCredentials } from '../../helpers/gosquared';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);

test('gets a chat by the person\'s ID, archived ones too', async () => {
	const result = await runWorkflow(workflowFile('gosquared-chat-get.json'), { credentials: credentials(), input: [{ chat: 'ben@example.com' }] });
	expect(gosquared().requests.map((request) => request.path)).toEqual(['/chat/v1/chats/email%3Aben%40example.com']);
	expect(result.output('Get Chat')[0].json).toMatchObject({ id: 'email:ben@example.com', archived: true, last_message: { content: 'Do you ship to Canada?' } });
});

test('a chat that does not exist fails with GoSquared\'s 404', async () => {
	const result = await runWorkflow(workflowFile('gosquared-chat-get.json'), { credentials: credentials(), input: [{ chat: 'user-42' }] });
	expect(result.error('Get Chat')?.message).toBe('Error 4004: Invalid value: no chat with ID user-42 (HTTP 404): no such chat');
	expect(result.error('Get Chat')?.description).toContain("a chat's ID is its person's ID");
});
