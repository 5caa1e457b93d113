import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

/*
 * What the pickers (resource locators' From List mode) share; their fields are declared with
 * `idLocatorProperty` (descriptions.ts), and IDs are recognised with `isId` (validation.ts).
 */

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

