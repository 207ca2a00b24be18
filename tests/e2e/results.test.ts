// Survey results in a real browser, on a phone-sized screen, as the demo analyst: the published 2025
// round's charts paint under the app's CSP, the data tables show a suppressed "< 5" cell, drill-down
// and the group filter are plain links and GET forms, the A4 report shows the audit chain head and
// is logged, and the XLSX and CSV downloads parse with their Vietnamese text intact. An open round
// (its sheets still sealed) is refused to everyone, auditors are refused every round.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { openDatabase } from '$lib/server/db/open';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { eventually, login, readAudit, verifyChainFile } from './support/app';
import { checkA11y, launchBrowser, newContext, watchConsole, type ConsoleWatch } from './support/browser';
import { startDemoWithPastRounds } from './support/results-demo';
import type { RunningServer } from './support/server';

const vi = messages.vi;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true };
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let console: ConsoleWatch;
const ids: Record<string, number> = {};

async function campaignIds(dbPath: string): Promise<Record<string, number>> {
	const h = openDatabase(dbPath);
	try {
		const rows = await h.db.selectFrom('campaign').select(['id', 'slug']).execute();
		return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
	} finally {
		await h.db.destroy();
	}
}

/** True once Chart.js has drawn something: some pixel of the canvas is not transparent. */
function painted(canvas: Locator): Promise<boolean> {
	return canvas.evaluate((c: HTMLCanvasElement) => {
		if (c.width === 0 || c.height === 0) return false;
		const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
		for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
		return false;
	});
}

async function allPainted(target: Page): Promise<number> {
	const canvases = target.locator('canvas');
	const n = await canvases.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) await eventually(() => painted(canvases.nth(i))).toBe(true);
	return n;
}

