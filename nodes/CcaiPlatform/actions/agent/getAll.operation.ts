import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersProperty, returnAllProperties, simplifyParameter } from '../../../shared/descriptions';
import type { Prepared } from '../../../shared/itemLoop';
import { pick, type Parameters } from '../../../shared/validation';
import { managerTime, optionalDateRange, within } from '../../helpers/dateTime';
import { agentStatusOf, idListParameter, idListProperty, nameOf, simplifyKeepingProperty } from '../../helpers/descriptions';
import { AGENTS, collectList } from '../../transport/listing';

/** What Simplify keeps of an agent; `status` becomes the status's name, `teams` the teams' names. */
const SIMPLE_AGENT_FIELDS = ['id', 'name', 'email', 'agent_number', 'status', 'status_updated_at', 'online', 'wrap_up', 'call_count', 'chat_count', 'teams'];

const ONLINE: Record<string, boolean | undefined> = { any: undefined, online: true, offline: false };

const properties: INodeProperties[] = [
	...returnAllProperties,
	filtersProperty('Only agents that pass every filter added here', [
		idListProperty({
			displayName: 'Agent IDs',
			name: 'agentIds',
			loadOptionsMethod: 'getAgents',
			description: 'Only these agents: pick them, or give their numeric IDs, e.g. 11,12. Sent as id[].',
		}),
		{
			displayName: 'Agent Numbers',
			name: 'agentNumbers',
			type: 'string',
			default: '',
			placeholder: 'e.g. A-102, A-103',
			description: 'Only agents with these agent numbers, separated by commas. Sent as agent_number[].',
		},
		{
			displayName: 'Online',
			name: 'online',
			type: 'options',
			options: [
				{ name: 'Online or Offline', value: 'any' },
				{ name: 'Online Only', value: 'online', description: 'Agents signed in to the agent adapter' },
				{ name: 'Offline Only', value: 'offline' },
			],
			default: 'any',
			description: 'Only agents who are signed in, or only those who are not. Sent as online[].',
		},
		idListProperty({
			displayName: 'Statuses',
			name: 'statusIds',
			loadOptionsMethod: 'getAgentStatuses',
			description: 'Only agents in one of these statuses: pick them, or give the numeric status IDs. Sent as status_id[].',
		}),
		{
			displayName: 'Status Updated After',
			name: 'statusUpdatedAfter',
			type: 'dateTime',
			default: '',
			description: "Only agents whose status changed at or after this time, e.g. 2026-12-01T08:00:00Z (the workflow's time zone when no offset is given). Sent as status_updated_at[from].",
		},
		{
			displayName: 'Status Updated Before',
			name: 'statusUpdatedBefore',
			type: 'dateTime',
			default: '',
			description: 'Only agents whose status changed at or before this time, e.g. 2026-12-01T18:00:00Z. Sent as status_updated_at[to].',
		},
	]),
	simplifyKeepingProperty('agent', SIMPLE_AGENT_FIELDS),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['getAll'] } }, properties);

/**
 * GET /manager/api/v1/agents, page after page, tailed oldest status change first
 * (`sort_column=status_updated_at`, `sort_direction=ASC`, `status_updated_at[from]`), as a public
 * client of the Manager API reads agents: an agent whose status changes while the pages are read
 * moves to the end, and comes out once (transport/listing.ts). The filters are sent to CCAI
 * Platform and checked again on each agent received, so that one the service does not apply holds.
 */
export function prepare(item: Parameters): Prepared {
	const limit = item.limit();
	const ids = idListParameter(item, 'filters.agentIds', 'Agent IDs', 'agent');
	const numbers = item
		.string('filters.agentNumbers', 'Agent Numbers')
		.split(',')
		.map((number) => number.trim())
		.filter((number) => number !== '');
	const online = item.choice('filters.online', 'Online', ONLINE, 'any', 'any, online, offline');
	const statusIds = idListParameter(item, 'filters.statusIds', 'Statuses', 'agent status');
	const changed = optionalDateRange(item, ['filters.statusUpdatedAfter', 'Status Updated After'], ['filters.statusUpdatedBefore', 'Status Updated Before']);
	const simplify = simplifyParameter(item);

	const query: IDataObject = { sort_column: 'status_updated_at', sort_direction: 'ASC' };
	if (ids.length) query['id[]'] = ids;
	if (numbers.length) query['agent_number[]'] = numbers;
	if (online !== undefined) query['online[]'] = [online];
	if (statusIds.length) query['status_id[]'] = statusIds;
	if (changed.from) query['status_updated_at[from]'] = managerTime(changed.from.getTime(), 'down');
	if (changed.to) query['status_updated_at[to]'] = managerTime(changed.to.getTime(), 'up');

	const accept = (agent: IDataObject) =>
		(!ids.length || ids.includes(Number(agent.id))) &&
		(!numbers.length || numbers.includes(String(agent.agent_number))) &&
		(online === undefined || agent.online === online) &&
		(!statusIds.length || statusIds.includes(Number(agentStatusOf(agent)?.id))) &&
		within(agent.status_updated_at, changed);
	return {
		async send(api) {
			const agents = await collectList(api, AGENTS, { query, limit, filtersLocally: false, accept });
			return simplify ? agents.map(simplified) : agents;
		},
	};
}

function simplified(agent: IDataObject): IDataObject {
	const teams = Array.isArray(agent.teams) ? (agent.teams as IDataObject[]).map((team) => team?.name).filter((name) => typeof name === 'string') : [];
	return pick({ ...agent, name: nameOf(agent), status: agentStatusOf(agent)?.name ?? null, teams }, SIMPLE_AGENT_FIELDS);
}
