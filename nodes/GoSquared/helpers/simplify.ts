import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { simplifyProperty } from '../../shared/descriptions';
import { hasOwn, isPlainObject } from '../../shared/validation';

/**
 * Simplify, for Person → Get and Search. A GoSquared profile has about 16 top-level fields, many
 * of them nested (visits, location, device, social profiles: the person of the Smart Group
 * delivery sampled in tray.io's GoSquared connector), past the 10 after which n8n's UX guidelines
 * ask for a Simplify toggle. The simplified person keeps at most 10, flat, the ones a workflow
 * routes on first; nested ones are flattened under the names GoSquared gives them elsewhere
 * (`company_name` is one of its reserved property names, `last.seen` its path for sorting and
 * filters). Smart Groups (id, name, filters, prefs) and chat messages (8 fields in GoSquared's
 * own chat client) stay under 10, and have no toggle (the README says why).
 */

/** The simplified person: each field's name, and where it is in GoSquared's profile. */
const PERSON_FIELDS: ReadonlyArray<[name: string, path: readonly string[]]> = [
	['id', ['id']],
	['email', ['email']],
	['name', ['name']],
	['phone', ['phone']],
	['company_name', ['company', 'name']],
	['created_at', ['created_at']],
	['last_seen', ['last', 'seen']],
	['online', ['online']],
	['smart_groups', ['smart_groups']],
	['custom', ['custom']],
];

/** The Simplify toggle of Person → Get and Search; `note` says when it does not apply. */
export function simplifyPersonProperty(note = ''): INodeProperties {
	return simplifyProperty(
		`Whether to return only the 10 fields a workflow usually routes on (ID, email, name, last seen, Smart Groups, …) instead of the whole profile${note}`,
	);
}

/**
 * A person with only `PERSON_FIELDS`, those the profile has. `last.seen` is a time in GoSquared's
 * sampled delivery; a `{ timestamp }` there (the sandbox's reading) is read as its time.
 */
export function simplifiedPerson(person: IDataObject): IDataObject {
	const simplified: IDataObject = {};
	for (const [name, path] of PERSON_FIELDS) {
		let value: unknown = person;
		for (const key of path) value = isPlainObject(value) && hasOwn(value, key) ? value[key] : undefined;
		if (name === 'last_seen' && isPlainObject(value) && value.timestamp !== undefined) value = value.timestamp;
		if (value !== undefined) simplified[name] = value as IDataObject[string];
	}
	return simplified;
}
