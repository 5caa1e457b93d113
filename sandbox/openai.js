// @ts-check
'use strict';

/**
 * A stand-in for an OpenAI-compatible model server, so that n8n's AI Agent with its OpenAI Chat
 * Model node can call this package's nodes as tools against the sandbox. It serves what that node
 * uses from https://api.openai.com/v1, below its prefix:
 *   GET  /v1/models             the model list (the credential's test, the editor's model picker)
 *   POST /v1/chat/completions   Chat Completions, without streaming
 * - Bearer auth with one API key; 401 with OpenAI's error shape otherwise.
 * - A scripted model, not a language model: a script names a phrase of the user's message, the
 *   tool calls to answer it with (tool name and arguments), and the first line of the final answer.
 *   The first completion of a conversation answers with those tool calls (`finish_reason:
 *   "tool_calls"`), as a real model does; the next one, which carries the tools' results as `tool`
 *   messages, answers with a text that quotes each result under the name of its tool.
 * - Like a real model, it only calls tools the request offers, with argument names from the offered
 *   schema (400 otherwise: the test then fails saying so). It does not check argument types: a real
 *   model can send "abc" where a number is asked for, and the node has to refuse it.
 * - n8n's agent asks for a stream only when its trigger streams its response (a Chat Trigger or a
 *   Webhook set to streaming); the tests run it from a Manual Trigger, so `stream: true` gets a 400
 *   instead of a stream nobody tests.
 * Control routes, under /_sandbox/openai: POST /scripts (add a script), DELETE /scripts.
 */

const { SandboxService, bearerToken } = require('./lib');

/** The demo's and the tests' API key and model. */
const DEFAULT_API_KEY = 'sk-sandbox-5f0c2a7e9b1d4c6e8a3f0b2d4c6e8a1f';
const MODEL = 'sandbox-tool-caller';

/**
 * @typedef {object} Script
 * @property {string} when      a phrase of the user's message this script answers
 * @property {Array<{ tool: string, arguments: Record<string, unknown> }>} calls
 * @property {string} [answer]  the first line of the final answer
 * @typedef {{ role: string, content?: unknown, tool_calls?: Array<{ id: string, function: { name: string, arguments: string } }>, tool_call_id?: string }} Message
 * @typedef {{ type: string, function: { name: string, parameters?: { properties?: Record<string, unknown>, required?: string[] } } }} OfferedTool
 */

class OpenAiSandbox extends SandboxService {
	constructor() {
		super('openai');
		/** @type {Script[]} */
		this.scripts = [];
		this.completionSeq = 0;
	}

	reset() {
		super.reset();
		this.scripts = [];
		this.completionSeq = 0;
	}

	snapshot() {
		return { scripts: this.scripts, completions: this.completionSeq };
	}

