import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { idListParameter, idListProperty } from '../../helpers/descriptions';
import { setAgentStatuses } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The status to set, by its name, e.g. Available or Lunch. CCAI Platform refuses system statuses such as In-Call, and agents who are in one.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a status...',
				typeOptions: { searchListMethod: 'searchAgentStatuses', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Available' },
		],
	},
	idListProperty({
		displayName: 'Agents',
		name: 'agentIds',
		loadOptionsMethod: 'getAgents',
		description: 'The agents to set: pick them, or give their numeric IDs, e.g. 11,12. Give agents, teams or both.',
	}),
	idListProperty({
		displayName: 'Teams',
		name: 'teamIds',
		loadOptionsMethod: 'getTeams',
		description: 'Every agent of these teams is set too: pick them, or give their numeric IDs, e.g. 1,2',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['updateStatus'] } }, properties);

/** Every Update Status item shares this key: they are sent one after another, in input order. */
const KEY = 'agentStatuses';

/**
 * POST /apps/api/v1/agent_statuses with `{ status, agent_ids, team_ids }` (both lists always sent,
 * as the page's example does): one item per agent CCAI Platform changed, as it answers
 * (`agent_id`, `previous_status`, `current_status`, …). The retry policy and why the items go one
 * after another: transport/index.ts, `setAgentStatuses`.
 */
export function prepare(item: Parameters): Prepared {
	const raw = item.value('status', '', { extractValue: true });
	const status = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (status === '') throw item.fail('Status', 'is required: give the name of an agent status, e.g. Available');
	const agentIds = idListParameter(item, 'agentIds', 'Agents', 'agent');
	const teamIds = idListParameter(item, 'teamIds', 'Teams', 'team');
	if (agentIds.length === 0 && teamIds.length === 0) {
		throw item.fail('Agents', 'and "Teams" are both empty: give at least one agent ID or team ID, e.g. 11');
	}
	return {
		key: KEY,
		async send(api) {
			return await setAgentStatuses(api, { status, agent_ids: agentIds, team_ids: teamIds });
		},
	};
}
