// @ts-check
'use strict';

/**
 * The CCAI Platform sandbox's agents, teams, agent statuses and queues (menus):
 *   GET  /manager/api/v1/agents                  filters id[], agent_number[], status_id[], online[],
 *                                                status_updated_at[from]/[to]; sort; paged like calls
 *   GET  /manager/api/v1/teams                   paged
 *   GET  /manager/api/v1/user_statuses           the statuses an agent can be in, paged
 *   GET  /manager/api/v1/menus (and /menu)       sort_column (any field), sort_direction; paged
 *   GET  /manager/api/v1/menus/tree              the menus in the order callers walk through them, paged
 *   GET  /manager/api/v1/menus/:id               one menu
 *   GET  /manager/api/v1/menus/current_status    the menus with calls waiting now
 *   GET  /manager/api/v1/menus/sla?minutes=N     the SLA of each menu over the last N minutes
 *   POST /apps/api/v1/agent_statuses             { status, agent_ids, team_ids }: many agents at once
 *
 * What it follows, and from where (the README's "What the nodes rely on" has the links):
 * - documented: the agent object and its filters (manager-api-agent), the menu object, the seven
 *   menu endpoints and that any field of a menu sorts the list (manager-api-menu), the body of
 *   agent_statuses and its answer, one entry per agent with `previous_status` and
 *   `current_status`, and that moving an agent to or from a system status such as In-Call is an
 *   error (apps-api-agent-status);
 * - seen in a public client (singer-io/tap-ujet): the paths `agents`, `menus`, `menus/tree`, `teams`,
 *   `user_statuses`, all paged with page and per; agents tailed by `status_updated_at`; the user
 *   status object (`id`, `name`, `color`, `wfm_id`);
 * - inferred, and marked so in the README: that the paths are served under both `/menu` and
 *   `/menus` (the menu page writes both), the shapes of current_status and sla and the `minutes`
 *   parameter, the tree as a flat list in walking order, that the whole agent_statuses request is
 *   refused (400, `{ message }`) when the status or one of the agents is a system one, and how an
 *   unknown status or agent is answered.
 */

const manager = require('./ccai-manager');

/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Answer */

/** The statuses an agent can be in; `system`: set by CCAI Platform itself, never by the API. */
const STATUSES = [
	{ id: 1, name: 'Available', color: '#2ecc71', wfm_id: 1, system: false },
	{ id: 2, name: 'Lunch', color: '#f39c12', wfm_id: 2, system: false },
	{ id: 3, name: 'Break', color: '#e67e22', wfm_id: 3, system: false },
	{ id: 4, name: 'Training', color: '#3498db', wfm_id: 4, system: false },
	{ id: 5, name: 'Offline', color: '#95a5a6', wfm_id: 5, system: false },
	{ id: 6, name: 'In-Call', color: '#e74c3c', wfm_id: 6, system: true },
	{ id: 7, name: 'Wrap-up', color: '#9b59b6', wfm_id: 7, system: true },
];

const TEAMS = [
	{ id: 1, name: 'Support', parent_id: null, position: 0, deleted: false },
	{ id: 2, name: 'Sales', parent_id: null, position: 1, deleted: false },
];

/** Per agent of the CCAI sandbox's config (by ID): status, team, number; agents not listed are Available in Support. */
const AGENT_DETAILS = {
	1: { status: 'Available', team: 1 },
	2: { status: 'Available', team: 1 },
	3: { status: 'In-Call', team: 1 },
	4: { status: 'Offline', team: 2, online: false },
	5: { status: 'Available', team: 2 },
};

/** Where each menu of the config sits in the tree callers walk through (parent, position). */
/** @type {Record<number, [number | null, number]>} */
const MENU_TREE = { 9: [null, 0], 12: [null, 1], 20: [12, 0], 21: [12, 1], 50: [null, 2] };
const MENU_TYPES = { ivr: 'ivr_menu', mobile: 'mobile_menu', web: 'web_menu' };
/** A call answered within this many seconds of waiting counts as within the SLA. */
const SLA_SECONDS = 30;

/**
 * @typedef {{ id: number, email: string, name: string, available: boolean, canCall: boolean, outboundNumbers?: string[] }} ConfigAgent
 * @typedef {ConfigAgent & { agentNumber: string, status: string, statusUpdatedAt: string, online: boolean, teamIds: number[] }} SandboxAgent
 */

/**
 * The agents of the config, with a status, a team and an agent number; `available` (may take an
 * outbound call) follows the status: Available.
 * @param {ConfigAgent[]} agents
 * @param {number} nowMs
 * @returns {SandboxAgent[]}
 */
