import type { INodeListSearchItems, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

/**
 * A field for the ID of something the service can list, as n8n's best nodes ask for one: picked
 * From List (a search served by the node's `listSearch` method `searchListMethod`) or typed By ID.
 * There is no By URL mode: none of these services shows its webhooks, triggers or calls at a web
 * address that holds the ID (see the README).
 *
 * The By ID mode has no `extractValue`: an ID given by an expression is often a number, and n8n
 * applies an `extractValue` pattern to text only. The node reads the ID with `idParameter(…,
 * { resourceLocator: true })`, which also reads the plain number or text that workflows saved
 * before these fields were locators.
 */
export function idLocatorProperty({
	displayName,
	name,
	description,
	searchListMethod,
	what,
	placeholder,
	dependsOn,
}: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	/** What is picked, for the list's placeholder, e.g. "webhook". */
	what: string;
	/** An example ID, e.g. "1234". */
	placeholder: string;
	/** A parameter whose value the list depends on, e.g. "webhookId.value". */
	dependsOn?: string;
}): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		...(dependsOn ? { typeOptions: { loadOptionsDependsOn: [dependsOn] } } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${what}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${placeholder}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '\\s*[1-9][0-9]*\\s*', errorMessage: `"${displayName}" must be a whole number above 0` },
					},
				],
			},
		],
	};
}

/**
 * The entries whose name or value contains `filter` (any case), in the order given; all of them
 * when there is no filter.
 */
export function searchResults(entries: INodeListSearchItems[], filter: string | undefined): INodeListSearchResult {
	const text = (filter ?? '').trim().toLowerCase();
	if (!text) return { results: entries };
	return {
		results: entries.filter(
			(entry) => entry.name.toLowerCase().includes(text) || String(entry.value).toLowerCase().includes(text),
		),
	};
}

/** Whether a value a service listed is an ID these fields take: a whole number above 0, or its digits. */
export function isListedId(value: unknown): boolean {
	return (typeof value === 'number' || typeof value === 'string') && /^[1-9]\d*$/.test(String(value));
}