	/** @param {import('./lib').RecordedRequest} request */
	handle(request) {
		const route = `${request.method} ${request.path}`;
		if (route !== 'GET /v1/models' && route !== 'POST /v1/chat/completions') {
			return failure(404, `Unknown request URL: ${route}`, 'invalid_request_error');
		}
		if (bearerToken(request) !== DEFAULT_API_KEY) {
			return failure(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
		}
		if (route === 'GET /v1/models') {
			return { status: 200, body: { object: 'list', data: [{ id: MODEL, object: 'model', created: 1767225600, owned_by: 'sandbox' }] } };
		}
		return this.complete(/** @type {Record<string, any>} */ (request.json ?? {}));
	}

	/** @param {Record<string, any>} body */
	complete(body) {
		if (body.stream === true) return failure(400, 'The sandbox model answers without streaming only.', 'invalid_request_error', null, 'stream');
		if (!Array.isArray(body.messages)) return failure(400, "'messages' is a required property", 'invalid_request_error', null, 'messages');
		/** @type {Message[]} */
		const messages = body.messages;
		const lastUser = messages.map((message) => message.role).lastIndexOf('user');
		const question = lastUser === -1 ? '' : text(messages[lastUser].content);
		const script = this.scripts.find((candidate) => question.includes(candidate.when));
		if (!script) return failure(400, `The sandbox model has no script for: ${question}`, 'invalid_request_error');

		const seq = ++this.completionSeq;
		const since = messages.slice(lastUser + 1);
		const results = since.filter((message) => message.role === 'tool');
		if (results.length === 0) {
			const offered = /** @type {OfferedTool[]} */ (Array.isArray(body.tools) ? body.tools : []);
			const problem = script.calls.map((call) => mismatch(call, offered)).find(Boolean);
			if (problem) return failure(400, problem, 'invalid_request_error', null, 'tools');
			const toolCalls = script.calls.map((call, index) => ({
				id: `call_sandbox_${seq}_${index}`,
				type: 'function',
				function: { name: call.tool, arguments: JSON.stringify(call.arguments) },
			}));
			return completion(seq, body.model, { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null }, 'tool_calls', messages);
		}

		// The final answer quotes each tool's result under the name the model called it by.
		const names = new Map(since.flatMap((message) => message.tool_calls ?? []).map((call) => [call.id, call.function.name]));
		const quoted = results.map((result) => `${names.get(result.tool_call_id ?? '') ?? 'unknown tool'} returned: ${text(result.content)}`);
		const answer = [script.answer ?? 'Here is what the tools returned.', ...quoted].join('\n');
		return completion(seq, body.model, { role: 'assistant', content: answer, refusal: null }, 'stop', messages);
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @param {unknown} json
	 */
	control(method, path, json) {
		if (path !== '/scripts') return undefined;
		if (method === 'DELETE') {
			this.scripts = [];
			return { status: 200, body: { ok: true } };
		}
		if (method !== 'POST') return undefined;
		const script = /** @type {Script} */ (json);
		if (typeof script?.when !== 'string' || script.when === '' || !Array.isArray(script.calls) || script.calls.length === 0) {
			return { status: 400, body: { message: 'a script needs "when" (text) and "calls" (at least one)' } };
		}
		this.scripts.push(script);
		return { status: 200, body: this.scripts };
	}
}

/**
 * Why a real model could not make this call with these tools, or undefined when it could.
 * @param {{ tool: string, arguments: Record<string, unknown> }} call
 * @param {OfferedTool[]} offered
 */
function mismatch(call, offered) {
	const tool = offered.find((candidate) => candidate.function?.name === call.tool);
	if (!tool) return `The sandbox model was scripted to call "${call.tool}", but the request offers only: ${offered.map((candidate) => candidate.function?.name).join(', ') || 'no tools'}`;
	const properties = Object.keys(tool.function.parameters?.properties ?? {});
	const unknown = Object.keys(call.arguments).filter((name) => !properties.includes(name));
	const missing = (tool.function.parameters?.required ?? []).filter((name) => !(name in call.arguments));
	if (unknown.length || missing.length) {
		return `The arguments scripted for "${call.tool}" do not fit its schema (properties: ${properties.join(', ')}): unknown ${unknown.join(', ') || 'none'}, missing ${missing.join(', ') || 'none'}`;
	}
	return undefined;
}

/** A message's text: a string, or the text parts of an array of parts. */
function text(/** @type {unknown} */ content) {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : '')).join('');
}

/**
 * A Chat Completions answer, with token counts estimated from the characters (about 4 per token).
 * @param {number} seq
 * @param {unknown} model
 * @param {Record<string, unknown>} message
 * @param {'stop' | 'tool_calls'} finishReason
 * @param {Message[]} prompt
 */
function completion(seq, model, message, finishReason, prompt) {
	const tokens = (/** @type {unknown} */ value) => Math.ceil(JSON.stringify(value).length / 4);
	const usage = { prompt_tokens: tokens(prompt), completion_tokens: tokens(message) };
	return {
		status: 200,
		body: {
			id: `chatcmpl-sandbox-${seq}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: typeof model === 'string' ? model : MODEL,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
			usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
		},
	};
}

/**
 * OpenAI's error shape.
 * @param {number} status
 * @param {string} message
 * @param {string} type
 * @param {string | null} [code]
 * @param {string | null} [param]
 */
function failure(status, message, type, code = null, param = null) {
	return { status, body: { error: { message, type, param, code } } };
}

module.exports = { OpenAiSandbox, DEFAULT_API_KEY, MODEL };
