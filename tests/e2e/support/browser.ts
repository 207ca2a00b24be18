// Debian's Chromium driven by playwright-core (no browser download), axe checks and a console
// watcher: CSP violations and uncaught exceptions surface as console errors / pageerrors.
import { AxeBuilder } from '@axe-core/playwright';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Locator,
	type Page
} from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

/** A fresh context (own cookies) rooted at the server; AxeBuilder only accepts such pages. */
export async function newContext(
	browser: Browser,
	baseURL: string,
	options: BrowserContextOptions = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL,
		locale: 'vi-VN',
		viewport: { width: 1280, height: 900 },
		...options
	});
	// Generous for a loaded 2-core CI machine; a page that has not appeared in 30 s is not going to.
	context.setDefaultTimeout(30_000);
	context.setDefaultNavigationTimeout(30_000);
	return context;
}

/**
 * The SQLite pass (project e2e). Axe and the screenshots kept for people run on it only: the markup does not depend
 * on the database engine, and axe was about 45% of the browser's work. The PostgreSQL pass (project e2e-pg) drives
 * the same pages with every other check.
 */
export const SQLITE_PASS = process.env.TEST_DATABASE !== 'postgres';

type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** axe's violations on the page, or within `selector`: none on the pass that does not run axe. */
export async function axeFindings(page: Page, selector?: string): Promise<AxeViolation[]> {
	if (!SQLITE_PASS) return [];
	// Legacy mode: axe.run in the page itself. The default opens a blank page per call to merge the frames' results
	// (cross-origin frames, which this app has none of): half of axe's time on the staff walk (50 s -> 24 s).
	const builder = new AxeBuilder({ page }).setLegacyMode();
	return (await (selector ? builder.include(selector) : builder).analyze()).violations;
}

/**
 * Saves a screenshot for a person to look at (layout checks, issues' before and after) as test-results/`file`, on the
 * SQLite pass only: no assertion reads it, and the PostgreSQL pass would only overwrite the same files.
 */
export async function keepScreenshot(target: Page | Locator, file: string, options: { fullPage?: boolean } = {}) {
	if (!SQLITE_PASS) return;
	const path = `test-results/${file}`;
	await ('goto' in target ? target.screenshot({ path, ...options }) : target.screenshot({ path }));
}

/** Fails on serious or critical axe violations; the assertion message names rule and nodes. */
export async function checkA11y(page: Page): Promise<void> {
	const bad = (await axeFindings(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const described = bad.map(
		(v) =>
			`${v.id} (${v.impact}) @ ${new URL(page.url()).pathname}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`
	);
	expect(described, `axe violations on ${page.url()}`).toEqual([]);
}

export interface ConsoleWatch {
	/** Every console error and page error seen so far. */
	all(): string[];
	/**
	 * Errors that indicate a real problem: everything except Chromium's "Failed to load
	 * resource" lines for 4xx answers a test provoked on purpose (403 page, 400 form answer).
	 */
	unexpected(): string[];
	clear(): void;
}

export function watchConsole(target: Page | BrowserContext): ConsoleWatch {
	const errors: string[] = [];
	const attach = (page: Page) => {
		page.on('console', (msg) => {
			if (msg.type() === 'error') errors.push(`console.error ${page.url()}: ${msg.text()}`);
		});
		page.on('pageerror', (e) => errors.push(`pageerror ${page.url()}: ${e.message}`));
	};
	if ('newPage' in target) {
		target.pages().forEach(attach);
		target.on('page', attach);
	} else {
		attach(target);
	}
	return {
		all: () => [...errors],
		unexpected: () =>
			errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e)),
		clear: () => void errors.splice(0)
	};
}
