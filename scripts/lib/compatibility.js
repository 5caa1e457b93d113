// @ts-check
'use strict';

/**
 * The compatibility matrix: the n8n versions and Node versions the package is tested on
 * (`npm run test:matrix`, run by CI). The README's Compatibility section lists the same rows.
 *
 * - The oldest supported n8n, the newest n8n 1.x and the pinned n8n 2.x. The oldest is 1.72.1: before
 *   it, n8n cannot find a community node's credential test (`testedBy`; see the README).
 * - n8n 1.x runs on Node 20 or 22 (1.123 declares >=20.19 <=24.x; older 1.x <=22). Node 20 and 22
 *   come from the npm registry's `node` package, like the runtime's Node 24.
 * - n8n 1.123 on Node 20 needs `N8N_EXPRESSION_ENGINE=legacy`: its vm expression engine needs
 *   Node 22 ("IsolatePool failed to create any bridges" at start otherwise).
 * - Each n8n folder is built for the oldest Node it runs on (sqlite3's N-API binding loads on
 *   newer Node majors, not on older ones), so 1.123.81 is installed once for Node 20 and 22.
 */

/**
 * @typedef {object} MatrixLeg
 * @property {string} id    short name, for N8N_MATRIX
 * @property {string} n8n   exact n8n version
 * @property {string} node  exact Node version: n8n runs on it, and the README's manual install runs with it
 * @property {string} role  why this row is in the matrix
 * @property {Record<string, string>} [env]  extra environment for n8n
 * @property {boolean} agentTools  whether this n8n runs community nodes as an AI Agent's tools:
 *   from 1.85 it does; 1.79 to 1.84 only with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true; before
 *   1.79 it lists their `…Tool` variants but refuses to run a workflow that has one (no setting)
 */

/** @type {MatrixLeg[]} */
const MATRIX = [
	// N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE came with n8n 1.79: set here, it shows that no setting
	// makes 1.72.1 run a community node as a tool.
	{
		id: 'oldest',
		n8n: '1.72.1',
		node: '20.20.2',
		role: 'oldest supported n8n',
		env: { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' },
		agentTools: false,
	},
	{ id: 'newest-1x-node20', n8n: '1.123.81', node: '20.20.2', role: 'newest n8n 1.x', env: { N8N_EXPRESSION_ENGINE: 'legacy' }, agentTools: true },
	{ id: 'newest-1x-node22', n8n: '1.123.81', node: '22.23.3', role: 'newest n8n 1.x', agentTools: true },
	{ id: 'pinned-2x', n8n: '2.41.1', node: '24.21.0', role: 'pinned n8n 2.x (npm start, e2e)', agentTools: true },
];

/**
 * The legs to run: all of them, or those named in N8N_MATRIX (comma-separated ids, e.g.
 * "oldest,pinned-2x").
 * @param {string | undefined} [selection]
 */
function selectedLegs(selection = process.env.N8N_MATRIX) {
	if (!selection?.trim()) return MATRIX;
	const wanted = selection.split(',').map((id) => id.trim()).filter(Boolean);
	const unknown = wanted.filter((id) => !MATRIX.some((leg) => leg.id === id));
	if (unknown.length) throw new Error(`N8N_MATRIX names unknown legs: ${unknown.join(', ')} (known: ${MATRIX.map((leg) => leg.id).join(', ')})`);
	return MATRIX.filter((leg) => wanted.includes(leg.id));
}

/** The name a leg's tests carry, so that the summary can find them in Jest's results. */
const legName = (/** @type {MatrixLeg} */ leg) => `n8n ${leg.n8n} on Node ${leg.node}`;

module.exports = { MATRIX, selectedLegs, legName };
