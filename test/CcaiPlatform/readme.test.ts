/**
 * The README's CCAI Platform operations table against the node itself: one row per operation and
 * per call type, each Create row naming the `call_type` it sends and both outcomes, each Customer
 * Flag row its endpoint. The table lives in README.md under the heading "CCAI Platform operations"
 *.
 */
import { readFileSync } from 'fs';
import path from 'path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { callOutcome } from '../../nodes/CcaiPlatform/actions/call/create.operation';
import { CALL_STATUSES, outcomeOfStatus } from '../../nodes/CcaiPlatform/helpers/statuses';
import { loaded, PACKAGE_NAME, ROOT } from '../helpers/n8n';

const README = path.join(ROOT, 'README.md');
const HEADING = /^#{2,4}\s+CCAI Platform operations\s*$/m;
const markdown = readFileSync(README, 'utf8');
const hasSection = HEADING.test(markdown);

/** The rows of the first table after the heading, as trimmed cells. */
function tableRows(text: string): string[][] {
	const after = text.slice(text.search(HEADING)).split('\n').slice(1);
	const start = after.findIndex((line) => line.trim().startsWith('|'));
	const lines: string[] = [];
	for (const line of after.slice(start)) {
		if (!line.trim().startsWith('|')) break;
		lines.push(line.trim());
	}
	const rows = lines.map((line) => line.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()));
	// Header and separator rows.
	return rows.slice(2);
}

const plain = (cell: string) => cell.replace(/[*`]/g, '').replace(/\s+/g, ' ').trim();

const node = loaded.nodes.get(`${PACKAGE_NAME}.ccaiPlatform`)!;
const properties = node.description.properties;
const optionsOf = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];

/** "Resource → Operation", with the call type in brackets where one operation has several. */
function expectedRows(): Map<string, { callType?: INodePropertyOptions }> {
	const rows = new Map<string, { callType?: INodePropertyOptions }>();
	const resource = properties.find((property) => property.name === 'resource');
	for (const { name: resourceName, value: resourceValue } of optionsOf(resource)) {
		const operation = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resourceValue),
		);
		for (const { name: operationName, value: operationValue } of optionsOf(operation)) {
			const callType = properties.find(
				(property) =>
					property.name === 'callType' &&
					property.displayOptions?.show?.resource?.includes(resourceValue) &&
					property.displayOptions?.show?.operation?.includes(operationValue),
			);
			if (!callType) {
				rows.set(`${resourceName} → ${operationName}`, {});
				continue;
			}
			for (const option of optionsOf(callType)) {
				rows.set(`${resourceName} → ${operationName} (${option.name})`, { callType: option });
			}
		}
	}
	return rows;
}

test('the README has a "CCAI Platform operations" section', () => {
	expect(hasSection).toBe(true);
});

describe(`the "CCAI Platform operations" table in ${path.basename(README)}`, () => {
	const rows = tableRows(markdown);
	const byName = new Map(rows.map((cells) => [plain(cells[0]), cells]));

	test('has exactly one row per operation and call type of the node', () => {
		expect([...byName.keys()].sort()).toEqual([...expectedRows().keys()].sort());
		expect(rows.every((cells) => cells.length === 4)).toBe(true);
	});

	test('each Create row names the call_type it sends, and both outcomes', () => {
		const outcomes = [
			callOutcome({ statusCode: 201, headers: {}, body: { id: 1 } }, {}).outcome,
			callOutcome({ statusCode: 202, headers: {}, body: {} }, {}).outcome,
		] as string[];
		for (const [name, { callType }] of expectedRows()) {
			if (!callType) continue;
			const [, sends, outcomeCell, errors] = byName.get(name)!;
			const wire = /Voice \w+ \(API\)/.exec(callType.description ?? '')?.[0];
			expect(wire).toBeDefined();
			expect(plain(sends)).toContain(`call_type Voice`);
			expect(sends).toContain(wire!);
			for (const outcome of outcomes) expect(outcomeCell).toContain(`\`${outcome}\``);
			expect(errors).toMatch(/400/);
		}
	});

	test('each Customer Flag row names its endpoint, and Update the key it sends', () => {
		expect(byName.get('Customer Flag → Get')?.[1]).toContain('GET /calls/:id/customer_flag');
		expect(byName.get('Customer Flag → Update')?.[1]).toContain('PATCH /calls/:id/customer_flag');
		expect(byName.get('Customer Flag → Update')?.[1]).toContain('`repeat_customer` and `repeat_customers`');
	});
});

describe('the "Call outcome" table in README.md', () => {
	const after = markdown.slice(markdown.search(/^### Call outcome\s*$/m)).split('\n').slice(1);
	const section = after.slice(0, after.findIndex((line) => line.startsWith('#')));
	const rows = section
		.filter((line) => /^\| `/.test(line) && !line.startsWith('| `outcome` |'))
		// A remark in brackets (a fail_reason, say) is not a status.
		.map((line) => line.replace(/\([^)]*\)/g, '').split('|').map((cell) => cell.trim()));

	test('lists every status of the node under the outcome the node gives it, and nothing else', () => {
		const documented = new Map<string, string>();
		for (const [, outcomeCell, statusesCell] of rows) {
			const outcome = /`(\w+)`/.exec(outcomeCell)?.[1];
			for (const [, status] of statusesCell.matchAll(/`([a-z_]+)`/g)) if (outcome) documented.set(status, outcome);
		}
		expect(Object.fromEntries(documented)).toEqual(
			Object.fromEntries(CALL_STATUSES.map((status) => [status.value, outcomeOfStatus(status.value)])),
		);
		expect(rows.map((cells) => /`(\w+)`/.exec(cells[1])?.[1])).toContain('unknown');
		expect(outcomeOfStatus('a_status_nobody_documented')).toBe('unknown');
	});
});
