// Frameworks and questionnaires on a demo database: the default template, the points editor (with
// and without JavaScript), the questionnaire editor and its live preview, JSON import and export,
// and who may open them; in Debian's Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK, exportFramework } from '$lib/domain/framework';
import { frameworkMessages } from '$lib/i18n/framework';
import { templatesMessages } from '$lib/i18n/templates';
import { vi as core } from '$lib/i18n/vi';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { loadFramework, loadQuestionnaire } from '$lib/server/templates/documents';
import { DEMO_PASSWORD, DEMO_STAFF } from '$lib/server/seed/demo';
import { markDemoDatabase } from '$lib/server/admin/settings';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { eventually, login, readAudit, submitAndWait, submitForm } from './support/app';
import { checkA11y, keepScreenshot, launchBrowser, newContext, watchConsole } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const vi: Record<string, string> = { ...core, ...frameworkMessages.vi, ...templatesMessages.vi };
const fill = (key: string, params: Record<string, string | number>) =>
	vi[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;
let dir: string;
let dbPath: string;
const contexts: BrowserContext[] = [];

// The full demo seed already holds the default template (its campaign uses it), so this file runs
// on a demo database with only the staff accounts: the template is created here, from the button.
async function prepareDatabase(file: string): Promise<void> {
	const h = openDatabase(file);
	try {
		await migrateToLatest(h.db);
		await markDemoDatabase(h.db);
		for (const s of DEMO_STAFF) {
			const r = await createStaffUser(
				h.db,
				{ ...s, unitCode: null, password: DEMO_PASSWORD },
				{ type: 'system', label: 'e2e' },
				{ ip: null, userAgent: 'e2e' }
			);
			if (!r.ok) throw new Error(JSON.stringify(r.errors));
		}
	} finally {
		await h.db.destroy();
	}
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'par-e2e-templates-'));
	dbPath = path.join(dir, 'templates.sqlite');
	await prepareDatabase(dbPath);
	server = await startServer({ env: { DATABASE_PATH: dbPath } });
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await server?.dispose();
	if (dir) await rm(dir, { recursive: true, force: true });
});

async function freshPage(
	options: Parameters<typeof newContext>[2] = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext(browser, server.url, options);
	contexts.push(context);
	return { context, page: await context.newPage() };
}

async function withDb<T>(fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
	const h = openDatabase(dbPath);
	try {
		return await fn(h.db);
	} finally {
		await h.db.destroy();
	}
}

const versionCounts = () =>
	withDb(async (db) => ({
		frameworks: (await db.selectFrom('framework_version').select('id').execute()).length,
		questionnaires: (await db.selectFrom('questionnaire_version').select('id').execute()).length
	}));

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);
const idFromUrl = (page: Page) => Number(new URL(page.url()).pathname.split('/').pop());