beforeAll(async () => {
	server = await startDemoWithPastRounds();
	Object.assign(ids, await campaignIds(server.dbPath));
	browser = await launchBrowser();
	context = await newContext(browser, server.url, PHONE);
	page = await context.newPage();
	console = watchConsole(context);
	await login(page, 'analyst', DEMO_PASSWORD);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

describe('the demo analyst reads a published round', () => {
	it('opens the results from the campaign list; every chart paints under the CSP, with no console error', async () => {
		expect(ids['dtxh-2025']).toBeGreaterThan(0);
		await page.goto('/campaigns', { waitUntil: 'networkidle' });
		const row = page.locator('tr', { hasText: 'dtxh-2025' });
		await row.getByRole('link', { name: vi['results.link'] }).click();
		await page.waitForURL((u) => u.pathname === `/campaigns/${ids['dtxh-2025']}/results`);
		await page.getByRole('heading', { level: 1, name: vi['results.title'] }).waitFor();
		await page.waitForLoadState('networkidle');
		// Fields (bars and radar), sub-criteria, distributions, rated units, year over year, response rates.
		expect(await allPainted(page)).toBeGreaterThanOrEqual(6);
		await expect(page.getByTestId('compare-block').textContent()).resolves.toContain('2024');
		await expect(page.getByTestId('fields-block').locator('.chart-summary').textContent()).resolves.toMatch(
			/\d+,\d\d\/32,00 điểm/
		);
		expect(console.unexpected()).toEqual([]);
		await checkA11y(page);
	});

	it('switches to the data tables, where a suppressed commune shows "< 5" and no figure', async () => {
		await page.getByTestId('view-tables').click();
		await page.waitForURL((u) => u.searchParams.get('view') === 'tables');
		expect(await page.locator('canvas').count()).toBe(0);
		const hiddenRow = page.getByTestId('unit-table').locator('tbody tr[data-hidden]').first();
		await expect(hiddenRow.locator('.hidden-figure').textContent()).resolves.toBe('< 5');
		expect(await hiddenRow.locator('.hidden-figure').isVisible()).toBe(true);
		await expect(hiddenRow.textContent()).resolves.toContain(vi['results.hidden'].replace('{k}', '5'));
		// A hidden row carries no number beyond the threshold itself.
		expect((await hiddenRow.locator('td').allTextContents()).join(' ')).not.toMatch(/\d,\d\d/);
		await expect(page.getByTestId('fields-table').locator('tbody tr').count()).resolves.toBe(8);
		await checkA11y(page);
	});

	it('drills into a commune and filters a respondent group with plain links and a GET form', async () => {
		const unitTable = page.getByTestId('unit-table');
		const shown = unitTable
			.locator('tbody tr:not([data-hidden])')
			.filter({ has: page.locator('a') })
			.first();
		const name = (await shown.locator('th a').textContent())!.trim();
		await shown.locator('th a').click();
		await page.waitForURL((u) => u.searchParams.has('unit') && u.searchParams.get('view') === 'tables');
		await expect(page.locator('.crumbs [aria-current=page]').textContent()).resolves.toBe(name);
		await expect(page.getByTestId('results-totals').textContent()).resolves.toMatch(/\d/);
		await checkA11y(page);

		// Back up one level through the breadcrumb, then filter the commune leaders.
		await page.locator('.crumbs a').first().click();
		await page.waitForURL((u) => !u.searchParams.has('unit'));
		const filter = page.getByTestId('group-filter');
		await filter.locator('select[name=group]').selectOption('LDX');
		await filter.getByRole('button', { name: vi['results.filter.apply'] }).click();
		await page.waitForURL((u) => u.searchParams.get('group') === 'LDX' && u.searchParams.get('view') === 'tables');
		await expect(page.locator('#overview-h').textContent()).resolves.toContain('Lãnh đạo UBND cấp xã');
		expect(await page.getByTestId('group-table').count()).toBe(0);
		await expect(page.getByTestId('unit-table').locator('caption').textContent()).resolves.toContain(
			'Lãnh đạo UBND cấp xã'
		);
		await checkA11y(page);
	});

	it('opens the printable A4 report with the audit chain head, and the opening is logged', async () => {
		await page.goto(`/campaigns/${ids['dtxh-2025']}/results`, { waitUntil: 'networkidle' });
		await page.getByTestId('report-link').click();
		await page.waitForURL((u) => u.pathname.endsWith('/results/report'));
		await page.getByRole('heading', { level: 1, name: vi['results.report.title'] }).waitFor();
		await page.waitForLoadState('networkidle');
		const head = (await page.getByTestId('chain-head').textContent())!.trim();
		expect(head).toMatch(/^[0-9a-f]{64}$/);
		const chain = await verifyChainFile(server.dbPath);
		expect(chain.ok && chain.headHash).toBe(head);
		const audit = await readAudit(server.dbPath);
		const printed = audit.at(-1)!;
		expect(printed.action).toBe('results.printed');
		expect(printed.actor_label).toBe('analyst');
		expect(JSON.parse(printed.payload)).toEqual({ unit: null, group: null });
		await expect(page.getByTestId('audit-chain').textContent()).resolves.toContain(
			vi['results.report.chainOk'].replace('{count}', String(chain.count))
		);
		await expect(page.getByTestId('report').textContent()).resolves.toContain(vi['results.method.formulaText']);
		await allPainted(page);
		expect(console.unexpected()).toEqual([]);
		await checkA11y(page);

		// Laid out for A4: an @page rule of that size, the site's header gone on paper, and a real A4 PDF.
		const pageRule = await page.evaluate(() =>
			[...document.styleSheets]
				.flatMap((s) => [...s.cssRules])
				.filter((r): r is CSSPageRule => r instanceof CSSPageRule)
				.map((r) => r.style.getPropertyValue('size').toLowerCase())
		);
		expect(pageRule).toContain('a4');
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.site-header').isVisible()).toBe(false);
		expect(await page.getByTestId('chain-head').isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });
		const pdf = await page.pdf({ preferCSSPageSize: true });
		const mediaBoxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
			(m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]
		);
		expect(mediaBoxes.length).toBeGreaterThan(1);
		// A4 in PostScript points: 595 × 842.
		expect(mediaBoxes.every(([w, h]) => w === 595 && h === 842)).toBe(true);
	});

	it('downloads the XLSX workbook and a CSV table, both with their Vietnamese text intact', async () => {
		await page.goto(`/campaigns/${ids['dtxh-2025']}/results`, { waitUntil: 'networkidle' });
		const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xlsx-link').click()]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
		const names = book.worksheets.map((s) => s.name);
		expect(names).toEqual(expect.arrayContaining(['Thông tin', 'Lĩnh vực', 'Theo đơn vị']));
		const cells = (name: string) => {
			const out: string[] = [];
			book.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => void out.push(String(cell.value))));
			return out;
		};
		expect(cells('Lĩnh vực')).toContain('Công tác chỉ đạo, điều hành CCHC');
		expect(cells('Theo đơn vị')).toContain('< 5');

		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link-units').click()]);
		expect(path.extname(csv.suggestedFilename())).toBe('.csv');
		const rows: string[][] = parse(await readFile((await csv.path())!), { bom: true });
		const flat = rows.flat();
		expect(flat).toContain(vi['resultsExport.col.unit']);
		expect(flat).toContain('< 5');
		expect(flat.some((cell) => cell.includes('Cẩm Thành'))).toBe(true);
		const exported = (await readAudit(server.dbPath))
			.filter((e) => e.action === 'results.exported')
			.map((e) => JSON.parse(e.payload).format);
		expect(exported).toEqual(['xlsx', 'csv']);
		expect(console.unexpected()).toEqual([]);
	});
});

