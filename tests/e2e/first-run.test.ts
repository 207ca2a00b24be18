// First run on an empty (non-demo) database: the one-time setup link from the server log,
// the first administrator, forced TOTP enrolment, TOTP sign-in and replay refusal.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '$lib/i18n/vi';
import { areasForRole } from '$lib/domain/roles';
import {
	cliAuditVerify,
	eventually,
	login,
	logout,
	readAudit,
	submitAndWait,
	submitForm,
	verifyChainFile
} from './support/app';
import { checkA11y, launchBrowser, newContext, watchConsole, type ConsoleWatch } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const USERNAME = 'chief';
const DISPLAY_NAME = 'Nguyễn Thị Hồng Nhung';
const PASSWORD = 'Lúa chín vàng đồng quê 2026';
const PERIOD = 30;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleErrors: ConsoleWatch;
let setupUrl = '';
let totpKey: Uint8Array;
/** The time step of the code used to enrol. */
let enrolStep = 0;
/** The recovery codes shown once at enrolment. */
let recoveryCodes: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const codeFor = (step: number) => generateHOTP(totpKey, BigInt(step), 6);

/** Waits, if needed, until at least 3 s remain in the current 30 s window; returns its step. */
async function stepWithMargin(): Promise<number> {
	const left = PERIOD - ((Date.now() / 1000) % PERIOD);
	if (left < 3) await sleep(left * 1000 + 200);
	return Math.floor(Date.now() / 1000 / PERIOD);
}

/** A 6-digit code that is not valid for any step the server accepts (now ±1). */
function wrongCode(step: number): string {
	const accepted = new Set([codeFor(step - 1), codeFor(step), codeFor(step + 1), codeFor(step + 2)]);
	for (let n = 0; ; n++) {
		const candidate = String((Number(codeFor(step)) + 500_000 + n) % 1_000_000).padStart(6, '0');
		if (!accepted.has(candidate)) return candidate;
	}
}

async function submitCode(code: string): Promise<void> {
	await page.locator('input[name=code]').fill(code);
	await submitForm(page, () => page.getByRole('button', { name: vi['twoFactor.submit'], exact: true }).click());
}

