import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * The main connection, for the `inputs` and `outputs` of every node's description.
 *
 * n8n-workflow exports `NodeConnectionTypes` only since 1.83.0 (n8n 1.85). In the older n8n 1.x
 * this package supports, the import is undefined: `NodeConnectionTypes.Main` would throw
 * "Cannot read properties of undefined (reading 'Main')" while n8n loads the node, and the node
 * would never appear. Those versions know the same connection by the same value, 'main'. The
 * declared type is n8n-workflow's own, so a wrong value does not compile.
 */
export const MAIN_CONNECTION: typeof NodeConnectionTypes.Main = NodeConnectionTypes?.Main ?? 'main';