describe('without JavaScript', () => {
	it('the tables, the hidden cell and the group filter still work: server-rendered tables, a GET form', async () => {
		const bare = await (await newContext(browser, server.url, { ...PHONE, javaScriptEnabled: false })).newPage();
		await login(bare, 'analyst', DEMO_PASSWORD);
		await bare.goto(`/campaigns/${ids['dtxh-2025']}/results`);
		// The charts view without scripts: the summaries and the folded tables carry the figures.
		await expect(bare.getByTestId('fields-block').locator('.chart-summary').textContent()).resolves.toMatch(
			/\d+,\d\d\/32,00 điểm/
		);
		await bare.getByTestId('view-tables').click();
		await bare.waitForURL((u) => u.searchParams.get('view') === 'tables');
		await expect(
			bare.getByTestId('unit-table').locator('tbody tr[data-hidden] .hidden-figure').first().textContent()
		).resolves.toBe('< 5');
		await bare.getByTestId('group-filter').locator('select[name=group]').selectOption('LDS');
		await bare.getByTestId('group-filter').getByRole('button', { name: vi['results.filter.apply'] }).click();
		await bare.waitForURL((u) => u.searchParams.get('group') === 'LDS' && u.searchParams.get('view') === 'tables');
		await expect(bare.locator('#overview-h').textContent()).resolves.toContain('Lãnh đạo sở, ban, ngành');
		await bare.context().close();
	});
});

describe('who may not read results', () => {
	it('refuses everyone an open round, whose sheets are still sealed, and shows no link to it', async () => {
		const before = (await readAudit(server.dbPath)).length;
		const admin = await (await newContext(browser, server.url)).newPage();
		await login(admin, 'admin', DEMO_PASSWORD);
		const organiser = await (await newContext(browser, server.url)).newPage();
		await login(organiser, 'organiser', DEMO_PASSWORD);
		for (const viewer of [page, admin, organiser]) {
			await viewer.goto(`/campaigns/${ids['dtxh-2026']}`, { waitUntil: 'networkidle' });
			expect(await viewer.getByTestId('results-link').count()).toBe(0);
			const response = await viewer.goto(`/campaigns/${ids['dtxh-2026']}/results`);
			expect(response!.status()).toBe(403);
			expect((await viewer.request.get(`/campaigns/${ids['dtxh-2026']}/results/report`)).status()).toBe(403);
		}
		// Every refusal is logged with the one reason: the round is still open (nothing has been counted).
		const denied = (await readAudit(server.dbPath)).slice(before).filter((e) => e.action === 'access.denied');
		expect(denied.map((e) => JSON.parse(e.payload).reason)).toEqual(Array(6).fill('results.stillOpen'));
		expect(new Set(denied.map((e) => e.actor_label))).toEqual(new Set(['analyst', 'admin', 'organiser']));
		// The analyst still has the published round's link on its campaign page.
		await page.goto(`/campaigns/${ids['dtxh-2025']}`, { waitUntil: 'networkidle' });
		expect(await page.getByTestId('results-link').count()).toBe(1);
		await admin.context().close();
		await organiser.context().close();
	});

	it('refuses the auditor every round', async () => {
		const auditor = await (await newContext(browser, server.url)).newPage();
		await login(auditor, 'auditor', DEMO_PASSWORD);
		for (const slug of ['dtxh-2025', 'dtxh-2026']) {
			expect((await auditor.goto(`/campaigns/${ids[slug]}/results`))!.status()).toBe(403);
			expect((await auditor.request.get(`/campaigns/${ids[slug]}/results/report`)).status()).toBe(403);
		}
		expect((await readAudit(server.dbPath)).filter((e) => e.action === 'results.printed')).toHaveLength(1);
		await auditor.context().close();
	});
});

