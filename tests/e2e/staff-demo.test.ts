// Staff pages on a demo database: sign-in per role, navigation, accessibility, audit log,
// language switch, sign-out, forged cookies and account creation, in Debian's Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_PATHS } from '$lib/components/nav';
import { areasForRole, type Area } from '$lib/domain/roles';
import { en } from '$lib/i18n/en';
import { vi } from '$lib/i18n/vi';
import { messages } from '$lib/i18n';
import { DEMO_PASSWORD, DEMO_STAFF } from '$lib/server/seed/demo';
import { DEMO_COMMITTEE } from '$lib/server/seed/demo-committee';
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
import {
	axeFindings,
	checkA11y,
	keepScreenshot,
	launchBrowser,
	newContext,
	SQLITE_PASS,
	watchConsole
} from './support/browser';
import { attestPersonally, codeFromOutbox } from './support/respondent';
import { startServer, type RunningServer } from './support/server';
import { axeViolations, inspectPage, routeShape, visibleKeys, walkPages, type WalkFindings } from './support/walk';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	server = await startServer({ demo: true });
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await server?.dispose();
});

async function freshPage(
	options: Parameters<typeof newContext>[2] = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext(browser, server.url, options);
	contexts.push(context);
	return { context, page: await context.newPage() };
}

const navLinks = (page: Page) => page.locator('header nav[aria-label] a');

function expectedHeading(area: Area, displayName: string): string {
	switch (area) {
		case 'home':
			return vi['home.greeting'].replace('{name}', displayName);
		case 'units':
			return vi['units.title'];
		case 'campaigns':
			return messages.vi['campaign.listTitle'];
		case 'templates':
			return messages.vi['templates.title'];
		case 'users':
			return vi['users.title'];
		case 'settings':
			return vi['settings.title'];
		case 'audit':
			return vi['audit.title'];
	}
}

