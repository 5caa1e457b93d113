// The exact configuration n8n's own tooling and its community-package scanner apply:
// @n8n/eslint-plugin-community-nodes (recommended) plus eslint-plugin-n8n-nodes-base
// (community rules on package.json, credentials rules, nodes rules).
// `npm run lint` runs it with --no-inline-config, as the scanner does.
import { config } from '@n8n/node-cli/eslint';

export default config;