describe('issue 15: labels, the Excel CSV, the explained refusal', () => {
	it('names chart rows by code and short title, the year-over-year chart by field titles', async () => {
		await page.goto(`/campaigns/${ids['dtxh-2025']}/results`, { waitUntil: 'networkidle' });
		const axis = async (testid: string) =>
			((await page.getByTestId(testid).first().locator('[data-labels]').first().getAttribute('data-labels')) ?? '')
				.split(' | ')
				.filter(Boolean);
		const distribution = await axis('dist-block');
		expect(distribution.length).toBeGreaterThan(1);
		// A code alone ("1.1.1") is not a label: a title follows it.
		for (const label of distribution) expect(label).toMatch(/^\d+(\.\d+)+ .*\p{L}{3,}/u);
		const compare = await axis('compare-block');
		expect(compare).toHaveLength(8);
		expect(compare[0]).toMatch(/^1\. Công tác chỉ đạo/);
		expect(await page.getByTestId('compare-block').getByRole('img').getAttribute('aria-label')).toBe(
			vi['results.compare.chartLabel']
		);
	});

	it('offers the CSV for a Vietnamese Excel (";" and decimal commas) and refuses an unknown dialect in Vietnamese', async () => {
		await expect(page.getByTestId('csv-hint').textContent()).resolves.toContain('XLSX');
		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-excel-link-fields').click()]);
		const rows: string[][] = parse(await readFile((await csv.path())!), { bom: true, delimiter: ';' });
		expect(rows[0]).toContain(vi['resultsExport.col.points']);
		const figures = rows.slice(1).flatMap((r) => r.slice(2));
		expect(figures.some((cell) => /^\d+,\d+$/.test(cell))).toBe(true);
		expect(figures.some((cell) => /^\d+\.\d+$/.test(cell))).toBe(false);
		const exported = (await readAudit(server.dbPath)).filter((e) => e.action === 'results.exported').at(-1)!;
		expect(JSON.parse(exported.payload)).toMatchObject({ format: 'csv', table: 'fields', dialect: 'excel-vi' });
		const bad = await page.request.get(`/campaigns/${ids['dtxh-2025']}/results/export?format=csv&dialect=excel`);
		expect(bad.status()).toBe(400);
		await expect(bad.text()).resolves.toBe(vi['resultsExport.error.dialect']);
	});

	it('explains an open round’s refusal in words (after the close and the opening) with a way back', async () => {
		const response = await page.goto(`/campaigns/${ids['dtxh-2026']}/results`);
		expect(response!.status()).toBe(403);
		const refusal = page.getByTestId('results-refusal');
		await expect(refusal.textContent()).resolves.toContain(vi['results.error.stillOpen']);
		await checkA11y(page);
		await refusal.getByRole('link', { name: vi['results.error.backToCampaign'] }).click();
		await page.waitForURL((u) => u.pathname === `/campaigns/${ids['dtxh-2026']}`);
	});
});
