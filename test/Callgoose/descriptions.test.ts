/**
 * What the editor shows and a model reads of the Callgoose node (n8n's UX guidelines; see
 * test/helpers/descriptions.ts for the rules and the length limit), and that those rules catch
 * what they are for.
 */
import type { INodeProperties } from 'n8n-workflow';

import { describeDescriptions, fieldProblems, fieldsOf, MAX_FIELD_DESCRIPTION } from '../helpers/descriptions';

const description = describeDescriptions('callgoose');

test('the fields a model fills in the README\'s tool (Title, Correlation Value, Description) say what goes there, with an example', () => {
	const create = fieldsOf(description).filter(({ where }) => where.startsWith('incident.create → '));
	const described = (label: string) => create.find(({ property }) => property.displayName === label)?.property.description ?? '';
	expect(described('Title')).toMatch(/^What is wrong, in a few words\./);
	expect(described('Correlation Value (Map Incident With)')).toMatch(/e\.g\. db-1-disk/);
	expect(described('Description')).toMatch(/^Details of the incident, e\.g\./);
});

test.each<[string, Partial<INodeProperties>, string]>([
	['no description', { type: 'string', description: '' }, 'has no description'],
	['too long', { type: 'string', description: `${'A'.repeat(MAX_FIELD_DESCRIPTION)} more` }, `is ${MAX_FIELD_DESCRIPTION + 5} characters long (at most ${MAX_FIELD_DESCRIPTION})`],
	['a boolean not starting with "Whether"', { type: 'boolean', description: 'Fails the item' }, 'is a boolean whose description does not start with "Whether"'],
	['one sentence with a period', { type: 'string', description: 'The title.' }, 'is one sentence that ends with a period'],
	['two sentences without one', { type: 'string', description: 'The title. Sent as it is' }, 'has several sentences but does not end with a period'],
	['lower case', { type: 'string', description: 'the title' }, 'does not start with a capital (sentence case)'],
	['an ID without an example', { type: 'resourceLocator', description: 'The webhook' }, 'gives no example (e.g. …) of its format'],
	['a JSON field without an example', { type: 'json', default: '{}', description: 'The event' }, 'gives no example (e.g. …) of its format'],
])('the rules catch a description with %s', (_case, property, problem) => {
	expect(fieldProblems({ where: 'Field', property: { displayName: 'Field', name: 'field', default: '', ...property } as INodeProperties })).toContain(problem);
});

test('"e.g." does not end a sentence, and a JSON field\'s default counts as its example', () => {
	expect(fieldProblems({ where: 'Field', property: { displayName: 'Field', name: 'field', type: 'string', default: '', description: 'A key, e.g. severity' } })).toEqual([]);
	expect(fieldProblems({ where: 'Field', property: { displayName: 'Field', name: 'field', type: 'json', default: '{"a": 1}', description: 'The event' } })).toEqual([]);
});
