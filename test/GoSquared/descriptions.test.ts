/**
 * What the editor shows and a model reads of the GoSquared node (n8n's UX guidelines; see
 * test/helpers/descriptions.ts for the rules and the length limit).
 */
import { describeDescriptions, fieldsOf } from '../helpers/descriptions';

const description = describeDescriptions('goSquared');

test('Person → Get and Search have Simplify, on by default; no other operation has it', () => {
	const simplify = fieldsOf(description).filter(({ property }) => property.name === 'simplify');
	expect(simplify.map(({ where, property }) => [where, property.type, property.default])).toEqual([
		['person.get → Simplify', 'boolean', true],
		['person.search → Simplify', 'boolean', true],
	]);
});
