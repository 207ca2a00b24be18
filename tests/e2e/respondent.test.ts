// A respondent in a real browser, on a phone-sized screen: personal link → one-time code from the
// demo outbox → attestation → every section → blind credential + cookie-less cast → receipt →
// public check → revision; then the refusals: a second credential, a stale session, no JavaScript.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { openDatabase } from '$lib/server/db/open';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { login, readAudit, submitAndWait, submitForm, verifyChainFile } from './support/app';
import { checkA11y, launchBrowser, newContext, watchConsole } from './support/browser';
import { answerAll, attestPersonally } from './support/respondent';
import { startServer, type RunningServer } from './support/server';

const vi = messages.vi;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: RunningServer;
let browser: Browser;
let admin: Page;
let links: string[] = [];

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
		const button = organiser.locator('tbody tr').nth(row).getByRole('button', { name: vi['invitations.reissue'], exact: true });
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

/**
 * The newest code in the demo outbox, read by the admin as a demo presenter would. The delivery
 * worker writes it a moment after the request, so poll until a code not seen before is there.
 */
async function codeFromOutbox(): Promise<string> {
	for (let attempt = 0; attempt < 100; attempt++) {
		await admin.goto('/demo/outbox');
		const row = admin.getByTestId('outbox').locator('tbody tr', { hasText: 'Mã xác minh' }).first();
		const code = (await row.count()) ? /\b(\d{6})\b/.exec((await row.textContent()) ?? '')?.[1] : undefined;
		if (code && !seenCodes.has(code)) {
			seenCodes.add(code);
			return code;
		}
		await admin.waitForTimeout(100);
	}
	throw new Error('no new one-time code reached the demo outbox');
}

async function openAndVerify(page: Page, link: string) {
	await page.goto(link, { waitUntil: 'networkidle' });
	// The token leaves the address bar at once.
	expect(new URL(page.url()).pathname).toBe('/s');
	await expect(page.getByText(vi['respondent.verify.send'], { exact: true }).count()).resolves.toBe(1);
	await submitForm(page, () => page.getByRole('button', { name: vi['respondent.verify.send'], exact: true }).click());
	await page.getByRole('status').filter({ hasText: '10 phút' }).waitFor();
	await page.locator('input[name=code]').fill(await codeFromOutbox());
	await submitAndWait(page, () => page.getByRole('button', { name: vi['respondent.verify.submit'], exact: true }).click(), (u) => u.pathname === '/s');
}

describe('a respondent answers personally and anonymously', () => {
	let context: BrowserContext;
	let page: Page;
	let receipt: string;
	let revisionCode: string;

	it('verifies, attests, answers every section, submits and gets a receipt', async () => {
		context = await newContext(browser, server.url, PHONE);
		page = await context.newPage();
		const console = watchConsole(page);
		await openAndVerify(page, links[0]);
		await attestPersonally(page);
		await page.locator('.qv').waitFor();
		await checkA11y(page);

		const ballotRequests: Record<string, string>[] = [];
		page.on('request', async (r) => {
			if (r.url().endsWith('/ballot')) ballotRequests.push(await r.allHeaders());
		});
		await answerAll(page, 0, { reloadAt: 2 });
		// The connection drops on the way to the ballot box, after the credential was issued.
		await page.route('**/c/dtxh-2026/ballot', (route) => route.abort(), { times: 1 });
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
		await page.locator('img.qr').waitFor();
		// Both casts (the lost one and the finished one) went out without cookies.
		expect(ballotRequests).toHaveLength(2);
		expect(ballotRequests.map((h) => h.cookie)).toEqual([undefined, undefined]);
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
		await expect(check('AAAAA-AAAAA')).resolves.toBe(vi['public.receipt.unknown']);
		await expect(check('not a receipt')).resolves.toBe(vi['public.receipt.malformed']);
	});

	it('revises the answers once with the revision code; the last version counts', async () => {
		const h = openDatabase(server.dbPath);
		const tallyOf = () => h.db.selectFrom('ballot_tally').select(['option_id', (eb) => eb.fn.sum<number>('count').as('n')]).groupBy('option_id').execute();
		try {
			const before = await tallyOf();
			expect(before.find((r) => r.option_id === 'B')?.n ?? 0).toBe(0);
			await page.goto(`/c/dtxh-2026/revise#${revisionCode}`, { waitUntil: 'networkidle' });
			await page.getByRole('button', { name: vi['revise.open'] }).click();
			await page.locator('.qv').waitFor();
			// The counted answers are never shown again, to whoever holds the code.
			await expect(page.locator('input[type=radio]:checked').count()).resolves.toBe(0);
			await checkA11y(page);
			await answerAll(page, 1);
			await page.getByRole('button', { name: vi['qview.submit'] }).click();
			await page.getByRole('heading', { name: vi['receipt.revisedTitle'] }).waitFor({ timeout: 60_000 });
			await expect(page.getByTestId('receipt-code').textContent()).resolves.toBe(receipt);
			const after = await tallyOf();
			expect(Number(after.find((r) => r.option_id === 'A')?.n)).toBe(0);
			expect(Number(after.find((r) => r.option_id === 'B')?.n)).toBeGreaterThan(0);
			expect((await h.db.selectFrom('answer_sheet').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(1);
		} finally {
			await h.db.destroy();
		}
	});

	it('refuses a second credential for the same invitation', async () => {
		await page.goto('/s');
		const answer = await page.evaluate(async () => {
			const bytes = crypto.getRandomValues(new Uint8Array(256));
			bytes[0] = 1;
			const blinded = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
			const r = await fetch('/s/credential', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ blindedMessage: blinded }) });
			return { status: r.status, body: await r.json() };
		});
		expect(answer).toEqual({ status: 409, body: { error: { key: 'respondent.error.alreadyIssued', message: vi['respondent.error.alreadyIssued'] } } });
		const audit = await readAudit(server.dbPath);
		expect(audit.filter((e) => e.action === 'credential.issued')).toHaveLength(1);
		expect(audit.filter((e) => e.action === 'credential.refused')).toHaveLength(1);
		// Nothing on the participation side of the log mentions the receipt.
		expect(audit.some((e) => e.payload.includes(receipt))).toBe(false);
		await expect(verifyChainFile(server.dbPath)).resolves.toMatchObject({ ok: true });
	});
});

describe('the refusals around it', () => {
	it('asks a session verified more than an hour ago for a new code', async () => {
		const context = await newContext(browser, server.url, PHONE);
		const page = await context.newPage();
		await openAndVerify(page, links[1]);
		await attestPersonally(page);
		await page.locator('.qv').waitFor();
		const h = openDatabase(server.dbPath);
		try {
			await h.db.updateTable('respondent_session').set((eb) => ({ verified_at: eb('verified_at', '-', 3700) })).where('verified_at', 'is not', null).execute();
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
		await page.locator('input[name=code]').fill(await codeFromOutbox());
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

	it('answers a forged link with the same message as any bad link', async () => {
		const page = await (await newContext(browser, server.url)).newPage();
		const response = await page.goto('/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		expect(response?.status()).toBe(200);
		expect(new URL(page.url()).pathname).toBe('/s');
		await page.getByText(vi['respondent.error.badLink']).waitFor();
		await checkA11y(page);
	});
});
