/**
 * n8n's editor in a real browser: Debian's Chromium driven by playwright-core. The selectors are
 * the editor's own `data-test-id`s, checked against n8n 2.41.1.
 */
import { existsSync, mkdtempSync } from 'fs';
import os from 'os';
import path from 'path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function openBrowser(): Promise<{ context: BrowserContext; page: Page }> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(`No Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`);
	}
	// A fresh profile each run; the flags keep Chromium off the network it cannot reach here.
	const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-')), {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(20_000);
	return { context, page };
}

export const byTestId = (page: Page, id: string) => page.locator(`[data-test-id="${id}"]`);

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(email);
	await page.locator('[data-test-id="password"] input').fill(password);
	await byTestId(page, 'form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** A new, empty workflow with the node creator open. */
export async function newWorkflowWithNodeCreator(page: Page, baseUrl: string) {
	await page.goto(`${baseUrl}/workflow/new`);
	await byTestId(page, 'canvas-plus-button').click();
	await byTestId(page, 'node-creator').waitFor();
}

/** Searches the node creator and returns the result rows. */
export async function searchNodeCreator(page: Page, text: string) {
	const search = page.locator('input[data-test-id="node-creator-search-bar"]');
	await search.fill(text);
	const rows = byTestId(page, 'item-iterator-item');
	await rows.first().waitFor();
	return rows;
}

/** Picks an option of an options parameter in the open node details view, by its name. */
export async function selectOption(page: Page, parameter: string, optionName: string) {
	await byTestId(page, `parameter-input-${parameter}`).click();
	const items = page.locator('[data-test-id="parameter-input-item"]:visible');
	await items.first().waitFor();
	// Each option shows its name, then its description, on separate lines.
	const names = await items.evaluateAll((elements) =>
		elements.map((element) => ((element as unknown as { innerText?: string }).innerText ?? '').split('\n')[0].trim()),
	);
	const index = names.indexOf(optionName);
	if (index === -1) throw new Error(`"${optionName}" is not among the options of ${parameter}: ${names.join(', ')}`);
	await items.nth(index).click();
	await items.first().waitFor({ state: 'hidden' });
}

/** Where a parameter of the given type shows in the node details view or a credential form. */
export function parameterLocator(page: Page, scope: string, property: { name: string; type: string; displayName: string }) {
	if (property.type === 'fixedCollection') return page.locator(`${scope} [data-test-id="fixed-collection-${property.name}"]`);
	if (property.type === 'resourceLocator') return page.locator(`${scope} [data-test-id="resource-locator-${property.name}"]`);
	if (property.type === 'collection') {
		return page.locator(`${scope} [data-test-id="parameter-item"]`).filter({ hasText: property.displayName }).first();
	}
	return page.locator(`${scope} [data-test-id="parameter-input-${property.name}"]`).first();
}

/**
 * Opens the list of a resource locator (its "From List" mode) in the open node details view,
 * optionally searches it, and picks the entry whose text contains `entry`. Resolves with the
 * texts of the entries the list showed before the pick.
 */
export async function pickFromList(
	page: Page,
	scope: string,
	parameter: string,
	entry: string,
	{ search, screenshot }: { search?: string; screenshot?: string } = {},
): Promise<string[]> {
	const locator = page.locator(`${scope} [data-test-id="resource-locator-${parameter}"]`);
	await locator.locator('[data-test-id="rlc-input"]').click();
	// The list opens in a popover outside the node details view.
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.first().waitFor();
	if (search !== undefined) {
		const field = page.locator('[data-test-id="rlc-search"]:visible');
		await ((await field.locator('input').count()) > 0 ? field.locator('input') : field).fill(search);
	}
	const wanted = items.filter({ hasText: entry }).first();
	await wanted.waitFor();
	if (screenshot) await page.screenshot({ path: screenshot });
	const shown = (await items.allInnerTexts()).map((text) => text.trim());
	await wanted.click();
	await wanted.waitFor({ state: 'hidden' });
	return shown;
}

/**
 * Picks entries of a multi-select (a multiOptions field whose options the node loads) in the open
 * node details view, each by the text it shows, typing `search` first to narrow the list. Resolves
 * with the texts of the entries the list showed.
 */
export async function pickOptions(page: Page, scope: string, parameter: string, entries: string[], { search }: { search?: string } = {}): Promise<string[]> {
	const field = page.locator(`${scope} [data-test-id="parameter-input-${parameter}"]`);
	await field.click();
	// n8n 2.41 gives a multi-select's entries no data-test-id: they are its select's dropdown items.
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	if (search !== undefined) await field.locator('input').first().fill(search);
	// The options load after the list opens (and a slow machine may still show the list of the
	// field picked before): wait for the wanted entries, then read what the list shows. An entry
	// that never comes leaves the list as it is, for the caller to report.
	const wanted = entries.map((entry) => items.filter({ hasText: entry }).first());
	const came = await Promise.all(wanted.map((item) => item.waitFor({ timeout: 20_000 }).then(() => true, () => false)));
	const shown = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	if (!came.every(Boolean)) {
		await page.keyboard.press('Escape');
		return shown;
	}
	for (const item of wanted) await item.click();
	await page.keyboard.press('Escape');
	// Closed before the next field opens its own list.
	await items.first().waitFor({ state: 'hidden' });
	return shown;
}
