/**
 * n8n's conventions for what the package declares, checked on the built classes and codex files:
 * codex categories from n8n's documented list (docs: "Node codex files", Node categories), and
 * placeholders as its UX guidelines want them.
 */
import { readFileSync } from 'fs';
import path from 'path';

import type { INodeProperties } from 'n8n-workflow';

import { loaded, ROOT } from '../helpers/n8n';

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

/**
 * Every placeholder the editor shows, anywhere in a node's or credential's fields (collections,
 * fixed collections, a picker's modes), by n8n's UX guidelines: an example starting with "e.g.";
 * "Add …" on a collection's button; "Select a …" in a picker's list mode.
 */
function placeholders(properties: INodeProperties[], where: string): Array<[string, string, string]> {
	return properties.flatMap((property) => {
		const here = `${where} → ${property.displayName}`;
		const own: Array<[string, string, string]> =
			property.placeholder === undefined ? [] : [[here, property.type, String(property.placeholder)]];
		const modes = (property.modes ?? []).flatMap((mode): Array<[string, string, string]> =>
			mode.placeholder === undefined ? [] : [[`${here} (${mode.displayName})`, `mode:${mode.type}`, mode.placeholder]],
		);
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option) return placeholders(option.values, `${here} → ${option.displayName}`);
			if ('type' in option) return placeholders([option as INodeProperties], here);
			return [];
		});
		return [...own, ...modes, ...nested];
	});
}

const everyPlaceholder = [
	...[...loaded.nodes.values()].flatMap((node) => placeholders(node.description.properties, node.description.displayName)),
	...[...loaded.credentials.values()].flatMap((credential) => placeholders(credential.properties, credential.displayName)),
];

test('there are placeholders to check', () => {
	expect(everyPlaceholder.length).toBeGreaterThan(30);
});

test('every placeholder follows n8n\'s convention', () => {
	const convention = (type: string) => (type === 'collection' || type === 'fixedCollection' ? /^Add / : type === 'mode:list' ? /^Select an? / : /^e\.g\. \S/);
	expect(everyPlaceholder.filter(([, type, placeholder]) => !convention(type).test(placeholder))).toEqual([]);
});