function seedAgents(agents, nowMs) {
	return agents.map((agent, index) => {
		const details = AGENT_DETAILS[/** @type {keyof typeof AGENT_DETAILS} */ (agent.id)] ?? { status: 'Available', team: 1 };
		return {
			...agent,
			agentNumber: `A-${100 + agent.id}`,
			status: details.status,
			// A minute apart, the first the longest in its status.
			statusUpdatedAt: new Date(nowMs - (agents.length - index) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			online: 'online' in details ? Boolean(details.online) : true,
			teamIds: [details.team],
			available: details.status === 'Available',
		};
	});
}

/** @param {string} name */
const statusNamed = (name) => STATUSES.find((status) => status.name.toLowerCase() === name.trim().toLowerCase());

/** @param {{ id: number, name: string, color: string, wfm_id: number }} status */
const statusObject = ({ id, name, color, wfm_id }) => ({ id, name, color, wfm_id });

/**
 * @param {SandboxAgent} agent
 */
function teamObjects(agent) {
	return TEAMS.filter((team) => agent.teamIds.includes(team.id)).map((team) => ({ ...team, agents_count: 0 }));
}

/**
 * An agent as the agent page's model shows one.
 * @param {SandboxAgent} agent
 * @param {Menu[]} menus
 */
function agentObject(agent, menus) {
	const [first, ...rest] = agent.name.split(' ');
	const status = statusNamed(agent.status) ?? STATUSES[0];
	return {
		id: agent.id,
		email: agent.email,
		created_at: '2019-01-01T00:00:00.000Z',
		last_login_time: agent.statusUpdatedAt,
		first_name: first,
		middle_name: null,
		last_name: rest.join(' '),
		avatar_url: 'https://acme.example/default-profile.png',
		agent_number: agent.agentNumber,
		status: statusObject(status),
		status_updated_at: agent.statusUpdatedAt,
		crm_authenticated: true,
		online: agent.online,
		wrap_up: status.name === 'Wrap-up',
		call_count: status.name === 'In-Call' ? 1 : 0,
		chat_count: 0,
		location: 'Remote',
		roles: ['agent'],
		teams: teamObjects(agent),
		channels: menus.filter((menu) => menu.type !== 'web').map((menu) => ({ channel_type: 'voice_call', menu: menuSummary(menu) })),
	};
}

/** @typedef {{ id: number, name: string, type: 'ivr' | 'mobile' | 'web', state: string }} Menu */

/** @param {Menu} menu */
function menuSummary(menu) {
	const [parent, position] = MENU_TREE[menu.id] ?? [null, 0];
	return { id: menu.id, name: menu.name, parent_id: parent, position, deleted: false, hidden: false, menu_type: MENU_TYPES[menu.type], output_msg: `You selected ${menu.name}.` };
}

/**
 * A menu as the menu page's model shows one, with its agent and team assignments.
 * @param {Menu} menu
 * @param {SandboxAgent[]} agents
 */
function menuObject(menu, agents) {
	const assignee = (/** @type {SandboxAgent} */ agent) => {
		const [first, ...rest] = agent.name.split(' ');
		return { id: agent.id, name: agent.name, last_name: rest.join(' '), first_name: first, agent_number: agent.agentNumber, avatar_url: 'https://acme.example/default-profile.png' };
	};
	const team = TEAMS[menu.type === 'web' ? 1 : 0];
	const members = agents.filter((agent) => agent.teamIds.includes(team.id));
	return {
		...menuSummary(menu),
		agent_assignments: members.map((agent) => ({ lang: 'en', queue_level: 'primary', channel_type: 'voice_call', assignee: assignee(agent) })),
		team_assignments: [{ lang: 'en', queue_level: 'primary', channel_type: 'voice_call', team: { ...team, agents_count: members.length, assignees: members.map(assignee) } }],
	};
}

/**
 * The values of a query parameter that may repeat (`id[]=1&id[]=2`).
 * @param {Record<string, string[]>} queryAll
 * @param {string} name
 */
const values = (queryAll, name) => queryAll[name] ?? [];

/**
 * GET /manager/api/v1/agents.
 * @param {SandboxAgent[]} agents
 * @param {Menu[]} menus
 * @param {Record<string, string>} query
 * @param {Record<string, string[]>} queryAll
 * @param {string} selfUrl
 * @returns {Answer}
 */
function listAgents(agents, menus, query, queryAll, selfUrl) {
	const paging = manager.pageParameters(query);
	if ('error' in paging) return paging.error;
	/** @type {Array<(agent: Record<string, any>) => boolean>} */
	const tests = [];
	const ids = values(queryAll, 'id[]');
	if (ids.length) tests.push((agent) => ids.includes(String(agent.id)));
	const numbers = values(queryAll, 'agent_number[]');
	if (numbers.length) tests.push((agent) => numbers.includes(agent.agent_number));
	const statusIds = values(queryAll, 'status_id[]');
	if (statusIds.length) tests.push((agent) => statusIds.includes(String(agent.status.id)));
	const online = values(queryAll, 'online[]');
	if (online.some((value) => value !== 'true' && value !== 'false')) return manager.managerError(400, `online[] must be true or false, not "${online.join(',')}"`);
	if (online.length) tests.push((agent) => online.includes(String(agent.online)));
	for (const bound of ['from', 'to']) {
		const raw = query[`status_updated_at[${bound}]`];
		if (raw === undefined) continue;
		const at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? Date.parse(raw) : NaN;
		if (Number.isNaN(at)) return manager.managerError(400, `status_updated_at[${bound}] is not a valid date-time: "${raw}"`);
		tests.push((agent) => (bound === 'from' ? Date.parse(agent.status_updated_at) >= at : Date.parse(agent.status_updated_at) <= at));
	}
	const sorted = sortBy(
		agents.map((agent) => agentObject(agent, menus)).filter((agent) => tests.every((test) => test(agent))),
		query,
	);
	if ('error' in sorted) return sorted.error;
	return manager.pageOf(sorted.records, query, selfUrl, paging.page, paging.per);
}

/**
 * Records sorted by `sort_column` (any field of the record; times as times) and `sort_direction`
 * (ASC by default), ties by ID.
 * @param {Array<Record<string, any>>} records
 * @param {Record<string, string>} query
 * @returns {{ records: Array<Record<string, any>> } | { error: Answer }}
 */
function sortBy(records, query) {
	const column = query.sort_column ?? 'id';
	const direction = (query.sort_direction ?? 'ASC').toUpperCase();
	if (direction !== 'ASC' && direction !== 'DESC') return { error: manager.managerError(400, 'sort_direction must be ASC or DESC') };
	if (records.length > 0 && !(column in records[0])) return { error: manager.managerError(400, `sort_column ${column} is not a field`) };
	const sign = direction === 'ASC' ? 1 : -1;
	const key = (/** @type {Record<string, any>} */ record) => {
		const value = record[column];
		return typeof value === 'string' && column.endsWith('_at') ? Date.parse(value) : value;
	};
	return {
		records: [...records].sort((a, b) => {
			const [x, y] = [key(a), key(b)];
			return sign * (x < y ? -1 : x > y ? 1 : 0) || a.id - b.id;
		}),
	};
}

/**
 * The menus in the order callers walk through them: each parent, then its children.
 * @param {Menu[]} menus
 */
function walkingOrder(menus) {
	/** @type {Menu[]} */
	const order = [];
	const childrenOf = (/** @type {number | null} */ parent) =>
		menus.filter((menu) => menuSummary(menu).parent_id === parent).sort((a, b) => menuSummary(a).position - menuSummary(b).position);
	const visit = (/** @type {Menu} */ menu) => {
		order.push(menu);
		childrenOf(menu.id).forEach(visit);
	};
	childrenOf(null).forEach(visit);
	return order;
}

/**
 * The menu routes: the list, the tree, one menu, current_status, sla.
 * @param {string} rest  what follows /manager/api/v1/menu(s)
 * @param {{ menus: Menu[], agents: SandboxAgent[], calls: Array<{ call: Record<string, any>, menuId: number | null }>, nowMs: number }} state
 * @param {Record<string, string>} query
 * @param {string} selfUrl
 * @returns {Answer}
 */
function menus(rest, { menus: all, agents, calls, nowMs }, query, selfUrl) {
	if (rest === '' || rest === '/tree') {
		const paging = manager.pageParameters(query);
		if ('error' in paging) return paging.error;
		if (rest === '/tree') return manager.pageOf(walkingOrder(all).map(menuSummary), query, selfUrl, paging.page, paging.per);
		const sorted = sortBy(all.map((menu) => menuObject(menu, agents)), query);
		if ('error' in sorted) return sorted.error;
		return manager.pageOf(sorted.records, query, selfUrl, paging.page, paging.per);
	}
	if (rest === '/current_status') {
		const waiting = all
			.map((menu) => ({ menu, queued: calls.filter((stored) => stored.menuId === menu.id && stored.call.status === 'queued') }))
			.filter(({ queued }) => queued.length > 0)
			.map(({ menu, queued }) => ({
				menu_id: menu.id,
				menu_name: menu.name,
				menu_type: MENU_TYPES[menu.type],
				channel_type: 'voice_call',
				in_queue: queued.length,
				longest_wait: Math.max(...queued.map(({ call }) => Math.round((nowMs - Date.parse(String(call.queued_at ?? call.created_at))) / 1000))),
			}));
		return { status: 200, body: waiting };
	}
	if (rest === '/sla') {
		const minutes = Number(query.minutes);
		if (!/^[1-9]\d*$/.test(query.minutes ?? '')) return manager.managerError(400, `minutes must be a positive integer, not "${query.minutes ?? ''}"`);
		const since = nowMs - minutes * 60_000;
		const body = walkingOrder(all).map((menu) => {
			const recent = calls.filter((stored) => stored.menuId === menu.id && Date.parse(stored.call.created_at) >= since);
			const answered = recent.filter((stored) => stored.call.connected_at);
			const within = answered.filter((stored) => stored.call.wait_duration <= SLA_SECONDS);
			return {
				menu_id: menu.id,
				menu_path: menu.name,
				calls: recent.length,
				answered: answered.length,
				answered_within_sla: within.length,
				sla_seconds: SLA_SECONDS,
				sla_percentage: recent.length ? Math.round((within.length / recent.length) * 1000) / 10 : null,
			};
		});
		return { status: 200, body };
	}
	const one = /^\/(\d+)$/.exec(rest);
	const menu = one ? all.find((candidate) => candidate.id === Number(one[1])) : undefined;
	return menu ? { status: 200, body: menuObject(menu, agents) } : manager.managerError(404, `Menu ${rest.slice(1)} not found`);
}

/**
 * POST /apps/api/v1/agent_statuses. The whole request is refused when the status is a system one,
 * or one of the agents (named, or in one of the teams) is in one.
 * @param {SandboxAgent[]} agents
 * @param {unknown} json
 * @param {number} nowMs
 * @returns {Answer}
 */
function setStatuses(agents, json, nowMs) {
	const invalid = (/** @type {string} */ message) => ({ status: 400, body: { message } });
	const body = json && typeof json === 'object' && !Array.isArray(json) ? /** @type {Record<string, any>} */ (json) : {};
	if (typeof body.status !== 'string' || body.status.trim() === '') return invalid('status is required');
	for (const key of ['agent_ids', 'team_ids']) {
		const list = body[key];
		if (!Array.isArray(list) || !list.every((id) => Number.isSafeInteger(id) && id > 0)) return invalid(`${key} must be an array of integers`);
	}
	if (body.agent_ids.length === 0 && body.team_ids.length === 0) return invalid('agent_ids or team_ids required');
	const status = statusNamed(body.status);
	if (!status) return invalid(`Status '${body.status}' is not found`);
	if (status.system) return invalid(`Can't change agents to the system status '${status.name}'`);
	const unknownAgent = body.agent_ids.find((/** @type {number} */ id) => !agents.some((agent) => agent.id === id));
	if (unknownAgent !== undefined) return invalid(`Agent ${unknownAgent} is not found`);
	const unknownTeam = body.team_ids.find((/** @type {number} */ id) => !TEAMS.some((team) => team.id === id));
	if (unknownTeam !== undefined) return invalid(`Team ${unknownTeam} is not found`);
	const chosen = agents.filter((agent) => body.agent_ids.includes(agent.id) || agent.teamIds.some((id) => body.team_ids.includes(id)));
	const busy = chosen.filter((agent) => statusNamed(agent.status)?.system);
	if (busy.length) {
		return invalid(`Can't change the status of agents in a system status: ${busy.map((agent) => `${agent.name} (${agent.id}) is ${agent.status}`).join(', ')}`);
	}
	const changedAt = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		status: 200,
		body: chosen.map((agent) => {
			const previous = agent.status;
			agent.status = status.name;
			agent.statusUpdatedAt = changedAt;
			agent.available = status.name === 'Available';
			return { agent_id: agent.id, name: agent.name, email: agent.email, agent_number: agent.agentNumber, previous_status: previous, current_status: status.name };
		}),
	};
}

module.exports = {
	STATUSES,
	TEAMS,
	seedAgents,
	listAgents,
	menus,
	setStatuses,
	sortBy,
	statusObject,
	teamObjects,
};