describe('staff on the demo database', () => {
	it('the login page is accessible and shows the DEMO banner, in Vietnamese', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		const res = await page.goto('/login');
		expect(res?.status()).toBe(200);
		await eventually(() => page.locator('html').getAttribute('lang')).toBe('vi');
		expect(await page.locator('[data-testid=demo-banner]').innerText()).toBe(vi['demo.banner']);
		expect(await page.locator('h1').innerText()).toBe(vi['login.title']);
		// No navigation for someone who is not signed in.
		expect(await navLinks(page).count()).toBe(0);
		await checkA11y(page);
		// The check can fail: a field without a label, added here, is found (on the pass that runs axe).
		await page.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
		const found = (await axeFindings(page)).map((v) => v.id);
		expect(found).toEqual(SQLITE_PASS ? ['label'] : []);
		expect(consoleErrors.unexpected()).toEqual([]);
		await context.close();
	});

	it('a wrong password is refused in Vietnamese; the auditor sees the failure, the login and an intact chain', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await page.goto('/login');
		await page.locator('input[name=username]').fill('organiser');
		await page.locator('input[name=password]').fill('not-the-password');
		const response = await submitForm(page, () =>
			page.getByRole('button', { name: vi['login.submit'], exact: true }).click()
		);
		expect(response.status()).toBe(400);
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.invalidCredentials']);
		expect(new URL(page.url()).pathname).toBe('/login');
		// The username is kept, the password is not sent back.
		expect(await page.locator('input[name=username]').inputValue()).toBe('organiser');
		expect(await page.locator('input[name=password]').inputValue()).toBe('');
		await checkA11y(page);

		await login(page, 'auditor', DEMO_PASSWORD);
		await page.goto('/audit');
		expect(await page.locator('main h1').innerText()).toBe(vi['audit.title']);
		const failed = page.locator('tbody tr[data-action="auth.login_failed"]');
		expect(await failed.count()).toBeGreaterThanOrEqual(1);
		expect(await failed.first().innerText()).toContain('organiser');
		expect(await failed.first().innerText()).toContain(vi['action.auth.login_failed']);
		const logins = page.locator('tbody tr[data-action="auth.login"]');
		expect(await logins.count()).toBeGreaterThanOrEqual(1);
		expect(await logins.first().innerText()).toContain('auditor');
		// Newest first: sequence numbers go down the table.
		const seqs = (await page.locator('tbody tr td:first-child').allInnerTexts()).map(Number);
		expect(seqs.length).toBeGreaterThan(2);
		expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
		await checkA11y(page);

		await page.getByRole('button', { name: vi['audit.verify'], exact: true }).click();
		const ok = page.locator('[data-testid=chain-ok]');
		await ok.waitFor();
		const events = (await readAudit(server.dbPath)).length;
		// The count shown is the chain as verified (the verification itself is logged right after).
		expect(await ok.innerText()).toContain(vi['audit.chainOk'].replace('{count}', String(events - 1)));
		expect(await page.locator('[data-testid=chain-broken]').count()).toBe(0);
		// The signed checkpoints are checked too (the demo's opening wrote one).
		expect(await page.locator('[data-testid=anchors-ok]').innerText()).toMatch(/^[1-9]\d* /);
		const head = (await ok.innerText()).match(/[0-9a-f]{64}/)![0];

		// An anchor typed by the auditor: a malformed one is explained and nothing is logged; the head matches.
		const logged = (await readAudit(server.dbPath)).length;
		const anchorField = page.getByLabel(messages.vi['audit.anchor.field'], { exact: true });
		await anchorField.fill('abc');
		await page.getByRole('button', { name: vi['audit.verify'], exact: true }).click();
		await page.getByText(messages.vi['audit.anchor.badExpect'].replace('{text}', 'abc')).waitFor();
		expect((await readAudit(server.dbPath)).length).toBe(logged);
		await anchorField.fill(`${events - 1}:${head}`);
		await page.getByRole('button', { name: vi['audit.verify'], exact: true }).click();
		const matched = messages.vi['audit.anchor.expectOk'].replace('{label}', `${events - 1}:${head.slice(0, 16)}…`);
		await page.locator('[data-testid=anchor-expected]').getByText(matched).waitFor();
		await checkA11y(page);
		expect(consoleErrors.unexpected()).toEqual([]);
		await context.close();
	});

	it('audit filters narrow the rows, and a malformed date is explained in Vietnamese', async () => {
		const { page } = await freshPage();
		await login(page, 'auditor', DEMO_PASSWORD);
		await page.goto('/audit');
		const totalText = async () => page.locator('[data-testid=audit-total]').innerText();
		const all = Number((await totalText()).match(/\d+/)![0]);
		expect(all).toBeGreaterThan(3);

		await page.locator('select[name=action]').selectOption('auth.login_failed');
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get('action') === 'auth.login_failed'),
			page.getByRole('button', { name: vi['audit.apply'], exact: true }).click()
		]);
		await eventually(async () =>
			page.locator('tbody tr').evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-action')))])
		).toEqual(['auth.login_failed']);
		const failedRows = await page.locator('tbody tr').count();
		expect(failedRows).toBeGreaterThanOrEqual(1);
		expect(failedRows).toBeLessThan(all);
		expect(await totalText()).toBe(vi['audit.total'].replace('{total}', String(failedRows)));
		// The chosen filter is kept in the form.
		expect(await page.locator('select[name=action]').inputValue()).toBe('auth.login_failed');

		// Actor filter: only the auditor's own events.
		await page.goto('/audit?actor=auditor');
		const actors = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
		expect(actors.length).toBeGreaterThanOrEqual(1);
		for (const a of actors) expect(a).toContain('auditor');

		// A date range in the future: nothing, but no error either.
		await page.goto('/audit?from=2099-01-01');
		expect(await page.locator('tbody tr').count()).toBe(0);
		expect(await page.getByRole('alert').count()).toBe(0);

		const res = await page.goto('/audit?from=2026-13-45');
		expect(res?.status()).toBe(200);
		expect(await page.getByRole('alert').allInnerTexts()).toEqual([vi['audit.badFrom']]);
		expect(await page.locator('tbody tr').count()).toBe(0);
		expect(await totalText()).toBe(vi['audit.total'].replace('{total}', '0'));
		await checkA11y(page);

		await page.goto('/audit?from=2026-02-01&to=2026-01-01');
		expect(await page.getByRole('alert').allInnerTexts()).toEqual([vi['audit.badRange']]);
	});

	it('an analyst opening /audit or /admin/users gets 403 with the Vietnamese message, and it is logged', async () => {
		const { page } = await freshPage();
		await login(page, 'analyst', DEMO_PASSWORD);
		for (const path of ['/audit', '/admin/users', '/admin/users/new', '/admin/settings']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
			expect(await page.locator('main').innerText()).toContain(vi['error.forbidden']);
			expect(await page.locator('main h1').innerText()).toBe(vi['error.title'].replace('{status}', '403'));
		}
		await checkA11y(page);
		const denied = (await readAudit(server.dbPath)).filter(
			(e) => e.action === 'access.denied' && e.actor_label === 'analyst'
		);
		expect(denied.length).toBeGreaterThanOrEqual(4);
	});

	it('switches the language to English and back', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await login(page, 'admin', DEMO_PASSWORD);
		await page.goto('/units');
		const areas = areasForRole('admin');
		expect(await navLinks(page).allInnerTexts()).toEqual(areas.map((a) => vi[`nav.${a}`]));

		await submitAndWait(
			page,
			() => page.getByRole('button', { name: 'English', exact: true }).click(),
			(u) => u.pathname === '/units'
		);
		await eventually(() => navLinks(page).allInnerTexts()).toEqual(areas.map((a) => en[`nav.${a}`]));
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.locator('main h1').innerText()).toBe(en['units.title']);
		expect(await page.getByRole('button', { name: 'English', exact: true }).getAttribute('aria-pressed')).toBe('true');
		expect(new URL(page.url()).pathname).toBe('/units');
		await checkA11y(page);

		await submitAndWait(
			page,
			() => page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click(),
			(u) => u.pathname === '/units'
		);
		await eventually(() => navLinks(page).allInnerTexts()).toEqual(areas.map((a) => vi[`nav.${a}`]));
		expect(await page.locator('html').getAttribute('lang')).toBe('vi');
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('without JavaScript: signs in, switches to English and signs out', async () => {
		const { page } = await freshPage({ javaScriptEnabled: false });
		await login(page, 'organiser', DEMO_PASSWORD);
		expect(await navLinks(page).allInnerTexts()).toEqual(areasForRole('organiser').map((a) => vi[`nav.${a}`]));
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: 'English', exact: true }).click(),
			(u) => u.pathname === '/'
		);
		await eventually(() => navLinks(page).allInnerTexts()).toEqual(
			areasForRole('organiser').map((a) => en[`nav.${a}`])
		);
		expect(await page.locator('[data-testid=demo-banner]').innerText()).toBe(en['demo.banner']);
		await logout(page, en['nav.logout']);
		expect(await page.locator('h1').innerText()).toBe(en['login.title']);
	});

	it('signing out returns to /login and the old session no longer opens staff pages', async () => {
		const { context, page } = await freshPage();
		await login(page, 'analyst', DEMO_PASSWORD);
		const before = (await context.cookies()).find((c) => c.name === 'par_session');
		expect(before?.value).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
		expect(before?.httpOnly).toBe(true);
		expect(before?.sameSite).toBe('Lax');
		await logout(page);
		expect(await page.locator('h1').innerText()).toBe(vi['login.title']);
		expect((await context.cookies()).find((c) => c.name === 'par_session')).toBeUndefined();

		// Replaying the old token (e.g. from a copied cookie) must not work after sign-out.
		await context.addCookies([{ name: 'par_session', value: before!.value, url: server.url }]);
		await page.goto('/units');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(new URL(page.url()).searchParams.get('next')).toBe('/units');
		const logouts = (await readAudit(server.dbPath)).filter(
			(e) => e.action === 'auth.logout' && e.actor_label === 'analyst'
		);
		expect(logouts.length).toBe(1);
	});

	it('a forged session cookie is ignored: treated as signed out', async () => {
		const { context, page } = await freshPage();
		const forged = ['a'.repeat(32) + '.' + 'b'.repeat(32), 'garbage', 'x.y.z', "x'OR'1'='1.y"];
		for (const value of forged) {
			await context.clearCookies();
			await context.addCookies([{ name: 'par_session', value, url: server.url }]);
			const res = await page.goto('/');
			expect(res?.status(), value).toBe(200);
			expect(new URL(page.url()).pathname, value).toBe('/login');
			expect(await page.locator('h1').innerText()).toBe(vi['login.title']);
			expect(await navLinks(page).count()).toBe(0);
			// The server drops the bad cookie rather than keep receiving it.
			expect(
				(await context.cookies()).find((c) => c.name === 'par_session'),
				value
			).toBeUndefined();
		}
		const h = await page.goto('/healthz');
		expect(h?.status()).toBe(200);
	});

	it('admin creating a user: bad role and a 10 kB password are refused per field in Vietnamese, nothing is written; then a valid user appears', async () => {
		const { context, page } = await freshPage();
		const consoleErrors = watchConsole(context);
		await login(page, 'admin', DEMO_PASSWORD);
		await page.goto('/admin/users');
		const rows = page.locator('tbody tr');
		const usernamesBefore = await page.locator('tbody tr td:first-child').allInnerTexts();
		// One account per role, and the counting committee's three accounts (kiemphieu1..3).
		const demoAccounts = [...DEMO_STAFF, ...DEMO_COMMITTEE].map((s) => s.username);
		expect(usernamesBefore.sort()).toEqual(demoAccounts.sort());
		const auditBefore = (await readAudit(server.dbPath)).length;

		await Promise.all([
			page.waitForURL('**/admin/users/new'),
			page.getByRole('link', { name: vi['users.create'] }).click()
		]);
		await checkA11y(page);
		await page.locator('input[name=username]').fill('can.bo.moi');
		await page.locator('input[name=displayName]').fill('Đỗ Thị Mới');
		await page.locator('select[name=role]').evaluate((select: HTMLSelectElement) => {
			select.add(new Option('Siêu quản trị', 'superuser'));
			select.value = 'superuser';
		});
		await page.locator('input[name=password]').fill('x'.repeat(10 * 1024));
		const response = await submitForm(page, () =>
			page.getByRole('button', { name: vi['users.createSubmit'], exact: true }).click()
		);
		expect(response.status()).toBe(400);
		await page.locator('#err-role').waitFor();
		expect(await page.locator('#err-role').innerText()).toBe(vi['error.roleUnknown']);
		expect(await page.locator('#err-password').innerText()).toBe(vi['error.passwordTooLong']);
		expect(await page.getByRole('alert').first().innerText()).toBe(vi['common.fixErrors']);
		expect(await page.locator('select[name=role]').getAttribute('aria-invalid')).toBe('true');
		// Typed values are kept, except the password.
		expect(await page.locator('input[name=username]').inputValue()).toBe('can.bo.moi');
		expect(await page.locator('input[name=displayName]').inputValue()).toBe('Đỗ Thị Mới');
		expect(await page.locator('input[name=password]').inputValue()).toBe('');
		expect(await page.content()).not.toContain('x'.repeat(300));
		await checkA11y(page);

		// The same through SvelteKit's JSON action protocol, as a script would send it.
		const api = await page.request.post(`${server.url}/admin/users/new`, {
			headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			form: {
				username: 'can.bo.moi',
				displayName: 'Đỗ Thị Mới',
				role: 'root',
				unitCode: '',
				password: 'một mật khẩu đủ dài 2026'
			}
		});
		const body = await api.json();
		expect(body.type).toBe('failure');
		expect(body.status).toBe(400);
		expect(JSON.stringify(body.data)).toContain('error.roleUnknown');
		expect(JSON.stringify(body.data)).not.toContain('một mật khẩu');

		await page.goto('/admin/users');
		expect((await page.locator('tbody tr td:first-child').allInnerTexts()).sort()).toEqual(usernamesBefore.sort());
		expect((await readAudit(server.dbPath)).length).toBe(auditBefore);

		// Now a valid one.
		await page.goto('/admin/users/new');
		await page.locator('input[name=username]').fill('can.bo.moi');
		await page.locator('input[name=displayName]').fill('Đỗ Thị Mới');
		await page.locator('select[name=role]').selectOption('analyst');
		await page.locator('input[name=password]').fill('một mật khẩu đủ dài 2026');
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['users.createSubmit'], exact: true }).click(),
			(u) => /^\/admin\/users\/\d+$/.test(u.pathname)
		);
		expect(await page.locator('main h1').innerText()).toContain('Đỗ Thị Mới');
		expect(await page.locator('main').innerText()).toContain(vi['users.createdDone']);

		await page.goto('/admin/users');
		expect(await rows.count()).toBe(demoAccounts.length + 1);
		const row = rows.filter({ hasText: 'can.bo.moi' });
		expect(await row.count()).toBe(1);
		const cells = await row.locator('td').allInnerTexts();
		expect(cells.slice(0, 3)).toEqual(['can.bo.moi', 'Đỗ Thị Mới', vi['role.analyst']]);
		const created = (await readAudit(server.dbPath)).filter(
			(e) => e.action === 'user.created' && e.actor_label === 'admin'
		);
		expect(created.length).toBe(1);

		// The new analyst can sign in (demo: password only).
		const other = await freshPage();
		await login(other.page, 'can.bo.moi', 'một mật khẩu đủ dài 2026');
		expect(await navLinks(other.page).allInnerTexts()).toEqual(areasForRole('analyst').map((a) => vi[`nav.${a}`]));
		expect(consoleErrors.unexpected()).toEqual([]);
	});

	it('admin home page: screenshot for a layout check', async () => {
		const { page } = await freshPage();
		await login(page, 'admin', DEMO_PASSWORD);
		await keepScreenshot(page, 'home-admin.png', { fullPage: true });
		const box = await page.locator('main').boundingBox();
		expect(box?.width).toBeGreaterThan(300);
		// Header, main and footer stack without overlapping.
		const header = await page.locator('header.site-header').boundingBox();
		expect(header!.y + header!.height).toBeLessThanOrEqual(box!.y);
		// After a client-side navigation SvelteKit's route announcer must stay visually hidden
		// (1×1 px); it depends on an inline style attribute, which a strict style-src blocks.
		await Promise.all([page.waitForURL('**/units'), navLinks(page).filter({ hasText: vi['nav.units'] }).click()]);
		await eventually(() => page.locator('#svelte-announcer').innerText()).not.toBe('');
		const announcer = await page.locator('#svelte-announcer').boundingBox();
		await keepScreenshot(page, 'units-admin.png', { fullPage: true });
		expect(announcer === null || (announcer.width <= 1 && announcer.height <= 1), JSON.stringify(announcer)).toBe(true);
	});

	it('the audit chain of the whole run verifies, in the app and with the CLI', async () => {
		const report = await verifyChainFile(server.dbPath);
		expect(report).toMatchObject({ ok: true });
		const cli = await cliAuditVerify(server);
		expect(cli.output).toContain('OK');
		expect(cli.code).toBe(0);
		expect(server.logs()).not.toMatch(/\[par-survey\] error/);
	});
});

