import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { agentStatusOf } from '../helpers/descriptions';
import { AGENT_STATUSES, AGENTS, TEAMS } from '../transport/listing';
import { pickerEntries, pickerLabel } from './listSearch';

/**
 * The lists behind the fields that take several IDs (Agents, Teams, Statuses): every entry of the
 * Manager API's list, read through the same request layer as the operations (Basic auth,
 * redaction, the shared 10 requests/s), each once, at most PICKER_LIMIT; the editor's list is
 * searched as you type. Each option's value is the ID sent.
 */

/** "Alex Agent (2) · Available", sorted by that label. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await pickerEntries(this, AGENTS, { sort_column: 'status_updated_at', sort_direction: 'ASC' });
	return agents
		.map((agent) => ({
			name: pickerLabel(agent, 'Agent', agentStatusOf(agent)?.name),
			value: Number(agent.id),
			description: typeof agent.email === 'string' ? agent.email : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** "Support (1)", sorted by that label. */
export async function getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const teams = await pickerEntries(this, TEAMS);
	return teams.map((team) => ({ name: pickerLabel(team, 'Team'), value: Number(team.id) })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The agent statuses by ID (Agent → Get Many's Statuses filter), in the list's order. */
export async function getAgentStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const statuses = await pickerEntries(this, AGENT_STATUSES);
	return statuses.map((status) => ({ name: pickerLabel(status, 'Status'), value: Number(status.id) }));
}

