/**
 * What a person in the editor and a model choosing a tool read of a node: its description, its
 * resources and operations, and the description of every field. The checks follow n8n's UX
 * guidelines for community nodes ("Copy", "Boolean description") and its node UI design page
 * (a one-sentence tooltip has no final period; more than one sentence ends with one).
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { loaded, PACKAGE_NAME } from './n8n';

/**
 * The longest description of a field: what a person reads in the panel, and what a model's prompt
 * (or the person writing its `$fromAI` description) takes from it. 97.9% of the 21,303 descriptions in
 * n8n's own nodes (n8n-nodes-base 2.41.1, counted from its built files: median 43, 95th
 * percentile 160, 99th 246) are this long or shorter: in the panel, about three lines of tooltip.
 */
export const MAX_FIELD_DESCRIPTION = 200;

/** Field types whose format is not obvious, so their description gives an example. */
const NEEDS_EXAMPLE = new Set(['dateTime', 'resourceLocator', 'json']);

export interface Field {
	/** Where the field is: `resource.operation → Label → Label`. */
	where: string;
	property: INodeProperties;
}

/**
 * Every field of a node at any depth (collections, fixed collections), with the operation it is
 * shown for. Left out: Resource and Operation (their options are described, see `choicesOf`), and
 * Request Options, shared by every node (nodes/shared): no model fills them, and their text is
 * composed there.
 */
export function fieldsOf(description: INodeTypeDescription): Field[] {
	const walk = (properties: Array<INodeProperties | INodePropertyCollection>, trail: string): Field[] =>
		properties.flatMap((property) => {
			if (!('type' in property)) return walk(property.values, `${trail} → ${property.displayName}`);
			const show = property.displayOptions?.show;
			const scope = show?.operation ? `${String(show.resource)}.${String(show.operation)} → ` : '';
			const here = `${trail}${trail && !scope ? ' → ' : ''}${scope}${property.displayName}`;
			const nested = ((property.options ?? []) as Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>).filter(
				(option): option is INodeProperties | INodePropertyCollection => 'values' in option || 'type' in option,
			);
			return [{ where: here, property }, ...walk(nested, here)];
		});
	return walk(
		description.properties.filter((property) => !['resource', 'operation', 'requestOptions'].includes(property.name)),
		'',
	);
}

/** The options of a node's Resource and Operation fields. */
export function choicesOf(description: INodeTypeDescription): Array<{ where: string; option: INodePropertyOptions }> {
	return description.properties
		.filter((property) => property.name === 'resource' || property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				where: `${property.name} ${String(property.displayOptions?.show?.resource ?? '')}.${String(option.value)}`,
				option,
			})),
		);
}

/** Whether a text has more than one sentence ("e.g." and the like do not end one). */
function sentences(text: string): number {
	const plain = text.replace(/\b(e\.g|i\.e|etc)\./g, '$1');
	return 1 + (plain.match(/[.!?]["')]*\s+\S/g) ?? []).length;
}

/** What is wrong with a tooltip by n8n's text style, or undefined. */
export function styleProblem(text: string): string | undefined {
	if (!/^[A-Z0-9"'(]/.test(text)) return 'does not start with a capital (sentence case)';
	const final = /[.]$/.test(text);
	if (sentences(text) === 1 && final) return 'is one sentence that ends with a period';
	if (sentences(text) > 1 && !final) return 'has several sentences but does not end with a period';
	return undefined;
}

/** The problems of one field's description; empty when it follows the rules. */
export function fieldProblems({ property }: Field): string[] {
	if (property.type === 'notice') return [];
	const text = property.description ?? '';
	if (text.trim() === '') return ['has no description'];
	const problems: string[] = [];
	const style = styleProblem(text);
	if (style) problems.push(style);
	if (property.type === 'boolean' && !text.startsWith('Whether ')) problems.push('is a boolean whose description does not start with "Whether"');
	if (text.length > MAX_FIELD_DESCRIPTION) problems.push(`is ${text.length} characters long (at most ${MAX_FIELD_DESCRIPTION})`);
	if (NEEDS_EXAMPLE.has(property.type) && !hasExample(property)) problems.push('gives no example (e.g. …) of its format');
	return problems;
}

function hasExample(property: INodeProperties): boolean {
	if (/\be\.g\. |such as /.test(property.description ?? '')) return true;
	// A JSON field's default is its example, as n8n's own nodes show one.
	return property.type === 'json' && typeof property.default === 'string' && !['', '{}', '[]'].includes(property.default.trim());
}

/**
 * The tests every node of a service gets: the node, each resource and operation, and every field
 * described by the rules above. Called from the service's `descriptions.test.ts`.
 */
export function describeDescriptions(nodeName: string): INodeTypeDescription {
	const node = loaded.nodes.get(`${PACKAGE_NAME}.${nodeName}`);
	if (!node) throw new Error(`No node ${nodeName} in the package`);
	const { description } = node;

	test('the node, each resource and each operation say what they do in one short sentence, and each operation has an action', () => {
		const texts: Array<[string, string | undefined]> = [
			['node', description.description],
			...choicesOf(description).map(({ where, option }): [string, string | undefined] => [where, option.description]),
		];
		const problems = texts.flatMap(([where, text]) => {
			if (!text) return [`${where} has no description`];
			const style = styleProblem(text);
			return [...(style ? [`${where} ${style}`] : []), ...(text.length > MAX_FIELD_DESCRIPTION ? [`${where} is ${text.length} characters long`] : [])];
		});
		expect(problems).toEqual([]);
		const operations = choicesOf(description).filter(({ where }) => where.startsWith('operation'));
		expect(operations.length).toBeGreaterThan(0);
		expect(operations.filter(({ option }) => !option.action).map(({ where }) => where)).toEqual([]);
	});

	test(`every field has a description by n8n's rules, at most ${MAX_FIELD_DESCRIPTION} characters, with an example where its format is not obvious`, () => {
		const fields = fieldsOf(description);
		expect(fields.length).toBeGreaterThan(10);
		expect(fields.flatMap((field) => fieldProblems(field).map((problem) => `${field.where} ${problem}`))).toEqual([]);
	});

	return description;
}