beforeAll(async () => {
	server = await startServer({ demo: false });
	browser = await launchBrowser();
	context = await newContext(browser, server.url);
	consoleErrors = watchConsole(context);
	page = await context.newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

describe('first run', () => {
	it('prints a one-time setup link and has no DEMO banner', async () => {
		const m = await server.waitForLog(/(http:\/\/\S+)?\/setup\/([a-z2-7]{32})\b/);
		setupUrl = `${server.url}/setup/${m[2]}`;
		if (m[1]) expect(m[1]).toBe(server.url);
		expect(server.stdout()).toContain(`/setup/${m[2]}`);

		await page.goto('/login');
		expect(await page.locator('[data-testid=demo-banner]').count()).toBe(0);
		// Without an account nobody signs in, and the failure is logged.
		await page.locator('input[name=username]').fill(USERNAME);
		await page.locator('input[name=password]').fill(PASSWORD);
		await submitForm(page, () => page.getByRole('button', { name: vi['login.submit'], exact: true }).click());
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.invalidCredentials']);
		const events = await readAudit(server.dbPath);
		expect(events.map((e) => e.action)).toEqual(['setup.token_issued', 'auth.login_failed']);
	});

	it('an invalid setup token is refused with 404', async () => {
		const res = await page.goto(`/setup/${'a'.repeat(32)}`);
		expect(res?.status()).toBe(404);
		expect(await page.locator('input[name=password]').count()).toBe(0);
	});

	it('the setup link creates the first administrator', async () => {
		const res = await page.goto(setupUrl);
		expect(res?.status()).toBe(200);
		expect(await page.locator('main h1').innerText()).toBe(vi['setup.title']);
		await checkA11y(page);

		// A mismatch is explained and nothing is created.
		await page.locator('input[name=username]').fill(USERNAME);
		await page.locator('input[name=displayName]').fill(DISPLAY_NAME);
		await page.locator('input[name=password]').fill(PASSWORD);
		await page.locator('input[name=confirmPassword]').fill(PASSWORD + '!');
		await submitForm(page, () => page.getByRole('button', { name: vi['setup.submit'], exact: true }).click());
		await eventually(() => page.locator('#err-confirmPassword').innerText()).toBe(vi['error.passwordMismatch']);
		expect(await page.locator('input[name=displayName]').inputValue()).toBe(DISPLAY_NAME);

		await page.locator('input[name=password]').fill(PASSWORD);
		await page.locator('input[name=confirmPassword]').fill(PASSWORD);
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['setup.submit'], exact: true }).click(),
			(u) => u.pathname === '/login'
		);
		expect(await page.getByRole('status').innerText()).toBe(vi['setup.done']);
		const actions = (await readAudit(server.dbPath)).map((e) => e.action);
		expect(actions).toContain('setup.completed');
		expect(actions).toContain('user.created');
	});

	it('the setup link does not work a second time', async () => {
		const res = await page.goto(setupUrl);
		expect(res?.status()).toBe(404);
		expect(await page.locator('input[name=password]').count()).toBe(0);
		expect(await page.locator('main').innerText()).toContain(vi['error.setupTokenInvalid']);
	});

	it('the setup link refuses a replayed POST and creates no second admin', async () => {
		const res = await page.request.post(setupUrl, {
			headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			form: {
				username: 'intruder',
				displayName: 'Kẻ Xâm Nhập',
				password: 'mật khẩu kẻ xâm nhập',
				confirmPassword: 'mật khẩu kẻ xâm nhập'
			}
		});
		const body = await res.json();
		expect(body.type).toBe('failure');
		expect(body.status).toBe(400);
		expect(JSON.stringify(body.data)).toContain('error.setupTokenInvalid');
		const created = (await readAudit(server.dbPath)).filter((e) => e.action === 'user.created');
		expect(created).toHaveLength(1);
	});

	it('the first sign-in is forced to enrol TOTP, then lands on home', async () => {
		await login(page, USERNAME, PASSWORD, '/account/two-factor');
		expect(await page.locator('main h1').innerText()).toBe(vi['totp.title']);
		expect(await page.getByRole('status').first().innerText()).toBe(vi['totp.required']);
		// Nothing else is reachable before enrolment.
		expect(await page.locator('header nav[aria-label] a').count()).toBe(0);
		await page.goto('/admin/users');
		expect(new URL(page.url()).pathname).toBe('/account/two-factor');
		await checkA11y(page);

		const manual = await page.locator('[data-testid=totp-manual-key]').innerText();
		expect(manual).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
		totpKey = decodeBase32IgnorePadding(manual.replace(/\s/g, ''));
		expect(totpKey.byteLength).toBe(20);

		// A wrong code keeps the same key on screen.
		const step0 = await stepWithMargin();
		await page.locator('input[name=code]').fill(wrongCode(step0));
		await submitForm(page, () => page.getByRole('button', { name: vi['totp.submit'], exact: true }).click());
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.totpInvalid']);
		expect(await page.locator('[data-testid=totp-manual-key]').innerText()).toBe(manual);

		enrolStep = await stepWithMargin();
		await page.locator('input[name=code]').fill(codeFor(enrolStep));
		await submitForm(page, () => page.getByRole('button', { name: vi['totp.submit'], exact: true }).click());
		// Success said in words, then the 10 recovery codes, shown once and downloadable.
		const done = page.getByTestId('totp-done');
		await eventually(() => done.innerText()).toBe(vi['totp.enabledDone']);
		expect(await done.getAttribute('role')).toBe('status');
		recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allInnerTexts();
		expect(recoveryCodes).toHaveLength(10);
		for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: vi['totp.recoveryDownload'] }).click()
		]);
		expect(download.suggestedFilename()).toBe('par-survey-recovery-codes.txt');
		const saved = await readFile((await download.path())!, 'utf8');
		for (const code of recoveryCodes) expect(saved).toContain(code);
		await checkA11y(page);
		await page.getByRole('link', { name: vi['totp.continue'] }).click();
		await page.waitForURL((u) => u.pathname === '/');
		expect(await page.locator('main h1').innerText()).toBe(vi['home.greeting'].replace('{name}', DISPLAY_NAME));
		expect(await page.locator('main').innerText()).toContain(vi['home.totpOn']);
		expect(await page.locator('header nav[aria-label] a').allInnerTexts()).toEqual(
			areasForRole('admin').map((a) => vi[`nav.${a}` as keyof typeof vi])
		);
		expect(await page.locator('[data-testid=demo-banner]').count()).toBe(0);
		await checkA11y(page);
	});

	it('signing in again asks for the code: a wrong code and a replayed code are refused, a fresh one works', async () => {
		await logout(page);
		await login(page, USERNAME, PASSWORD, '/login/two-factor');
		expect(await page.locator('main h1').innerText()).toBe(vi['twoFactor.title']);
		// Staff pages stay closed until the second factor.
		await page.goto('/audit');
		expect(new URL(page.url()).pathname).toBe('/login/two-factor');
		await checkA11y(page);

		const now = await stepWithMargin();
		await submitCode(wrongCode(now));
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.totpInvalid']);
		expect(new URL(page.url()).pathname).toBe('/login/two-factor');

		// The code used for enrolment is still inside the accepted window but already spent.
		expect(Math.floor(Date.now() / 1000 / PERIOD) - enrolStep).toBeLessThanOrEqual(1);
		await submitCode(codeFor(enrolStep));
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.totpReused']);

		const step = (await stepWithMargin()) + 1; // next step: later than anything used so far
		await submitCode(codeFor(step));
		await page.waitForURL((u) => u.pathname === '/');
		expect(await page.locator('main h1').innerText()).toBe(vi['home.greeting'].replace('{name}', DISPLAY_NAME));

		// Same code again in a new sign-in: refused as reused.
		await logout(page);
		await login(page, USERNAME, PASSWORD, '/login/two-factor');
		await submitCode(codeFor(step));
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.totpReused']);
		expect(new URL(page.url()).pathname).toBe('/login/two-factor');
		await page.goto('/');
		expect(new URL(page.url()).pathname).toBe('/login/two-factor');

		const actions = (await readAudit(server.dbPath)).map((e) => e.action);
		expect(actions.filter((a) => a === 'auth.totp_enabled')).toHaveLength(1);
		expect(actions.filter((a) => a === 'auth.totp_verified')).toHaveLength(1);
		expect(actions.filter((a) => a === 'auth.totp_reused')).toHaveLength(2);
		expect(actions.filter((a) => a === 'auth.totp_failed')).toHaveLength(1);
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('a recovery code signs in once instead of the TOTP; a new set kills the old one', async () => {
		// The previous test left this browser on the two-factor step.
		await page.goto('/login/two-factor');
		await page.getByText(vi['twoFactor.useRecovery']).click();
		await page.getByLabel(vi['twoFactor.recoveryCode']).fill(recoveryCodes[0].toUpperCase());
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['twoFactor.recoverySubmit'] }).click(),
			(u) => u.pathname === '/account/two-factor'
		);
		expect(await page.locator('main').innerText()).toContain(vi['totp.recoveryUsed']);
		expect(await page.getByTestId('recovery-left').innerText()).toBe(vi['totp.recoveryLeft'].replace('{count}', '9'));
		await checkA11y(page);

		// The same code again, in a new sign-in: refused in Vietnamese, still on the two-factor step.
		await logout(page);
		await login(page, USERNAME, PASSWORD, '/login/two-factor');
		await page.getByText(vi['twoFactor.useRecovery']).click();
		await page.getByLabel(vi['twoFactor.recoveryCode']).fill(recoveryCodes[0]);
		await submitForm(page, () => page.getByRole('button', { name: vi['twoFactor.recoverySubmit'] }).click());
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.recoveryCodeSpent']);
		expect(new URL(page.url()).pathname).toBe('/login/two-factor');
		await checkA11y(page);

		// Another code works; a new set (proved by the password) replaces the old ones.
		await page.getByLabel(vi['twoFactor.recoveryCode']).fill(recoveryCodes[1]);
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['twoFactor.recoverySubmit'] }).click(),
			(u) => u.pathname === '/account/two-factor'
		);
		await page.getByLabel(vi['totp.recoveryProof']).fill(PASSWORD);
		await submitForm(page, () => page.getByRole('button', { name: vi['totp.recoveryRegenerate'] }).click());
		await eventually(() => page.getByTestId('totp-done').innerText()).toBe(vi['totp.recoveryRegenerated']);
		const fresh = await page.getByTestId('recovery-codes').locator('li').allInnerTexts();
		expect(fresh).toHaveLength(10);
		expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);

		const actions = (await readAudit(server.dbPath)).map((e) => e.action);
		expect(actions.filter((a) => a === 'auth.recovery_code_used')).toHaveLength(2);
		expect(actions.filter((a) => a === 'auth.recovery_code_failed')).toHaveLength(1);
		expect(actions.filter((a) => a === 'auth.recovery_codes_generated')).toHaveLength(2);
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('the audit chain verifies, in the app and with the CLI', async () => {
		expect(await verifyChainFile(server.dbPath)).toMatchObject({ ok: true });
		const cli = await cliAuditVerify(server);
		expect(cli.code, cli.output).toBe(0);
		expect(cli.output).toContain('OK');
	});
});
