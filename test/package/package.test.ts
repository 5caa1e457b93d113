/**
 * What n8n and its users see of the package before anything runs: the package.json contract, the
 * node and credential descriptions, and the codex files.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { loaded, PACKAGE_NAME, ROOT } from '../helpers/n8n';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('package.json is a community node package with no runtime dependencies', () => {
	expect(pkg.name).toMatch(/^n8n-nodes-/);
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.license).toBe('MIT');
	expect(pkg.files).toEqual(['dist']);
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		expect(existsSync(path.join(ROOT, file))).toBe(true);
	}
	for (const dependency of ['n8n-core', 'n8n-workflow', 'axios', 'jest', 'ts-jest', 'gulp', 'typescript']) {
		expect(pkg.devDependencies).toHaveProperty(dependency);
	}
});

/** Every parameter, at any depth, with the path that leads to it. */
function* allProperties(
	properties: Array<INodeProperties | INodePropertyCollection>,
	trail: string,
): Generator<[string, INodeProperties]> {
	for (const property of properties) {
		const here = `${trail}.${property.name}`;
		if ('type' in property) {
			yield [here, property];
			const options = property.options as Array<INodeProperties | INodePropertyCollection | INodePropertyOptions> | undefined;
			const nested = (options ?? []).filter(
				(option): option is INodeProperties | INodePropertyCollection => 'values' in option || 'type' in option,
			);
			yield* allProperties(nested, here);
		} else {
			yield* allProperties(property.values, here);
		}
	}
}

const camelCase = /^[a-z][a-zA-Z0-9]*$/;

describe.each([...loaded.nodes.entries()])('node %s', (type, node) => {
	const { description } = node;

	test('has an icon in light and dark, a subtitle, and the right codex file', () => {
		// As n8n does: the codex is the node file's name with .json, next to it (a trigger may share
		// its directory with its action node).
		const nodeFile: string = pkg.n8n.nodes.find(
			(file: string) => path.basename(file) === `${description.name[0].toUpperCase()}${description.name.slice(1)}.node.js`,
		);
		const dir = path.join(ROOT, path.dirname(nodeFile));
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(file).toMatch(/^file:.+\.svg$/);
		}
		expect(icon.light).not.toBe(icon.dark);
		expect(description.subtitle).toBeTruthy();
		const codexFile = path.join(ROOT, nodeFile.replace(/\.js$/, '.json'));
		const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
		expect(codex.node).toBe(type);
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(path.join(dir, file.slice('file:'.length)))).toBe(true);
		}
	});

	test('every field has a description, and every option value is a stable camelCase identifier', () => {
		const missing: string[] = [];
		const badValues: string[] = [];
		for (const [where, property] of allProperties(description.properties, description.name)) {
			const explainedByOptions = property.type === 'options' && property.name === 'operation';
			if (!property.description && !explainedByOptions && property.type !== 'notice') {
				missing.push(where);
			}
			if (property.type === 'options' || property.type === 'multiOptions') {
				for (const option of (property.options ?? []) as INodePropertyOptions[]) {
					if (typeof option.value === 'string' && !camelCase.test(option.value)) {
						badValues.push(`${where} = ${option.value}`);
					}
				}
			}
			if (!camelCase.test(property.name)) badValues.push(`${where} (name)`);
		}
		expect(missing).toEqual([]);
		expect(badValues).toEqual([]);
	});

	test('every operation has an action in sentence case', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		for (const property of operations) {
			for (const option of property.options as INodePropertyOptions[]) {
				// Sentence case: the first word capitalised, the rest lower case but for acronyms (SLA).
				expect(option.action).toMatch(/^[A-Z][a-z]+( ([a-z0-9]+|[A-Z]{2,}))*$/);
				expect(option.description).toBeTruthy();
			}
		}
	});
});

describe.each([...loaded.credentials.entries()])('credential %s', (_name, credential) => {
	test('has a test (its own request, or a function of every node that uses it), an icon, documentation, and hides its secrets', () => {
		if (!credential.test) {
			// As n8n's linter requires: then every node that uses the credential tests it (testedBy).
			const users = [...loaded.nodes.values()].flatMap((node) =>
				(node.description.credentials ?? [])
					.filter((reference) => reference.name === credential.name)
					.map((reference) => ({ node, testedBy: reference.testedBy })),
			);
			expect(users.length).toBeGreaterThan(0);
			for (const { node, testedBy } of users) {
				expect(typeof testedBy).toBe('string');
				expect(typeof node.methods?.credentialTest?.[testedBy as string]).toBe('function');
			}
		}
		expect(credential.icon).toBeDefined();
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		for (const property of credential.properties) {
			expect(property.description).toBeTruthy();
			if (/token|secret|password|key/i.test(property.name) && !/site/i.test(property.name)) {
				expect(property.typeOptions?.password).toBe(true);
			}
		}
	});

	test('is used by a node of this package', () => {
		const users = [...loaded.nodes.values()].filter((node) =>
			node.description.credentials?.some((reference) => reference.name === credential.name),
		);
		expect(users.length).toBeGreaterThan(0);
	});
});

test('the package name is the prefix of every node type, as n8n names community nodes', () => {
	expect([...loaded.nodes.keys()].every((type) => type.startsWith(`${PACKAGE_NAME}.`))).toBe(true);
});
