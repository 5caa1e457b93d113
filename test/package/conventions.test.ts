/**
 * n8n's conventions for what the package declares, checked on the built classes and codex files:
 * codex categories from n8n's documented list (docs: "Node codex files", Node categories).
 */
import { readFileSync } from 'fs';
import path from 'path';

import { ROOT } from '../helpers/n8n';

const CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
];

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

test.each(pkg.n8n.nodes)('%s: its codex categories are n8n\'s documented ones', (file) => {
	const codex = JSON.parse(readFileSync(path.join(ROOT, file.replace(/\.js$/, '.json')), 'utf8')) as {
		categories: string[];
		subcategories?: Record<string, string[]>;
	};
	expect(codex.categories.length).toBeGreaterThan(0);
	for (const category of codex.categories) expect(CATEGORIES).toContain(category);
	for (const category of Object.keys(codex.subcategories ?? {})) expect(codex.categories).toContain(category);
});