describe('templates', () => {
	let frameworkId = 0;
	let questionnaireId = 0;

	it('organiser creates the default template; both lists show it with version, date and framework; export downloads JSON', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto('/templates', { waitUntil: 'networkidle' });
		expect(await page.locator('main h1').innerText()).toBe(vi['templates.title']);
		expect(await page.locator('main').innerText()).toContain(vi['templates.noFrameworks']);
		await checkA11y(page);

		await submitForm(page, () =>
			page.getByRole('button', { name: vi['templates.createDefault'], exact: true }).click()
		);
		await eventually(() => page.getByRole('status').first().innerText()).toBe(vi['templates.defaultCreated']);
		const frameworkRows = page.locator('[data-testid=framework-row]');
		const questionnaireRows = page.locator('[data-testid=questionnaire-row]');
		await eventually(() => frameworkRows.count()).toBe(1);
		expect(await questionnaireRows.count()).toBe(1);
		// The button goes once the default exists.
		expect(await page.getByRole('button', { name: vi['templates.createDefault'], exact: true }).count()).toBe(0);

		const fwCells = await frameworkRows.first().locator('td').allInnerTexts();
		expect(fwCells[0]).toBe('Bộ tiêu chí mặc định (theo 876/QĐ-BNV)');
		expect(fwCells[1]).toBe('1');
		expect(fwCells[2]).toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
		expect(fwCells[3]).toBe(vi['templates.notFrozen']);
		const qCells = await questionnaireRows.first().locator('td').allInnerTexts();
		expect(qCells[0]).toBe('Phiếu điều tra xã hội học mặc định');
		expect(qCells[2]).toBe(
			fill('templates.frameworkRef', { name: 'Bộ tiêu chí mặc định (theo 876/QĐ-BNV)', version: 1 })
		);
		await checkA11y(page);
		await keepScreenshot(page, 'templates-list-desktop.png', { fullPage: true });
		await page.setViewportSize(PHONE);
		await keepScreenshot(page, 'templates-list-phone.png', { fullPage: true });

		const saved = (await readAudit(dbPath)).filter(
			(e) => e.actor_label === 'organiser' && /^(framework|questionnaire)\.saved$/.test(e.action)
		);
		expect(saved.map((e) => e.action)).toEqual(['framework.saved', 'questionnaire.saved']);

		frameworkId = Number((await frameworkRows.first().locator('a').first().getAttribute('href'))!.split('/').pop());
		questionnaireId = Number(
			(await questionnaireRows.first().locator('a').first().getAttribute('href'))!.split('/').pop()
		);
		expect(frameworkId).toBeGreaterThan(0);
		// Opening a campaign freezes the versions it uses; the list says so.
		await withDb((db) =>
			db.updateTable('framework_version').set({ frozen_at: 1_800_000_000 }).where('id', '=', frameworkId).execute()
		);
		await page.reload();
		expect(await frameworkRows.first().locator('.badge').innerText()).toBe(vi['templates.frozen']);
		expect(await questionnaireRows.first().locator('.badge').innerText()).toBe(vi['templates.notFrozen']);

		// The export link downloads the stored document, byte for byte what exportFramework writes.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			frameworkRows
				.first()
				.getByRole('link', { name: new RegExp(`^${vi['templates.exportJson']}`) })
				.click()
		]);
		expect(download.suggestedFilename()).toBe('bo-tieu-chi-mac-dinh-theo-876-qd-bnv-v1.json');
		const exported = await page.request.get(`/templates/framework/${frameworkId}/export`);
		expect(exported.status()).toBe(200);
		expect(exported.headers()['content-type']).toBe('application/json; charset=utf-8');
		expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-v1\.json"$/);
		expect(await exported.text()).toBe(exportFramework(DEFAULT_FRAMEWORK));
		const q = await page.request.get(`/templates/questionnaire/${questionnaireId}/export`);
		expect(JSON.parse(await q.text()).sections).toHaveLength(9);
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('points editor: a changed sub-criterion breaks the survey total live, in Vietnamese; saving makes version 2', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto(`/templates/framework/${frameworkId}`, { waitUntil: 'networkidle' });
		expect(await page.locator('main h1').innerText()).toBe('Bộ tiêu chí mặc định (theo 876/QĐ-BNV)');
		expect(await page.locator('.doc-note').innerText()).toContain('minh họa, có thể chỉnh sửa');
		expect(await page.locator('main').innerText()).toContain(vi['templates.frozenNotice']);
		expect(await page.locator('#problems [role=status]').innerText()).toBe(vi['templates.fw.noProblems']);
		expect(await byId(page, 'row-5.2').locator('.sum').innerText()).toBe('2');
		await checkA11y(page);

		await byId(page, 'pts-5.2.1').fill('1,5');
		const mismatch = fill('framework.problem.surveyTotalMismatch', { sum: '32,5', surveyPoints: '32' });
		await eventually(() => page.locator('#problems li').allInnerTexts()).toEqual([mismatch]);
		expect(await byId(page, 'row-5.2').locator('.sum').innerText()).toBe('2,5');
		expect(await byId(page, 'row-5').locator('.sum').innerText()).toBe('8,5');
		expect(await page.locator('[data-testid=survey-sum]').innerText()).toContain(
			fill('templates.fw.surveySum', { sum: '32,5', declared: '32' })
		);

		// Bad numbers are flagged as they are typed.
		await byId(page, 'pts-5.2.2').fill('mot');
		await eventually(() => byId(page, 'err-pts-5.2.2').innerText()).toBe(vi['templates.error.pointsNotNumber']);
		await byId(page, 'pts-5.2.2').fill('-1');
		await eventually(() => byId(page, 'err-pts-5.2.2').innerText()).toBe(vi['templates.error.pointsNegative']);
		await byId(page, 'pts-5.2.2').fill('0,125');
		await eventually(() => byId(page, 'err-pts-5.2.2').innerText()).toBe(vi['templates.error.pointsTooPrecise']);
		expect(await byId(page, 'pts-5.2.2').getAttribute('aria-invalid')).toBe('true');
		await byId(page, 'pts-5.2.2').fill('1');
		await eventually(() => byId(page, 'err-pts-5.2.2').count()).toBe(0);
		await checkA11y(page);
		await keepScreenshot(page, 'templates-framework-desktop.png', { fullPage: true });

		const before = await versionCounts();
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['templates.saveNewVersion'], exact: true }).click(),
			(u) => /^\/templates\/framework\/\d+$/.test(u.pathname) && u.pathname !== `/templates/framework/${frameworkId}`
		);
		await eventually(() => page.locator('main .notice.success').first().innerText()).toBe(
			fill('templates.savedVersion', { version: 2 })
		);
		expect(await byId(page, 'pts-5.2.1').inputValue()).toBe('1,5');
		expect(await page.locator('#problems li').allInnerTexts()).toEqual([mismatch]);
		expect(await versionCounts()).toEqual({ ...before, frameworks: before.frameworks + 1 });
		const stored = await withDb((db) => loadFramework(db, idFromUrl(page)));
		expect(stored?.version).toBe(2);
		expect(stored?.framework.fields[4].criteria[1].maxPoints).toBe(2.5);

		await page.goto('/templates');
		expect(await page.locator('[data-testid=framework-row] td:nth-child(2)').allInnerTexts()).toEqual(['2', '1']);
		await page.setViewportSize(PHONE);
		await page.goto(`/templates/framework/${stored!.id}`, { waitUntil: 'networkidle' });
		await keepScreenshot(page, 'templates-framework-phone.png', { fullPage: true });
		await checkA11y(page);
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('points editor without JavaScript: the server refuses bad numbers per input in Vietnamese and writes nothing, then saves', async () => {
		const { page } = await freshPage({ javaScriptEnabled: false });
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto(`/templates/framework/${frameworkId}`);
		await byId(page, 'pts-1.1.1').fill('abc');
		await byId(page, 'pts-1.2.1').fill('-2');
		await byId(page, 'pts-2.1.1').fill('1.255');
		await byId(page, 'surveyPoints').fill('');
		const countsBefore = await versionCounts();
		const auditBefore = (await readAudit(dbPath)).length;
		const refused = await submitForm(page, () =>
			page.getByRole('button', { name: vi['templates.saveNewVersion'], exact: true }).click()
		);
		expect(refused.status()).toBe(400);
		await byId(page, 'err-pts-1.1.1').waitFor();
		expect(await page.getByRole('alert').first().innerText()).toBe(vi['common.fixErrors']);
		expect(await byId(page, 'err-pts-1.1.1').innerText()).toBe(vi['templates.error.pointsNotNumber']);
		expect(await byId(page, 'err-pts-1.2.1').innerText()).toBe(vi['templates.error.pointsNegative']);
		expect(await byId(page, 'err-pts-2.1.1').innerText()).toBe(vi['templates.error.pointsTooPrecise']);
		expect(await byId(page, 'err-survey').innerText()).toBe(vi['templates.error.pointsRequired']);
		// What was typed comes back, so it can be corrected.
		expect(await byId(page, 'pts-1.1.1').inputValue()).toBe('abc');
		expect(await versionCounts()).toEqual(countsBefore);
		expect((await readAudit(dbPath)).length).toBe(auditBefore);

		await byId(page, 'pts-1.1.1').fill('1,25');
		await byId(page, 'pts-1.2.1').fill('1.75');
		await byId(page, 'pts-2.1.1').fill('1,5');
		await byId(page, 'surveyPoints').fill('32');
		await byId(page, 'scored-8.2.1').uncheck();
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['templates.saveNewVersion'], exact: true }).click(),
			(u) => /^\/templates\/framework\/\d+$/.test(u.pathname) && u.searchParams.has('saved')
		);
		const stored = await withDb((db) => loadFramework(db, idFromUrl(page)));
		expect(stored?.framework.fields[0].criteria.map((c) => c.maxPoints)).toEqual([1.25, 1.75]);
		expect(stored?.framework.fields[7].criteria[1].subCriteria[0].surveyScored).toBe(false);
		// Rendered by the server alone, the problems are there too: 8.2.1 no longer counts, so 30 ≠ 32.
		expect(await page.locator('#problems li').allInnerTexts()).toEqual([
			fill('framework.problem.surveyTotalMismatch', { sum: '30', surveyPoints: '32' })
		]);

		// The questionnaire editor says plainly that it needs JavaScript, and cannot save a copy by mistake.
		await page.goto(`/templates/questionnaire/${questionnaireId}`);
		expect(await page.locator('main').innerText()).toContain(vi['templates.q.noscript']);
		expect(await page.getByRole('button', { name: vi['templates.saveNewVersion'], exact: true }).isDisabled()).toBe(
			true
		);
	});

	it('questionnaire editor: a new question appears in the live preview, can be moved and undone; saving makes version 2', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto(`/templates/questionnaire/${questionnaireId}`, { waitUntil: 'networkidle' });
		const save = page.getByRole('button', { name: vi['templates.saveNewVersion'], exact: true });
		await eventually(() => save.isEnabled()).toBe(true);
		const preview = page.locator('[data-testid=preview]');
		// Introduction, 8 fields, the section repeated for one sample unit, the attestation.
		expect(await preview.locator('.qv-step').innerText()).toBe(fill('qview.page', { current: 1, total: 11 }));
		expect(await preview.locator('.qv-title').innerText()).toBe(
			'Phiếu điều tra xã hội học đánh giá kết quả cải cách hành chính'
		);
		expect(await page.locator('#problems [role=status]').innerText()).toBe(vi['templates.q.noProblems']);
		await checkA11y(page);

		// Paging in the preview; the respondent's inputs stay disabled.
		await preview.getByRole('button', { name: vi['qview.next'] }).click();
		expect(await preview.locator('.qv-step').innerText()).toBe(fill('qview.page', { current: 2, total: 11 }));
		const firstQuestion = preview.locator('.qv-page:not([hidden]) fieldset').first();
		expect(await firstQuestion.locator('legend').innerText()).toContain('Câu 1.');
		expect(await firstQuestion.getByRole('radio').count()).toBe(5);
		expect(await firstQuestion.getByRole('radio', { name: 'Không biết' }).isDisabled()).toBe(true);
		expect(await firstQuestion.locator('.qv-dontknow').getByRole('radio').count()).toBe(1);

		// Add a question to the last field's section: it opens in the editor with the focus, and the preview turns to it.
		await page.locator('[id="qe-addq-linh-vuc-8"]').click();
		const newId = await page.evaluate(() => document.activeElement?.id ?? '');
		expect(newId).toMatch(/^qe-qtext-q\d+$/);
		const qid = newId.replace('qe-qtext-', '');
		const text = 'Ông/Bà đánh giá thế nào về mức độ hài lòng của người dân với bộ phận một cửa?';
		await page.keyboard.type(text);
		expect(await preview.locator('.qv-step').innerText()).toBe(fill('qview.page', { current: 9, total: 11 }));
		const shown = preview.locator('.qv-page:not([hidden]) fieldset').last();
		await eventually(async () =>
			(await shown.locator('legend').textContent())
				?.replace(/\u2060/g, '')
				.replace(/\s+/g, ' ')
				.trim()
		).toBe(`Câu 24. ${text}*${vi['qview.required']}`);
		expect(await page.locator('main').innerText()).toContain(vi['templates.q.unsaved']);
		const missing = fill('questionnaire.problem.subCriterionMissing', {
			questionId: qid,
			path: '$.sections[7].questions[2]'
		});
		await eventually(() => page.locator('#problems li').allInnerTexts()).toEqual([missing]);

		const editor = byId(page, `qe-q-${qid}`);
		await editor.getByLabel(vi['templates.q.subCriterion']).selectOption('8.1.1');
		await editor.getByLabel(vi['templates.q.scale']).selectOption('S');
		await eventually(() => shown.getByRole('radio').count()).toBe(6);
		expect(await shown.getByRole('radio', { name: 'Rất hài lòng' }).count()).toBe(1);
		await eventually(() => page.locator('#problems li').count()).toBe(0);

		// Reordering is keyboard-friendly: the focus stays on the button that moved the question.
		await byId(page, `qe-q-up-${qid}`).focus();
		await page.keyboard.press('Enter');
		await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(`qe-q-up-${qid}`);
		await eventually(() =>
			preview.locator('.qv-page:not([hidden]) fieldset').nth(1).locator('legend').innerText()
		).toContain(text);
		await page.keyboard.press('Enter');
		// At the top "Up" is disabled, so the focus moves to "Down".
		await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(`qe-q-down-${qid}`);
		expect(await byId(page, `qe-q-up-${qid}`).isDisabled()).toBe(true);
		await page.getByRole('button', { name: vi['templates.q.undo'], exact: true }).click();
		await eventually(() =>
			preview.locator('.qv-page:not([hidden]) fieldset').nth(1).locator('legend').innerText()
		).toContain(text);
		await checkA11y(page);
		await keepScreenshot(page, 'templates-questionnaire-desktop.png', { fullPage: true });

		const before = await versionCounts();
		await submitAndWait(
			page,
			() => save.click(),
			(u) => /^\/templates\/questionnaire\/\d+$/.test(u.pathname) && u.searchParams.has('saved')
		);
		await eventually(() => page.locator('main .notice.success').first().innerText()).toBe(
			fill('templates.savedVersion', { version: 2 })
		);
		expect(await page.locator('main').innerText()).toContain(vi['templates.q.noChanges']);
		expect(await versionCounts()).toEqual({ ...before, questionnaires: before.questionnaires + 1 });
		const stored = await withDb((db) => loadQuestionnaire(db, idFromUrl(page)));
		expect(stored?.version).toBe(2);
		expect(stored?.frameworkVersionId).toBe(frameworkId);
		const added = stored!.questionnaire.sections[7].questions;
		expect(added.map((q) => q.id)).toEqual(['q8.1.1', qid, 'q8.2.1']);
		expect(added[1]).toMatchObject({ text, subCriterion: '8.1.1', required: true });
		expect(added[1].options.map((o) => o.weight)).toEqual([1, 0.75, 0.5, 0.25, 0, null]);

		await page.goto('/templates');
		expect(await page.locator('[data-testid=questionnaire-row] td:nth-child(2)').allInnerTexts()).toEqual(['2', '1']);
		await page.setViewportSize(PHONE);
		await page.goto(`/templates/questionnaire/${stored!.id}`, { waitUntil: 'networkidle' });
		await keepScreenshot(page, 'templates-questionnaire-phone.png', { fullPage: true });
		await checkA11y(page);
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('a bad JSON file is refused with Vietnamese errors and nothing is written; a good one is imported', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto('/templates', { waitUntil: 'networkidle' });
		const countsBefore = await versionCounts();
		const auditBefore = (await readAudit(dbPath)).length;
		const frameworkForm = page.locator('form[action="?/importFramework"]');

		await frameworkForm.locator('input[type=file]').setInputFiles({
			name: 'hong.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{ "name": "thiếu ngoặc"')
		});
		// With JavaScript the form posts through SvelteKit's action protocol: the refusal is inside the answer.
		const bad = await submitForm(page, () =>
			frameworkForm.getByRole('button', { name: vi['templates.import.submitFramework'] }).click()
		);
		expect(await bad.json()).toMatchObject({ type: 'failure', status: 400 });
		await eventually(() => frameworkForm.getByRole('alert').innerText()).toContain(vi['jsonImport.invalidJson']);
		expect(await frameworkForm.getByRole('alert').innerText()).toContain(vi['templates.import.failed']);
		await checkA11y(page);

		// A well-formed file of the wrong shape: each error names its place in the file.
		await frameworkForm.locator('input[type=file]').setInputFiles({
			name: 'sai.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ name: 5, basis: '', note: '', surveyPoints: '32', fields: [] }))
		});
		await submitForm(page, () =>
			frameworkForm.getByRole('button', { name: vi['templates.import.submitFramework'] }).click()
		);
		await eventually(() => frameworkForm.locator('[role=alert] li').allInnerTexts()).toEqual([
			fill('jsonImport.expectedText', { path: '$.name' }),
			fill('jsonImport.expectedNumber', { path: '$.surveyPoints' })
		]);

		// Over 2 MB: refused in the browser before it is sent...
		await frameworkForm
			.locator('input[type=file]')
			.setInputFiles({ name: 'lon.json', mimeType: 'application/json', buffer: Buffer.alloc(2_200_000, 32) });
		await frameworkForm.getByRole('button', { name: vi['templates.import.submitFramework'] }).click();
		await eventually(() => frameworkForm.getByRole('alert').innerText()).toContain(
			fill('templates.error.fileTooLarge', { max: '2 MB' })
		);
		// ...and by the server for a script that sends it anyway.
		const api = await page.request.post(`${server.url}/templates?/importFramework`, {
			headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			multipart: { file: { name: 'lon.json', mimeType: 'application/json', buffer: Buffer.alloc(2_200_000, 32) } }
		});
		const body = await api.json();
		expect(body).toMatchObject({ type: 'failure', status: 413 });
		expect(JSON.stringify(body.data)).toContain('templates.error.fileTooLarge');
		// A questionnaire whose framework does not exist.
		const qApi = await page.request.post(`${server.url}/templates?/importQuestionnaire`, {
			headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			multipart: {
				frameworkVersionId: '999999',
				file: { name: 'q.json', mimeType: 'application/json', buffer: Buffer.from('{}') }
			}
		});
		expect(JSON.stringify((await qApi.json()).data)).toContain('templates.error.frameworkUnknown');

		expect(await versionCounts()).toEqual(countsBefore);
		expect((await readAudit(dbPath)).length).toBe(auditBefore);

		// The exported default imports again under a new name, as a new document.
		const good = Buffer.from(exportFramework(DEFAULT_FRAMEWORK));
		await frameworkForm
			.locator('input[type=file]')
			.setInputFiles({ name: 'mac-dinh.json', mimeType: 'application/json', buffer: good });
		await frameworkForm.locator('input[name=name]').fill('Bộ tiêu chí nội bộ tỉnh Quảng Ngãi 2026');
		await submitAndWait(
			page,
			() => frameworkForm.getByRole('button', { name: vi['templates.import.submitFramework'] }).click(),
			(u) => /^\/templates\/framework\/\d+$/.test(u.pathname)
		);
		await eventually(() => page.locator('main h1').innerText()).toBe('Bộ tiêu chí nội bộ tỉnh Quảng Ngãi 2026');
		expect(await page.locator('main .notice.success').first().innerText()).toBe(
			fill('templates.importedVersion', { version: 1 })
		);
		expect(await versionCounts()).toEqual({ ...countsBefore, frameworks: countsBefore.frameworks + 1 });
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('an analyst gets 403 on /templates, its editors and its exports; an unknown version is 404 in Vietnamese', async () => {
		const { page } = await freshPage();
		await login(page, 'analyst', DEMO_PASSWORD);
		for (const path of [
			'/templates',
			`/templates/framework/${frameworkId}`,
			`/templates/questionnaire/${questionnaireId}`
		]) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
			expect(await page.locator('main').innerText()).toContain(vi['error.forbidden']);
		}
		await checkA11y(page);
		expect((await page.request.get(`/templates/framework/${frameworkId}/export`)).status()).toBe(403);
		expect((await page.request.get(`/templates/questionnaire/${questionnaireId}/export`)).status()).toBe(403);
		const denied = (await readAudit(dbPath)).filter((e) => e.action === 'access.denied' && e.actor_label === 'analyst');
		expect(denied.length).toBe(5);

		const organiser = await freshPage();
		await login(organiser.page, 'organiser', DEMO_PASSWORD);
		const res = await organiser.page.goto('/templates/framework/99999');
		expect(res?.status()).toBe(404);
		expect(await organiser.page.locator('main').innerText()).toContain(vi['templates.error.notFound']);
		expect((await organiser.page.goto('/templates/questionnaire/abc'))?.status()).toBe(404);
	});
});
