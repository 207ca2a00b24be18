// A respondent in a real browser, on a phone-sized screen: personal link → one-time code from the
// demo outbox → attestation → every section → sheet sealed in the browser + blind credential +
// cookie-less cast → receipt → public check → revision; then the refusals: a second credential, a
// sealing key other than the published one, a stale session, no JavaScript.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { openDatabase } from '$lib/server/db/open';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { issueInvitations, listPersonLinks, revokeLink } from '$lib/server/outreach/invitations';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { login, readAudit, submitForm, verifyChainFile } from './support/app';
import { checkA11y, keepScreenshot, launchBrowser, newContext, watchConsole } from './support/browser';
import {
	answerAll,
	attestPersonally,
	codeFromOutbox,
	openAndVerify,
	readablePieces,
	sheetOnPage
} from './support/respondent';
import { startServer, type RunningServer } from './support/server';

const vi = messages.vi;
const SLUG = 'dtxh-2026';
/** A string of the sealing code (the sheet's associated data label), to find the chunk that holds HPKE. */
const SEALING_MARKER = 'par-survey/sheet/v1';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: RunningServer;
let browser: Browser;
let admin: Page;
const links: string[] = [];

beforeAll(async () => {
	server = await startServer({ demo: true });
	browser = await launchBrowser();
	// The organiser re-issues three people's links through the UI; each is shown once.
	const organiser = await (await newContext(browser, server.url)).newPage();
	await login(organiser, 'organiser', DEMO_PASSWORD);
	for (let row = 0; row < 3; row++) {
		// A fresh page each time: the previous answer's table of links must not be read again.
		await organiser.goto('/campaigns/1/invitations');
		if (row === 0) await checkA11y(organiser);
		const button = organiser
			.locator('tbody tr')
			.nth(row)
			.getByRole('button', { name: vi['invitations.reissue'], exact: true });
		await submitForm(organiser, () => button.click());
		// Shown as text, not as a link: hovering a link would make the browser preload (open) it.
		const url = organiser.getByTestId('issued-url');
		await url.first().waitFor();
		expect(await url.count()).toBe(1);
		expect(await organiser.getByTestId('issued-links').locator('a').count()).toBe(0);
		links.push((await url.textContent())!.trim());
	}
	expect(new Set(links).size).toBe(3);
	admin = await (await newContext(browser, server.url)).newPage();
	await login(admin, 'admin', DEMO_PASSWORD);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

const seenCodes = new Set<string>();

/** The open round's sealed sheets and whether anything opened (sheets, tallies, counted cells or receipts) exists for it. */
async function ballotState(dbPath: string) {
	const h = openDatabase(dbPath);
	try {
		const campaign = await h.db.selectFrom('campaign').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
		const sealed = await h.db
			.selectFrom('sealed_sheet')
			.select(['key_hash', 'receipt', 'sealed'])
			.where('campaign_id', '=', campaign.id)
			.execute();
		const count = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n);
		const opened = {
			sheets: await count(
				h.db
					.selectFrom('opened_sheet')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('campaign_id', '=', campaign.id)
					.executeTakeFirstOrThrow()
			),
			tallies: await count(
				h.db
					.selectFrom('opened_tally as t')
					.innerJoin('counted_cell as c', 'c.id', 't.cell_id')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('c.campaign_id', '=', campaign.id)
					.executeTakeFirstOrThrow()
			),
			cells: await count(
				h.db
					.selectFrom('counted_cell')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('campaign_id', '=', campaign.id)
					.executeTakeFirstOrThrow()
			),
			receipts: await count(
				h.db
					.selectFrom('counted_receipt')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('campaign_id', '=', campaign.id)
					.executeTakeFirstOrThrow()
			)
		};
		return { sealed: sealed.map((r) => ({ ...r, sealed: Buffer.from(r.sealed) })), opened };
	} finally {
		await h.db.destroy();
	}
}

/**
 * The code under `testid` on a phone (issue 15 item 9): each group is on one line, and the code wraps
 * only between groups; returns how many lines it takes.
 */
async function expectGroupsUnbroken(page: Page, testid: string): Promise<number> {
	const groups = await page
		.getByTestId(testid)
		.locator('.code-group')
		.evaluateAll((spans) => spans.map((span) => [...span.getClientRects()].map((r) => Math.round(r.top))));
	expect(groups.length).toBeGreaterThan(1);
	for (const tops of groups) expect(new Set(tops).size, JSON.stringify(groups)).toBe(1);
	return new Set(groups.map((tops) => tops[0])).size;
}

/** Asserts the sealed bytes hold none of the sheet's readable pieces, and are exactly HPKE's size for its JSON. */
function expectSealed(sealed: Buffer, sheet: { answers: Record<string, string>; comments: Record<string, string> }) {
	expect(Object.keys(sheet.answers).length).toBeGreaterThan(0);
	for (const piece of readablePieces(sheet)) expect(sealed.includes(Buffer.from(piece, 'utf8')), piece).toBe(false);
	// enc (32 bytes) ‖ AES-GCM ciphertext of the sheet's JSON ‖ tag (16): nothing else travels with it.
	expect(sealed.length).toBe(32 + Buffer.byteLength(JSON.stringify(sheet), 'utf8') + 16);
}

describe('a respondent answers personally and anonymously', () => {
	let context: BrowserContext;
	let page: Page;
	let receipt: string;
	let revisionCode: string;
	let sheet: { answers: Record<string, string>; comments: Record<string, string> };

	it('verifies, attests, answers every section, submits and gets a receipt', async () => {
		context = await newContext(browser, server.url, PHONE);
		page = await context.newPage();
		const console = watchConsole(page);
		await openAndVerify(page, links[0], admin, seenCodes);
		await attestPersonally(page);
		await page.locator('.qv').waitFor();
		await checkA11y(page);

		const ballotRequests: { headers: Record<string, string>; body: Record<string, unknown> }[] = [];
		page.on('request', async (r) => {
			if (r.url().endsWith('/ballot'))
				ballotRequests.push({ headers: await r.allHeaders(), body: JSON.parse(r.postData() ?? '{}') });
		});
		// Which scripts the page had loaded before the submission: the sealing code must not be among them.
		const scripts: string[] = [];
		page.on('response', (r) => {
			if (r.request().resourceType() === 'script') scripts.push(r.url());
		});
		await answerAll(page, 0, { reloadAt: 2, clickEach: true });
		sheet = await sheetOnPage(page);
		const loadedBeforeSubmit = new Set(scripts);
		// The connection drops on the way to the ballot box, after the credential was issued.
		await page.route(`**/c/${SLUG}/ballot`, (route) => route.abort(), { times: 1 });
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		await page.getByText(vi['answer.error.network']).waitFor({ timeout: 60_000 });
		// The invitation has its one credential now; a reload finishes the cast from this browser's state.
		await page.reload();
		await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
		await checkA11y(page);
		receipt = (await page.getByTestId('receipt-code').textContent())!.trim();
		revisionCode = (await page.getByTestId('revision-code').textContent())!.trim();
		expect(receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		expect(revisionCode.replace(/-/g, '')).toHaveLength(26);
		// The receipt screen's main heading, and codes that wrap between groups only (the revision code needs two lines).
		await expect(page.locator('main h1').textContent()).resolves.toBe(vi['receipt.title']);
		await expect(expectGroupsUnbroken(page, 'revision-code')).resolves.toBeGreaterThan(1);
		await expectGroupsUnbroken(page, 'receipt-code');
		await page.locator('img.qr').waitFor();
		await page.getByText(vi['receipt.sealed']).waitFor();
		// Both casts (the lost one and the finished one) went out without cookies, sealed: the same m,
		// a fresh sealing each time, and no answer in the clear.
		expect(ballotRequests).toHaveLength(2);
		expect(ballotRequests.map((r) => r.headers.cookie)).toEqual([undefined, undefined]);
		expect(ballotRequests.map((r) => Object.keys(r.body).sort())).toEqual([
			['cell', 'message', 'sealed', 'signature'],
			['cell', 'message', 'sealed', 'signature']
		]);
		expect(ballotRequests[1].body.message).toBe(ballotRequests[0].body.message);
		expect(ballotRequests[1].body.sealed).not.toBe(ballotRequests[0].body.sealed);

		// The server holds one sealed sheet it cannot read, and nothing opened while the round is open.
		const state = await ballotState(server.dbPath);
		expect(state.sealed).toHaveLength(1);
		expect(state.sealed[0].receipt).toBe(receipt);
		expect(state.sealed[0].sealed.equals(Buffer.from(String(ballotRequests[1].body.sealed), 'base64url'))).toBe(true);
		expectSealed(state.sealed[0].sealed, sheet);
		expect(state.opened).toEqual({ sheets: 0, tallies: 0, cells: 0, receipts: 0 });

		// The HPKE code came by dynamic import at the submission, not with the page.
		const sealing: string[] = [];
		for (const url of new Set(scripts))
			if ((await (await fetch(url)).text()).includes(SEALING_MARKER)) sealing.push(url);
		expect(sealing.length).toBeGreaterThan(0);
		expect(sealing.filter((url) => loadedBeforeSubmit.has(url))).toEqual([]);
		// The one aborted request is the only console error.
		expect(console.unexpected().filter((e) => !e.includes('net::ERR_FAILED'))).toEqual([]);
		expect(console.unexpected().filter((e) => e.includes('net::ERR_FAILED'))).toHaveLength(1);

		// Back on /s, the page knows the invitation has been used.
		await page.goto('/s');
		await page.getByRole('heading', { name: vi['respondent.submitted.title'] }).waitFor();
	});

	it('checks the receipt on the public page (a POST: the receipt never sits in a URL)', async () => {
		const check = async (text: string) => {
			await page.goto('/c/dtxh-2026', { waitUntil: 'networkidle' });
			await page.locator('input[name=receipt]').fill(text);
			await submitForm(page, () => page.getByRole('button', { name: vi['public.receipt.check'], exact: true }).click());
			await page.getByTestId('receipt-status').waitFor();
			expect(page.url()).not.toContain(text);
			return page.getByTestId('receipt-status').textContent();
		};
		await expect(check(receipt.toLowerCase())).resolves.toBe(vi['public.receipt.recorded']);
		await expect(page.getByTestId('count-sheets').textContent()).resolves.toBe('1');
		await checkA11y(page);
		// On a phone the page leads with the receipt check; the fingerprints wait, closed, for auditors.
		await expect(page.locator('main section h2').first().textContent()).resolves.toBe(vi['public.receipt.title']);
		const fingerprint = page.getByTestId('sealing-fingerprint');
		await expect(fingerprint.isVisible()).resolves.toBe(false);
		await expect(page.locator('main table').isVisible()).resolves.toBe(false);
		await keepScreenshot(page, 'public-phone.png', { fullPage: true });
		await page.getByTestId('public-auditors').locator('summary').click();
		await fingerprint.waitFor();
		await expect(page.locator('main table').isVisible()).resolves.toBe(true);
		await checkA11y(page);
		await expect(check('AAAAA-AAAAA')).resolves.toBe(vi['public.receipt.unknown']);
		await expect(check('not a receipt')).resolves.toBe(vi['public.receipt.malformed']);
	});

	it('revises the answers once with the revision code; the new sealed sheet replaces the old one', async () => {
		const before = await ballotState(server.dbPath);
		expect(before.sealed).toHaveLength(1);
		await page.goto(`/c/${SLUG}/revise#${revisionCode}`, { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: vi['revise.open'] }).click();
		await page.locator('.qv').waitFor();
		await page.getByText(vi['revise.fresh']).waitFor();
		// The earlier answers are never shown again, to whoever holds the code (nobody can read them anyway).
		await expect(page.locator('input[type=radio]:checked').count()).resolves.toBe(0);
		await checkA11y(page);
		await answerAll(page, 1);
		// One question of page 2 left unanswered: the final summary links to that page (issue 15, item 1).
		const question = page.locator('.qv-page').nth(1).locator('fieldset.qv-question').first();
		const name = (await question.locator('input[type=radio]').first().getAttribute('name'))!;
		await page.evaluate((n) => {
			for (const input of document.getElementsByName(n)) (input as HTMLInputElement).checked = false;
		}, name);
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		const gaps = page.getByTestId('submit-gaps').getByRole('button');
		await gaps.first().waitFor();
		await expect(gaps.allTextContents()).resolves.toEqual([expect.stringMatching(/^Trang 2: .+ \(câu \d+\)$/)]);
		await checkA11y(page);
		await gaps.first().click();
		await expect(page.locator('.qv-step').textContent()).resolves.toMatch(/^Trang 2\//);
		await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).name)).resolves.toBe(name);
		await question.locator('label.qv-option').nth(1).click();
		const next = page.getByRole('button', { name: vi['qview.next'] });
		while ((await next.count()) > 0) await next.click();
		const revised = await sheetOnPage(page);
		expect(revised).not.toEqual(sheet);
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		await page.getByRole('heading', { name: vi['receipt.revisedTitle'] }).waitFor({ timeout: 60_000 });
		await page.getByText(vi['receipt.revisedBody']).waitFor();
		await expect(page.getByTestId('receipt-code').textContent()).resolves.toBe(receipt);
		await expect(page.locator('main h1').textContent()).resolves.toBe(vi['receipt.revisedTitle']);

		// Still one sealed sheet under the same key, with new sealed bytes that hold neither version readably.
		const after = await ballotState(server.dbPath);
		expect(after.sealed).toHaveLength(1);
		expect(after.sealed[0].key_hash).toBe(before.sealed[0].key_hash);
		expect(after.sealed[0].receipt).toBe(receipt);
		expect(after.sealed[0].sealed.equals(before.sealed[0].sealed)).toBe(false);
		expectSealed(after.sealed[0].sealed, revised);
		for (const piece of readablePieces(sheet))
			expect(after.sealed[0].sealed.includes(Buffer.from(piece, 'utf8')), piece).toBe(false);
		expect(after.opened).toEqual({ sheets: 0, tallies: 0, cells: 0, receipts: 0 });
	});

	it('refuses a second credential for the same invitation', async () => {
		await page.goto('/s');
		const answer = await page.evaluate(async () => {
			const bytes = crypto.getRandomValues(new Uint8Array(256));
			bytes[0] = 1;
			const blinded = btoa(String.fromCharCode(...bytes))
				.replace(/\+/g, '-')
				.replace(/\//g, '_')
				.replace(/=+$/, '');
			const r = await fetch('/s/credential', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ blindedMessage: blinded })
			});
			return { status: r.status, body: await r.json() };
		});
		expect(answer).toEqual({
			status: 409,
			body: { error: { key: 'respondent.error.alreadyIssued', message: vi['respondent.error.alreadyIssued'] } }
		});
		const audit = await readAudit(server.dbPath);
		expect(audit.filter((e) => e.action === 'credential.issued')).toHaveLength(1);
		expect(audit.filter((e) => e.action === 'credential.refused')).toHaveLength(1);
		// Nothing on the participation side of the log mentions the receipt.
		expect(audit.some((e) => e.payload.includes(receipt))).toBe(false);
		await expect(verifyChainFile(server.dbPath)).resolves.toMatchObject({ ok: true });
	});
});

