/**
 * The sandbox's scripted model (sandbox/openai.js), which the end-to-end test's AI Agent talks to
 * through n8n's OpenAI Chat Model node: it answers as an OpenAI-compatible server does, calls only
 * tools it is offered, and quotes the tools' results in its final answer.
 */
import axios from 'axios';

import { DEFAULT_API_KEY, MODEL } from '../../sandbox/openai';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const complete = (body: Record<string, unknown>, key = DEFAULT_API_KEY) =>
	axios.post(`${sandbox.current.baseUrls.openai}/chat/completions`, body, {
		headers: { authorization: `Bearer ${key}` },
		validateStatus: () => true,
	});
const script = (body: Record<string, unknown>) => axios.post(`${sandbox.current.url}/_sandbox/openai/scripts`, body);
const tool = (name: string, properties: string[]) => ({
	type: 'function',
	function: { name, description: name, parameters: { type: 'object', properties: Object.fromEntries(properties.map((key) => [key, { type: 'string' }])), required: properties } },
});
const user = { role: 'user', content: 'Please look up call 398 for me.' };

test('lists its model, and refuses a wrong API key with OpenAI’s error shape', async () => {
	const models = await axios.get(`${sandbox.current.baseUrls.openai}/models`, { headers: { authorization: `Bearer ${DEFAULT_API_KEY}` } });
	expect(models.data.data.map((model: { id: string }) => model.id)).toEqual([MODEL]);
	const refused = await complete({ model: MODEL, messages: [user] }, 'sk-wrong');
	expect({ status: refused.status, code: refused.data.error.code }).toEqual({ status: 401, code: 'invalid_api_key' });
});

test('answers a scripted question with tool calls, then quotes each tool result in its final answer', async () => {
	await script({ when: 'call 398', calls: [{ tool: 'Get_call', arguments: { call_id: '398' } }], answer: 'Call 398:' });
	const first = await complete({ model: MODEL, messages: [user], tools: [tool('Get_call', ['call_id'])], stream: false });
	expect(first.status).toBe(200);
	const [choice] = first.data.choices;
	expect(choice.finish_reason).toBe('tool_calls');
	expect(choice.message.tool_calls).toEqual([{ id: expect.any(String), type: 'function', function: { name: 'Get_call', arguments: '{"call_id":"398"}' } }]);

	const result = '[{"id":398,"status":"finished"}]';
	const second = await complete({
		model: MODEL,
		messages: [user, choice.message, { role: 'tool', tool_call_id: choice.message.tool_calls[0].id, content: result }],
		tools: [tool('Get_call', ['call_id'])],
	});
	expect(second.data.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: `Call 398:\nGet_call returned: ${result}` } });
	expect((await axios.get(`${sandbox.current.url}/_sandbox/openai/requests`)).data.map((request: { path: string; status: number }) => [request.path, request.status])).toEqual([
		['/v1/chat/completions', 200],
		['/v1/chat/completions', 200],
	]);
});

test('like a real model, calls only tools it is offered, with argument names from their schema', async () => {
	await script({ when: 'call 398', calls: [{ tool: 'Get_call', arguments: { id: '398' } }] });
	const unoffered = await complete({ model: MODEL, messages: [user], tools: [tool('Open_incident', ['title'])] });
	expect({ status: unoffered.status, message: unoffered.data.error.message }).toEqual({
		status: 400,
		message: 'The sandbox model was scripted to call "Get_call", but the request offers only: Open_incident',
	});
	const misnamed = await complete({ model: MODEL, messages: [user], tools: [tool('Get_call', ['call_id'])] });
	expect(misnamed.data.error.message).toBe('The arguments scripted for "Get_call" do not fit its schema (properties: call_id): unknown id, missing call_id');
});

test('refuses a stream and a question it has no script for, instead of inventing an answer', async () => {
	expect((await complete({ model: MODEL, messages: [user], stream: true })).data.error.param).toBe('stream');
	const unscripted = await complete({ model: MODEL, messages: [user] });
	expect({ status: unscripted.status, message: unscripted.data.error.message }).toEqual({
		status: 400,
		message: 'The sandbox model has no script for: Please look up call 398 for me.',
	});
});
