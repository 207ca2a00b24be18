// Proxy completion that hides in private windows (issue 13): one person answers two invitations back
// to back in two fresh browser contexts (new cookies, same Chromium, same screen, same address), and
// the auditor's flags page names both people with the events behind the flag. Then an honest office:
// eight people on one address in overlapping sessions, each in their own browser — no chain, no
// shared browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { login, submitAndWait } from './support/app';
import { launchBrowser, newContext, watchConsole } from './support/browser';
import { startDemoWithLinks, type DemoLink, type DemoWithLinks } from './support/proxy';
import { answerAll, attestPersonally, openAndVerify } from './support/respondent';

const vi = messages.vi;
/** The proxy's PC: both private windows have the same screen (and the same Chromium, so the same user agent). */
const PROXY_PC = { viewport: { width: 1280, height: 900 } };
// Eight people, each verified while the others' sessions are still open: enough overlap for a false chain to
// show, at half the cost of fifteen (the statistics of larger offices are in proxy-flag-scenarios.test.ts).
const OFFICE_SIZE = 8;
const CHROME_UA = (major: number) =>
	`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;

let demo: DemoWithLinks;
let browser: Browser;
let admin: Page;
let proxied: DemoLink[];
let office: DemoLink[];
const seenCodes = new Set<string>();

beforeAll(async () => {
	demo = await startDemoWithLinks();
	browser = await launchBrowser();
	// People with distinct names only, so a name on the flags page points at one person.
	const byName = new Map<string, DemoLink>();
	for (const link of demo.links) if (!byName.has(link.fullName)) byName.set(link.fullName, link);
	const distinct = [...byName.values()];
	expect(distinct.length).toBeGreaterThanOrEqual(2 + OFFICE_SIZE);
	proxied = distinct.slice(0, 2);
	office = distinct.slice(2, 2 + OFFICE_SIZE);
	admin = await (await newContext(browser, demo.server.url)).newPage();
	await login(admin, 'admin', DEMO_PASSWORD);
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await demo?.dispose();
});

/** Opens the personal link, verifies with the code from the outbox, and waits for the attestation step. */
async function verify(page: Page, link: DemoLink) {
	await openAndVerify(page, link.path, admin, seenCodes);
	await page.getByRole('heading', { name: vi['respondent.attest.title'] }).waitFor();
}

/** Attests personally (without the axe pass attestPersonally runs), answers every page and submits. */
async function answerAndSubmit(page: Page, pick: number, options: { axe?: boolean } = {}) {
	if (options.axe) await attestPersonally(page);
	else {
		await page.locator('input[name=confirm]').check();
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['respondent.attest.submit'] }).click(),
			(u) => u.pathname === '/s'
		);
	}
	await page.locator('.qv').waitFor();
	await answerAll(page, pick);
	await page.getByRole('button', { name: vi['qview.submit'] }).click();
	await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
	expect((await page.getByTestId('receipt-code').textContent())!.trim()).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
}

/** The auditor's flags page for the demo round. */
async function flagsPage(): Promise<Page> {
	const page = await (await newContext(browser, demo.server.url)).newPage();
	await login(page, 'auditor', DEMO_PASSWORD);
	await page.goto('/campaigns/1/flags');
	await page.getByRole('heading', { level: 1, name: vi['flags.title'] }).waitFor();
	return page;
}

/** The text of every flag row of one kind (an empty list when the kind has none). */
async function rowsOf(page: Page, kind: string): Promise<string[]> {
	const panel = page.locator(`#kind-${kind}`);
	if ((await panel.count()) === 0) return [];
	return panel.getByTestId('flag-row').allInnerTexts();
}

