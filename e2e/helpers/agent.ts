/**
 * Workflows in which n8n's AI Agent calls this package's nodes as tools: a Manual Trigger, the AI
 * Agent (`@n8n/n8n-nodes-langchain.agent` 3.1, n8n 2.41's default), its OpenAI Chat Model
 * (`lmChatOpenAi` 1.3, with Chat Completions rather than the Responses API) and the tool nodes
 * (the `…Tool` variants n8n makes of nodes with `usableAsTool`), as the editor saves them.
 */
import { MODEL } from '../../sandbox/openai';

export interface ToolNode {
	name: string;
	/** The full type of the tool variant, e.g. `n8n-nodes-callgoose-ccai-gosquared.callgooseTool`. */
	type: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
}

export const AGENT = 'AI Agent';
export const MANUAL_TRIGGER = 'Start';
const CHAT_MODEL = 'OpenAI Chat Model';

/** `={{ $fromAI(...) }}`: a value the model fills in, described to it by the tool's schema. */
export const fromAi = (key: string, description: string, type: 'string' | 'number') =>
	`={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(description)}, ${JSON.stringify(type)}) }}`;

let nodeIds = 0;
const id = () => `a9e17000-0000-4000-8000-${String(++nodeIds).padStart(12, '0')}`;

export function agentWorkflow(name: string, prompt: string, openAi: { id: string; name: string }, tools: ToolNode[]) {
	const to = (type: string) => [[{ node: AGENT, type, index: 0 }]];
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: id(), name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: id(),
				name: AGENT,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [220, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: id(),
				name: CHAT_MODEL,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [160, 220],
				parameters: { model: { __rl: true, mode: 'id', value: MODEL }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: openAi },
			},
			...tools.map((tool, index) => ({ id: id(), typeVersion: 1, position: [360 + 160 * index, 220], ...tool })),
		],
		connections: {
			[MANUAL_TRIGGER]: { main: to('main') },
			[CHAT_MODEL]: { ai_languageModel: to('ai_languageModel') },
			...Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: to('ai_tool') }])),
		},
	};
}