// Issue 15 item 3: no page of the demo shows a message key instead of its text, and axe finds nothing
// (any impact, `region` included), for every staff role, the public pages and a respondent's steps.
describe('walking every page of the demo', () => {
	const texts = messages.vi;
	const axeDone = new Set<string>();
	const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

	function expectClean(findings: WalkFindings) {
		expect(findings.keys, findings.visited.join('\n')).toEqual([]);
		expect(findings.axe).toEqual([]);
	}

	it("signed out: the sign-in page, a campaign's public page, the revision page and /s", async () => {
		const { page } = await freshPage();
		const findings = await walkPages(page, ['/login', '/c/dtxh-2026', '/c/dtxh-2026/revise', '/s'], axeDone);
		expect(findings.visited.length).toBeGreaterThanOrEqual(4);
		expectClean(findings);
		// The same pages in English (keys only: axe has seen these shapes).
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: 'English', exact: true }).click(),
			(u) => u.pathname === new URL(page.url()).pathname
		);
		await eventually(() => page.locator('html').getAttribute('lang')).toBe('en');
		const english = await walkPages(page, ['/login', '/c/dtxh-2026', '/c/dtxh-2026/revise', '/s'], axeDone);
		expect(english.visited.length).toBeGreaterThanOrEqual(4);
		expectClean(english);
	});

	// One test per role: the sign-in and the navigation (formerly a test of their own, which loaded and
	// axe-checked the same pages again), then the walk from the home page.
	for (const staff of DEMO_STAFF) {
		it(`${staff.role}: signs in with the password only, sees exactly the role's areas, and every page reachable from them shows no key and passes axe`, async () => {
			const { context, page } = await freshPage();
			const consoleErrors = watchConsole(context);
			await login(page, staff.username, DEMO_PASSWORD);
			expect(new URL(page.url()).pathname).toBe('/');
			expect(await page.locator('[data-testid=demo-banner]').innerText()).toBe(vi['demo.banner']);
			expect(await page.locator('header .who').innerText()).toContain(staff.displayName);
			expect(await page.locator('header .role-badge').innerText()).toBe(vi[`role.${staff.role}`]);

			const areas = areasForRole(staff.role);
			const links = navLinks(page);
			expect(await links.allInnerTexts()).toEqual(areas.map((a) => vi[`nav.${a}`]));
			expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
				areas.map((a) => AREA_PATHS[a])
			);

			// Each area through its link, inspected where it lands (keys, and axe for every role: what an
			// area shows depends on the role); the walk then follows the areas' links without loading them again.
			const inspected: WalkFindings = { visited: [], keys: [], axe: [] };
			const seen = new Set<string>();
			const next: string[] = [];
			for (const area of areas) {
				const link = navLinks(page).filter({ hasText: vi[`nav.${area}`] });
				await Promise.all([page.waitForURL((u) => u.pathname === AREA_PATHS[area]), link.click()]);
				await eventually(() => page.locator('main h1').first().innerText()).toBe(
					expectedHeading(area, staff.displayName)
				);
				expect(
					await navLinks(page)
						.filter({ hasText: vi[`nav.${area}`] })
						.getAttribute('aria-current')
				).toBe('page');
				inspected.visited.push(AREA_PATHS[area]);
				seen.add(routeShape(AREA_PATHS[area]));
				axeDone.add(routeShape(AREA_PATHS[area]));
				next.push(...(await inspectPage(page, AREA_PATHS[area], inspected, true)));
			}
			expectClean(inspected);

			const findings = await walkPages(page, next, axeDone, seen);
			// Pages beyond the areas were reached from their links.
			expect(findings.visited.length).toBeGreaterThanOrEqual(1);
			expectClean(findings);
			expect(consoleErrors.unexpected()).toEqual([]);
		}, 300_000);
	}

	it('a respondent with a personal link: the code step, the attestation and the questionnaire', async () => {
		const organiser = (await freshPage()).page;
		await login(organiser, 'organiser', DEMO_PASSWORD);
		await organiser.goto('/campaigns/1/invitations');
		await submitForm(organiser, () =>
			organiser
				.locator('tbody tr')
				.first()
				.getByRole('button', { name: texts['invitations.reissue'], exact: true })
				.click()
		);
		const link = (await organiser.getByTestId('issued-url').first().textContent())!.trim();
		const admin = (await freshPage()).page;
		await login(admin, 'admin', DEMO_PASSWORD);

		const { page } = await freshPage(PHONE);
		const problems: string[] = [];
		const inspect = async (step: string) => {
			for (const key of await visibleKeys(page)) problems.push(`${step}: ${key}`);
			for (const v of await axeViolations(page)) problems.push(`${step}: ${v}`);
		};
		await page.goto(link, { waitUntil: 'networkidle' });
		await inspect('verify');
		await submitForm(page, () =>
			page.getByRole('button', { name: texts['respondent.verify.send'], exact: true }).click()
		);
		await page.locator('input[name=code]').waitFor();
		await inspect('code sent');
		await page.locator('input[name=code]').fill(await codeFromOutbox(admin, new Set()));
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: texts['respondent.verify.submit'], exact: true }).click(),
			(u) => u.pathname === '/s'
		);
		await page.getByRole('heading', { name: texts['respondent.attest.title'] }).waitFor();
		await inspect('attestation');
		await attestPersonally(page);
		await page.locator('.qv').waitFor();
		await inspect('questionnaire');
		expect(problems).toEqual([]);
	});
});