describe('the refusals around it', () => {
	let page: Page;

	it('refuses a sealing key other than the published one before spending the credential', async () => {
		const context = await newContext(browser, server.url, PHONE);
		page = await context.newPage();
		await openAndVerify(page, links[1], admin, seenCodes);
		await attestPersonally(page);
		await page.locator('.qv').waitFor();
		await answerAll(page, 2);
		// The published list says another key than the one this page was given (a per-person key could tag the sheet).
		await page.route(`**/c/${SLUG}/keys.json`, async (route) => {
			const response = await route.fetch();
			const json = await response.json();
			json.sealing = { ...json.sealing, publicKey: 'A'.repeat(43) };
			await route.fulfill({ response, json });
		});
		const credentialRequests: string[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('/s/credential') || r.url().endsWith('/ballot')) credentialRequests.push(r.url());
		});
		const auditBefore = await readAudit(server.dbPath);
		const sealedBefore = await ballotState(server.dbPath);
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		await page.locator('#submit-problems').getByText(vi['answer.error.keyMismatch']).waitFor({ timeout: 60_000 });
		await checkA11y(page);
		// No credential asked for, no ballot sent, no pending submission started: the one credential is intact.
		expect(credentialRequests).toEqual([]);
		expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('par:pending:')))).toEqual(
			[]
		);
		const auditAfter = await readAudit(server.dbPath);
		expect(auditAfter.filter((e) => e.action.startsWith('credential.'))).toEqual(
			auditBefore.filter((e) => e.action.startsWith('credential.'))
		);
		await expect(ballotState(server.dbPath)).resolves.toEqual(sealedBefore);
		await page.unroute(`**/c/${SLUG}/keys.json`);
	});

	it('checks each page on “Trang sau” (error by the question, focus on it) and links the final summary to each page', async () => {
		// A fresh start in the same session: no draft, back at the introduction.
		await page.evaluate(() => localStorage.clear());
		await page.reload({ waitUntil: 'networkidle' });
		await page.locator('form[data-ready]').waitFor();
		const next = page.getByRole('button', { name: vi['qview.next'] });
		const step = page.locator('.qv-step');
		const focused = () =>
			page.evaluate(() => {
				const el = document.activeElement as HTMLInputElement;
				return {
					name: el.name,
					invalid: el.closest('[role=radiogroup]')?.getAttribute('aria-invalid'),
					describedBy: el.getAttribute('aria-describedby')
				};
			});
		await next.click();
		await expect(step.textContent()).resolves.toMatch(/^Trang 2\//);
		await next.click();
		// Still on page 2: the first question says what is missing next to it, and its first option has the focus.
		await expect(step.textContent()).resolves.toMatch(/^Trang 2\//);
		const visible = page.locator('.qv-page:not([hidden])');
		const first = visible.locator('fieldset.qv-question').first();
		const error = first.locator('.qv-error');
		const number = /\d+/.exec((await first.locator('.qv-num').textContent())!)![0];
		await expect(error.textContent()).resolves.toBe(vi['ballot.error.required'].replace('{number}', number));
		await expect(focused()).resolves.toEqual({
			name: await first.locator('input[type=radio]').first().getAttribute('name'),
			invalid: 'true',
			describedBy: await error.getAttribute('id')
		});
		await checkA11y(page);
		// Answering the page clears its errors and lets the respondent on.
		const questions = visible.locator('fieldset.qv-question');
		for (let i = 0; i < (await questions.count()); i++)
			await questions.nth(i).locator('label.qv-option').first().click();
		await expect(visible.locator('.qv-error').count()).resolves.toBe(0);
		await next.click();
		await expect(step.textContent()).resolves.toMatch(/^Trang 3\//);

		// Resumed on the last page (a draft from an earlier visit): the summary lists pages, not a wall of messages.
		const total = Number(/\/(\d+)/.exec((await step.textContent())!)![1]);
		await page.evaluate((last) => {
			const key = Object.keys(localStorage).find((k) => k.startsWith('par:draft:'))!;
			localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), page: last }));
		}, total - 1);
		await page.reload({ waitUntil: 'networkidle' });
		await page.getByText(vi['answer.restored']).waitFor();
		await page.locator('input[name=attest]').check();
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		const gaps = page.getByTestId('submit-gaps').getByRole('button');
		await gaps.first().waitFor();
		await expect(gaps.first().textContent()).resolves.toMatch(/^Trang 3: .+ \(câu [\d, ]+\)$/);
		await expect(page.locator('#submit-problems').textContent()).resolves.not.toContain(
			vi['ballot.error.required'].split('{number}')[1]
		);
		await checkA11y(page);
		await gaps.first().click();
		await expect(step.textContent()).resolves.toMatch(/^Trang 3\//);
		const third = visible.locator('fieldset.qv-question').first();
		await expect(focused()).resolves.toMatchObject({
			name: await third.locator('input[type=radio]').first().getAttribute('name'),
			invalid: 'true'
		});
		await expect(third.locator('.qv-error').isVisible()).resolves.toBe(true);
	});

	it('asks a session verified more than an hour ago for a new code', async () => {
		const h = openDatabase(server.dbPath);
		try {
			await h.db
				.updateTable('respondent_session')
				.set((eb) => ({ verified_at: eb('verified_at', '-', 3700) }))
				.where('verified_at', 'is not', null)
				.execute();
		} finally {
			await h.db.destroy();
		}
		await page.reload();
		await page.getByText(vi['respondent.verify.stale']).waitFor();
		await expect(page.locator('.qv').count()).resolves.toBe(0);
	});

	it('without JavaScript the questionnaire page says plainly that it needs it', async () => {
		const context = await newContext(browser, server.url, { ...PHONE, javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(links[2]);
		expect(new URL(page.url()).pathname).toBe('/s');
		await page.getByRole('button', { name: vi['respondent.verify.send'], exact: true }).click();
		await page.waitForLoadState('load');
		await page.locator('input[name=code]').fill(await codeFromOutbox(admin, seenCodes));
		await page.getByRole('button', { name: vi['respondent.verify.submit'], exact: true }).click();
		await page.getByRole('heading', { name: vi['respondent.attest.title'] }).waitFor();
		// Assisted completion works without JavaScript too: the helper's fields are plain form fields.
		await page.locator('input[name=mode][value=assisted]').check();
		await page.locator('input[name=helper]').fill('Trần Văn Giúp');
		await page.locator('textarea[name=reason]').fill('Không sử dụng được điện thoại thông minh');
		await page.locator('input[name=confirm]').check();
		await page.getByRole('button', { name: vi['respondent.attest.submit'] }).click();
		await page.waitForURL((u) => u.pathname === '/s');
		// Playwright's text locators skip <noscript>; the rendered text shows it.
		await expect(page.locator('main').innerText()).resolves.toContain(vi['answer.noscript']);
		const audit = await readAudit(server.dbPath);
		const assisted = audit.filter((e) => e.action === 'respondent.assisted');
		expect(assisted).toHaveLength(1);
		expect(JSON.parse(assisted[0].payload)).toMatchObject({ helper: 'Trần Văn Giúp' });
	});

	it('shows the declared assistance to an auditor among the proxy-completion signals', async () => {
		const page = await (await newContext(browser, server.url)).newPage();
		await login(page, 'auditor', DEMO_PASSWORD);
		await page.goto('/campaigns/1/flags');
		await page.getByRole('heading', { level: 1, name: vi['flags.title'] }).waitFor();
		await expect(page.locator('main').innerText()).resolves.toContain('Trần Văn Giúp');
		await checkA11y(page);
		// Analysts read results, not who took part: the page is refused.
		const analyst = await (await newContext(browser, server.url)).newPage();
		await login(analyst, 'analyst', DEMO_PASSWORD);
		expect((await analyst.goto('/campaigns/1/flags'))?.status()).toBe(403);
	});

	it('answers a forged link with "not found, check the address"', async () => {
		const page = await (await newContext(browser, server.url)).newPage();
		const response = await page.goto('/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		expect(response?.status()).toBe(200);
		expect(new URL(page.url()).pathname).toBe('/s');
		await page.getByRole('heading', { level: 1, name: vi['respondent.deadLink.invalidTitle'] }).waitFor();
		await page.getByText(vi['respondent.deadLink.invalid']).waitFor();
		await checkA11y(page);
	});
});

describe('the first page, before a code is sent', () => {
	it('says who asks, until when, for how long and why answers are anonymous, with one primary action', async () => {
		// A new device: a fresh, unverified session on a link whose earlier code is spent.
		const page = await (await newContext(browser, server.url, PHONE)).newPage();
		await page.goto(links[2], { waitUntil: 'networkidle' });
		expect(new URL(page.url()).pathname).toBe('/s');
		const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
		await expect(page.locator('main').textContent()).resolves.toContain(
			vi['respondent.intro.invited'].replace('{organiser}', title)
		);
		await expect(page.getByTestId('survey-deadline').textContent()).resolves.toContain('15/01/2027');
		await expect(page.getByTestId('survey-duration').textContent()).resolves.toMatch(/khoảng \d+ phút \(\d+ câu hỏi\)/);
		const anonymity = page.getByTestId('anonymity');
		await expect(anonymity.textContent()).resolves.toContain(vi['respondent.intro.anonymous']);
		const primary = page.locator('main button.primary');
		expect(await primary.count()).toBe(1);
		await expect(primary.textContent()).resolves.toContain(vi['respondent.verify.send']);
		await checkA11y(page);
		await anonymity.getByRole('link', { name: vi['respondent.intro.publicLink'] }).click();
		await page.waitForURL((u) => u.pathname === `/c/${SLUG}`);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(title);
	});
});

describe('every link a person was sent keeps working (issue 15 item 2)', () => {
	it('an older link still reaches the code step after a newer one; a revoked link says when and what to do', async () => {
		const h = openDatabase(server.dbPath);
		try {
			const campaign = await h.db
				.selectFrom('campaign')
				.select(['id', 'state', 'title', 'closes_on'])
				.where('slug', '=', SLUG)
				.executeTakeFirstOrThrow();
			const person = await h.db
				.selectFrom('invitation')
				.select('person_id')
				.where('campaign_id', '=', campaign.id)
				.where('status', '=', 'active')
				.where('credential_at', 'is', null)
				.orderBy('person_id', 'desc')
				.executeTakeFirstOrThrow();
			const staff = await h.db
				.selectFrom('staff_user')
				.select(['id', 'username', 'role', 'unit_id as unitId'])
				.where('username', '=', 'organiser')
				.executeTakeFirstOrThrow();
			const issue = async () => {
				const r = await issueInvitations(
					h.db,
					campaign,
					[person.person_id],
					staff,
					{ ip: null, userAgent: null },
					{
						sender: demoOutbox({ quiet: true }),
						origin: server.url,
						demo: false
					}
				);
				if (!r.ok) throw new Error(r.error.key);
				return `/s/${r.links[0].token}`;
			};
			const older = await issue();
			await issue();
			const phone = await (await newContext(browser, server.url, PHONE)).newPage();
			await phone.goto(older);
			await phone.getByRole('button', { name: vi['respondent.verify.send'] }).waitFor();
			await keepScreenshot(phone, 'issue15/item2-after-old-link-works.png', { fullPage: true });

			const [, olderLink] = await listPersonLinks(h.db, campaign.id, person.person_id);
			expect((await revokeLink(h.db, campaign, olderLink.id, staff, { ip: null, userAgent: null })).ok).toBe(true);
			await h.db.updateTable('campaign').set({ hotline: '1900 6789' }).where('id', '=', campaign.id).execute();
			const stranger = await (await newContext(browser, server.url, PHONE)).newPage();
			await stranger.goto(older);
			await stranger.getByRole('heading', { level: 1, name: vi['respondent.badLink.title'] }).waitFor();
			const text = await stranger.getByTestId('dead-link').innerText();
			expect(text).toMatch(/Liên kết này đã bị Ban Tổ chức thu hồi ngày \d{2}\/\d{2}\/\d{4}\./);
			expect(text).toMatch(/Liên kết mới nhất đã được gửi qua cán bộ phụ trách khảo sát ngày \d{2}\/\d{2}\/\d{4}/);
			expect(text).toContain('Cần hỗ trợ, gọi 1900 6789.');
			await checkA11y(stranger);
			await keepScreenshot(stranger, 'issue15/item2-after-dead-link.png', { fullPage: true });
			await h.db.updateTable('campaign').set({ hotline: null }).where('id', '=', campaign.id).execute();
		} finally {
			await h.db.destroy();
		}
	});
});
