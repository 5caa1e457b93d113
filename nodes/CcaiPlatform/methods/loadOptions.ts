import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { nameOf } from '../helpers/descriptions';
import { AGENT_STATUSES, AGENTS, TEAMS } from '../transport/listing';
import { pickerEntries } from './listSearch';

/**
 * The lists behind the fields that take several IDs (Agents, Teams, Statuses): every entry of the
 * Manager API's list, read through the same request layer as the operations (Basic auth,
 * redaction, the shared 10 requests/s), each once, at most PICKER_LIMIT; the editor's list is
 * searched as you type. Each option's value is the ID sent.
 */

/** "Alex Agent (2) · Available", in the list's order. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await pickerEntries(this, AGENTS, { sort_column: 'status_updated_at', sort_direction: 'ASC' });
	return agents
		.map((agent) => {
			const status = (agent.status as IDataObject | null | undefined)?.name;
			const name = [`${nameOf(agent) || 'Agent'} (${String(agent.id)})`, typeof status === 'string' ? status : ''].filter((part) => part !== '').join(' · ');
			return { name, value: Number(agent.id), description: typeof agent.email === 'string' ? agent.email : undefined };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** "Support (1)". */
export async function getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const teams = await pickerEntries(this, TEAMS);
	return teams.map((team) => ({ name: `${nameOf(team) || 'Team'} (${String(team.id)})`, value: Number(team.id) })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The agent statuses by ID (Agent → Get Many's Statuses filter). */
export async function getAgentStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const statuses = await pickerEntries(this, AGENT_STATUSES);
	return statuses.map((status) => ({ name: `${nameOf(status) || 'Status'} (${String(status.id)})`, value: Number(status.id) }));
}