describe('proxy completion in fresh private windows', () => {
	it('flags one browser that answered two invitations back to back, naming both people', async () => {
		for (const [i, link] of proxied.entries()) {
			// A new context is a private window: no cookie, no storage from the previous person.
			const context: BrowserContext = await newContext(browser, demo.server.url, PROXY_PC);
			expect(await context.cookies()).toEqual([]);
			const page = await context.newPage();
			const console = watchConsole(page);
			await verify(page, link);
			await answerAndSubmit(page, i, { axe: i === 0 });
			expect(console.unexpected()).toEqual([]);
			await context.close();
		}

		const page = await flagsPage();
		const panel = page.locator('#kind-sameBrowser');
		await expect(panel.getByRole('heading', { level: 2 }).innerText()).resolves.toContain(
			vi['flags.kind.sameBrowser.title']
		);
		const row = panel.getByTestId('flag-row').filter({ hasText: proxied[0].fullName });
		expect(await row.count()).toBe(1);
		const people = await row.locator('td').nth(0).locator('li').allInnerTexts();
		const names = proxied.map((l) => l.fullName);
		expect(people.filter((p) => names.some((n) => p.startsWith(n)))).toHaveLength(2);
		for (const name of names)
			expect(
				people.some((p) => p.startsWith(name)),
				name
			).toBe(true);
		// The evidence: the verifications and credentials behind the flag, each a link into the audit log.
		const evidence = row.locator('td').nth(2).locator('a');
		const hrefs = await evidence.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
		expect(hrefs.length).toBeGreaterThanOrEqual(4);
		for (const href of hrefs) expect(href).toMatch(/^\/audit/);
		const texts = await evidence.allInnerTexts();
		expect(texts.filter((t) => t.includes(vi['action.code.verified']))).toHaveLength(2);
		expect(texts.filter((t) => t.includes(vi['action.credential.issued']))).toHaveLength(2);
		// An evidence link opens the audit log.
		await evidence.first().click();
		await page.waitForURL((u) => u.pathname.startsWith('/audit'));
		await page.context().close();
	}, 600_000);
});

describe('an honest office: eight people on one address, sessions overlapping', () => {
	it('raises no serial chain and no shared browser for them', async () => {
		// Everyone's own PC: other screen sizes and browser versions than the proxy's.
		const started = Date.now();
		const pages: Page[] = [];
		for (const [i, link] of office.entries()) {
			const context = await newContext(browser, demo.server.url, {
				userAgent: CHROME_UA(100 + i),
				viewport: { width: 1000 + 20 * i, height: 700 + 10 * i }
			});
			const page = await context.newPage();
			// Everyone asks for a code and types it before anyone has finished: the sessions overlap.
			await verify(page, link);
			pages.push(page);
		}
		const verified = Date.now();
		// Answering eight questionnaires one after another takes minutes: four people answer at a time.
		let next = 0;
		const worker = async () => {
			for (let i = next++; i < pages.length; i = next++) {
				await answerAndSubmit(pages[i], i % 3);
				await pages[i].context().close();
			}
		};
		await Promise.all(Array.from({ length: 4 }, worker));
		console.info(
			`office: ${OFFICE_SIZE} verified in ${verified - started} ms, submitted in ${Date.now() - verified} ms`
		);

		const page = await flagsPage();
		const names = office.map((l) => l.fullName);
		const naming = (rows: string[]) => rows.filter((r) => names.some((n) => r.includes(n)));
		// The page lists the chain rule (so an empty list below means "none", not "not shown").
		await expect(page.locator('#kind-serialChain').getByRole('heading', { level: 2 }).innerText()).resolves.toContain(
			vi['flags.kind.serialChain.title']
		);
		expect(naming(await rowsOf(page, 'serialChain'))).toEqual([]);
		expect(naming(await rowsOf(page, 'sameBrowser'))).toEqual([]);
		expect(naming(await rowsOf(page, 'codeRelayed'))).toEqual([]);
		expect(naming(await rowsOf(page, 'sameFingerprint'))).toEqual([]);
		// The same lists do name the proxy's two people, one straight after the other.
		const chain = (await rowsOf(page, 'serialChain')).filter((r) => r.includes(proxied[0].fullName));
		expect(chain).toHaveLength(1);
		expect(chain[0]).toContain(proxied[1].fullName);
		// The proxy's flag is still there: the office did not drown it.
		expect((await rowsOf(page, 'sameBrowser')).some((r) => r.includes(proxied[0].fullName))).toBe(true);
		await page.context().close();
	}, 600_000);
});
