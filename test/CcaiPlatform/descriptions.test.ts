/**
 * What the editor shows and a model reads of the Google CCAI Platform node and its trigger (n8n's
 * UX guidelines; see test/helpers/descriptions.ts for the rules and the length limit).
 */
import { loaded, PACKAGE_NAME } from '../helpers/n8n';
import { describeDescriptions, fieldProblems, fieldsOf } from '../helpers/descriptions';

const description = describeDescriptions('ccaiPlatform');

test('Simplify is on Call → Get and Get Many (off at version 1, on at 1.1) and on the agent and queue reads (always on)', () => {
	const simplify = fieldsOf(description).filter(({ property }) => property.name === 'simplify');
	expect(simplify.map(({ where, property }) => [where, property.default, property.displayOptions?.show?.['@version'] ?? null])).toEqual(
		expect.arrayContaining([
			['call.get → Simplify', false, [1]],
			['call.get → Simplify', true, [1.1]],
			['call.getAll → Simplify', false, [1]],
			['call.getAll → Simplify', true, [1.1]],
		]),
	);
	expect(simplify.filter(({ where }) => !where.startsWith('call.')).every(({ property }) => property.default === true)).toBe(true);
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1.1);
});

test("the trigger's fields follow the same rules", () => {
	const trigger = loaded.nodes.get(`${PACKAGE_NAME}.ccaiPlatformTrigger`)?.description;
	if (!trigger) throw new Error('no trigger in the package');
	const fields = fieldsOf(trigger);
	expect(fields.length).toBeGreaterThan(2);
	expect(fields.flatMap((field) => fieldProblems(field).map((problem) => `${field.where} ${problem}`))).toEqual([]);
});
