/**
 * Workflows in which n8n's AI Agent calls this package's nodes as tools: a Manual Trigger, the AI
 * Agent (`@n8n/n8n-nodes-langchain.agent`), its OpenAI Chat Model (`lmChatOpenAi`, on Chat
 * Completions rather than the Responses API) and the tool nodes (the `…Tool` variants n8n makes of
 * nodes with `usableAsTool`), as the editor saves them. By default the versions n8n 2.41 adds
 * (agent 3.1, chat model 1.3); older n8n has older versions with other parameters.
 */
import { MODEL } from '../../sandbox/openai';
import { nodes, nodeType } from './package';

export interface ToolNode {
	name: string;
	/** The full type of the tool variant, e.g. `n8n-nodes-callgoose-ccai-gosquared.callgooseTool`. */
	type: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
}

type Credential = { id: string; name: string };

export const AGENT = 'AI Agent';
export const MANUAL_TRIGGER = 'Start';
const CHAT_MODEL = 'OpenAI Chat Model';

/** `={{ $fromAI(...) }}`: a value the model fills in, described to it by the tool's schema. */
export const fromAi = (key: string, description: string, type: 'string' | 'number') =>
	`={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(description)}, ${JSON.stringify(type)}) }}`;

const toolType = (name: string) => `${nodeType(nodes.find((node) => node.description.name === name)!)}Tool`;

export const TITLE_DESCRIPTION = 'A short title that says what is wrong';

/** Callgoose → Incident → Create, with the Title and the Correlation Value from the model. */
export const openIncidentTool = (callgooseApi: Credential): ToolNode => ({
	name: 'Open incident',
	type: toolType('callgoose'),
	parameters: {
		resource: 'incident',
		operation: 'create',
		title: fromAi('title', TITLE_DESCRIPTION, 'string'),
		correlationValue: fromAi('correlation_value', 'A stable identifier of the problem, for the event that will resolve it', 'string'),
	},
	credentials: { callgooseApi },
});

/** CCAI Platform → Call → Get, with the Call ID (By ID) from the model. */
export const getCallTool = (ccaiPlatformApi: Credential): ToolNode => ({
	name: 'Get call',
	type: toolType('ccaiPlatform'),
	parameters: { resource: 'call', operation: 'get', callId: { __rl: true, mode: 'id', value: fromAi('call_id', 'The numeric ID of the CCAI Platform call', 'number') } },
	credentials: { ccaiPlatformApi },
});

let nodeIds = 0;
const id = () => `a9e17000-0000-4000-8000-${String(++nodeIds).padStart(12, '0')}`;

/**
 * @param versions the AI Agent's and the chat model's type versions; `modelBaseUrl` for chat
 *   models before 1.2, whose OpenAI credential has no Base URL (the node's own option then).
 */
export function agentWorkflow(
	name: string,
	prompt: string,
	openAi: Credential,
	tools: ToolNode[],
	{ agent = 3.1, model = 1.3, modelBaseUrl }: { agent?: number; model?: number; modelBaseUrl?: string } = {},
) {
	const to = (type: string) => [[{ node: AGENT, type, index: 0 }]];
	// Before 2.0 the AI Agent had several kinds; 1.6 and later default to the Tools Agent.
	const agentParameters = { ...(agent < 2 ? { agent: 'toolsAgent' } : {}), promptType: 'define', text: prompt, options: {} };
	const modelParameters =
		model < 1.2
			? { model: MODEL, options: modelBaseUrl ? { baseURL: modelBaseUrl } : {} }
			: { model: { __rl: true, mode: 'id', value: MODEL }, ...(model >= 1.3 ? { responsesApiEnabled: false } : {}), options: {} };
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: id(), name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: id(), name: AGENT, type: '@n8n/n8n-nodes-langchain.agent', typeVersion: agent, position: [220, 0], parameters: agentParameters },
			{
				id: id(),
				name: CHAT_MODEL,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: model,
				position: [160, 220],
				parameters: modelParameters,
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

/** The output of an AI Agent's last run in an execution. */
export function agentAnswer(execution: { data: { resultData: { runData: Record<string, unknown> } } }): string {
	const runs = execution.data.resultData.runData[AGENT] as Array<{ data: { main: Array<Array<{ json: { output: string } }>> } }>;
	return runs.at(-1)!.data.main[0][0].json.output;
}
