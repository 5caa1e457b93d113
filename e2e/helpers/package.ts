/** What the package declares, read from its build output, to compare with what n8n reports. */
import { readFileSync } from 'fs';
import path from 'path';

import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

import { PROJECT_ROOT } from '../../scripts/lib/runtime';

export const PACKAGE = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

function classes<T>(files: string[]): T[] {
	return files.flatMap((file) =>
		Object.values(require(path.join(PROJECT_ROOT, file)) as Record<string, new () => T>).map((Class) => new Class()),
	);
}

export const nodes = classes<INodeType>(PACKAGE.n8n.nodes);
export const credentials = classes<ICredentialType>(PACKAGE.n8n.credentials);

export const nodeType = (node: INodeType) => `${PACKAGE.name}.${node.description.name}`;

/**
 * The parameters n8n shows at the top level for the given values, by the plain `show`/`hide`
 * lists this package uses (other parameters take their defaults).
 */
export function visibleParameters(properties: INodeProperties[], values: Record<string, unknown>): INodeProperties[] {
	// A new node has the newest version its fields name (`@version`), as the editor creates it.
	const versions = properties.flatMap((property) => (property.displayOptions?.show?.['@version'] ?? []) as unknown[]);
	const newest = versions.length ? Math.max(...versions.filter((version): version is number => typeof version === 'number')) : undefined;
	const valueOf = (name: string) =>
		name in values ? values[name] : name === '@version' ? newest : properties.find((property) => property.name === name)?.default;
	const matches = (conditions: Record<string, unknown[] | undefined> | undefined) =>
		Object.entries(conditions ?? {}).every(([name, allowed]) => (allowed ?? []).includes(valueOf(name)));
	const hidden = (conditions: Record<string, unknown[] | undefined> | undefined) =>
		Object.entries(conditions ?? {}).some(([name, denied]) => (denied ?? []).includes(valueOf(name)));
	return properties.filter(
		(property) =>
			matches(property.displayOptions?.show as Record<string, unknown[]> | undefined) &&
			!hidden(property.displayOptions?.hide as Record<string, unknown[]> | undefined),
	);
}

/**
 * What n8n's credential test answers for a sandbox credential (by its key in provision.js):
 * success, except for the Callgoose Incident token, which the test cannot check without sending an
 * event that could open an incident, and says so (README, "Callgoose SQIBS credential").
 */
export function expectedCredentialTest(key: string): { status: string; message: unknown } {
	return key === 'callgooseApi'
		? {
				status: 'Error',
				message: expect.stringMatching(/^Callgoose refused the token on \/v1\/request \(401\)\. An Incident token is always refused there, so this test cannot check one/),
			}
		: { status: 'OK', message: 'Connection successful!' };
}
