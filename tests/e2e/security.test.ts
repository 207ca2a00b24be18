// Cross-site POSTs, security headers, the health check and login throttling against the built
// server on a demo database.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../integration/support';
import { messages } from '$lib/i18n';
import { vi } from '$lib/i18n/vi';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { eventually, login, readAudit, submitForm, verifyChainFile } from './support/app';
import { checkA11y, keepScreenshot, launchBrowser, newContext, watchConsole } from './support/browser';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	server = await startServer({ demo: true });
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

const REFUSED = 'Yêu cầu bị từ chối';

/** The header's brand, navigation and tools share one row, and every navigation link sits on it. */
async function expectHeaderOneRow(page: Page, role: string): Promise<void> {
	const rows = await page.locator('header.site-header').evaluate((header) => {
		const mid = (el: Element) => {
			const r = el.getBoundingClientRect();
			return Math.round(r.top + r.height / 2);
		};
		return {
			height: Math.round(header.getBoundingClientRect().height),
			parts: [...header.children].map(mid),
			links: [...header.querySelectorAll('nav a')].map(mid)
		};
	});
	const all = [...rows.parts, ...rows.links];
	expect(Math.max(...all) - Math.min(...all), `${role}: ${JSON.stringify(rows)}`).toBeLessThanOrEqual(4);
	expect(rows.height, role).toBeLessThanOrEqual(64);
}

function form(fields: Record<string, string>): URLSearchParams {
	return new URLSearchParams(fields);
}

describe('security', () => {
	it('refuses a cross-origin POST to /login with 403 in Vietnamese and writes nothing but its rate-limited audit event', async () => {
		const before = await readAudit(server.dbPath);
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ username: 'admin', password: DEMO_PASSWORD }),
			redirect: 'manual'
		});
		expect(res.status).toBe(403);
		const text = await res.text();
		expect(text.startsWith(REFUSED)).toBe(true);
		expect(res.headers.get('set-cookie')).toBeNull();

		// The JSON flavour (SvelteKit's enhanced forms) is refused the same way.
		const json = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: {
				origin: 'http://evil.example',
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: form({ username: 'admin', password: 'wrong-password-here' })
		});
		expect(json.status).toBe(403);
		expect((await json.json()).error.message.startsWith(REFUSED)).toBe(true);

		// Also without any Origin header, and on other state-changing endpoints.
		for (const [path, headers] of [
			['/login', {}],
			['/logout', { origin: 'http://evil.example' }],
			['/lang', { origin: 'http://127.0.0.1.evil.example' }],
			['/audit?/verify', { origin: 'null' }],
			['/admin/users/new', { origin: server.url.replace('http:', 'https:') }]
		] as const) {
			const r = await fetch(`${server.url}${path}`, {
				method: 'POST',
				headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
				body: form({ username: 'admin', password: 'wrong-password-here', lang: 'en' }),
				redirect: 'manual'
			});
			expect(r.status, path).toBe(403);
			expect((await r.text()).startsWith(REFUSED), path).toBe(true);
		}
		// Refusals are audited (rate-limited, issue 14); nothing else is written.
		expect((await readAudit(server.dbPath)).filter((e) => e.action !== 'security.cross_site_refused')).toEqual(before);
	});

	it("accepts the app's own form POST from Chromium (which sends Origin: null under Referrer-Policy: no-referrer)", async () => {
		const context = await newContext(browser, server.url);
		const page = await context.newPage();
		await page.goto('/login');
		await page.locator('input[name=username]').fill('analyst');
		await page.locator('input[name=password]').fill(DEMO_PASSWORD);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: vi['login.submit'], exact: true }).click()
		]);
		const sentOrigin = (await response.request().allHeaders()).origin;
		expect(response.status(), `browser sent Origin: ${sentOrigin}`).toBe(303);
		await page.waitForURL((u) => u.pathname === '/');
		await context.close();
	});

	it('pages load without CSP violations or script errors in the console', async () => {
		const context = await newContext(browser, server.url);
		const consoleErrors = watchConsole(context);
		const page = await context.newPage();
		await page.goto('/login');
		await page.waitForLoadState('networkidle');
		expect(consoleErrors.all()).toEqual([]);
		await context.close();
	});

	it('the staff header fits one row at 1366×768 for every role; the audit log reads in words', async () => {
		const context = await newContext(browser, server.url, { viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		for (const role of ['admin', 'organiser', 'analyst', 'auditor']) {
			await login(page, role, DEMO_PASSWORD);
			await keepScreenshot(page, `issue15/item11-header-${role}.png`);
			await expectHeaderOneRow(page, role);
			if (role === 'auditor') {
				// Subjects by name ("Người dùng …"), details as phrases, the raw JSON still there under <details>.
				await page.goto('/audit');
				const subjects = await page.locator('table tbody tr td:nth-child(5)').allInnerTexts();
				expect(
					subjects.some((s) => /^(Người dùng|Đợt|Đơn vị) \S/.test(s)),
					subjects.join(' | ')
				).toBe(true);
				expect(subjects.filter((s) => /^[a-z_]+:\d+$/.test(s))).toEqual([]);
				await expect(page.locator('table details summary').first().innerText()).resolves.toBe(
					messages.vi['audit.words.rawJson']
				);
				await checkA11y(page);
			}
			await page.context().clearCookies();
		}
		await context.close();
	});

	it('sends the security headers and a nonce-based CSP on /login', async () => {
		const res = await fetch(`${server.url}/login`);
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		const nonce = csp.match(/script-src[^;]*'nonce-([^']+)'/)?.[1];
		expect(nonce, csp).toBeTruthy();
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		const html = await res.text();
		// The inline bootstrap script carries the nonce of this very response.
		expect(html).toContain(`nonce="${nonce}"`);
		expect(html).toContain('<html lang="vi">');

		// A second response gets a different nonce.
		const again = await fetch(`${server.url}/login`);
		expect(again.headers.get('content-security-policy')).not.toContain(nonce!);
	});

	it('GET /healthz answers 200 {"status":"ok"} and the engine', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/json');
		expect(await res.json()).toEqual({ status: 'ok', engine: TEST_ENGINE });
	});

	it('a 10 kB password in the login form is refused as too long, and no failed-login event is written', async () => {
		const context = await newContext(browser, server.url);
		const consoleErrors = watchConsole(context);
		const page = await context.newPage();
		const before = await readAudit(server.dbPath);
		await page.goto('/login');
		await page.locator('input[name=username]').fill('admin');
		await page.locator('input[name=password]').fill('p'.repeat(10 * 1024));
		const response = await submitForm(page, () =>
			page.getByRole('button', { name: vi['login.submit'], exact: true }).click()
		);
		expect(response.status()).toBe(400);
		await eventually(() => page.getByRole('alert').innerText()).toBe(vi['error.passwordTooLong']);
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.content()).not.toContain('p'.repeat(300));
		const after = await readAudit(server.dbPath);
		expect(after).toEqual(before);
		expect(after.filter((e) => e.action === 'auth.login_failed')).toEqual([]);

		// And the account still signs in normally: the oversize attempt counted for nothing.
		await login(page, 'admin', DEMO_PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/');
		expect(consoleErrors.unexpected()).toEqual([]);
		await context.close();
	});

	it('holds one client back after 5 wrong passwords, in Vietnamese with the time to come back, even against the right password', async () => {
		const post = (password: string) =>
			fetch(`${server.url}/login`, {
				method: 'POST',
				headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: form({ username: 'organiser', password }),
				redirect: 'manual'
			});
		// Earlier tests sign the organiser in (the header check): count only this test's events.
		const earlier = (await readAudit(server.dbPath)).length;
		const invalid = vi['error.invalidCredentials'];
		for (let i = 1; i <= 4; i++) {
			const r = await post(`wrong-password-${i}`);
			expect(r.status).toBe(400);
			expect(await r.text()).toContain(invalid);
		}
		// "… thử lại lúc 10:42.": the wait is told as a Vietnam clock time (it grows with each new failure).
		const [before, after] = vi['error.accountLocked'].split('{time}');
		const locked = new RegExp(`${before}\\d{2}:\\d{2}${after.replace('.', '\\.')}`);
		const fifth = await post('wrong-password-5');
		expect(fifth.status).toBe(429);
		expect(await fifth.text()).toMatch(locked);
		const right = await post(DEMO_PASSWORD);
		expect(right.status).toBe(429);
		expect(right.headers.get('set-cookie') ?? '').not.toContain('par_session');
		expect(await right.text()).toMatch(locked);

		const events = (await readAudit(server.dbPath)).slice(earlier);
		expect(events.filter((e) => e.action === 'auth.login_failed' && e.actor_label === 'organiser')).toHaveLength(5);
		expect(events.filter((e) => e.action === 'auth.lockout')).toHaveLength(1);
		expect(events.filter((e) => e.action === 'auth.login' && e.actor_label === 'organiser')).toHaveLength(0);

		// Another account from the same address is not affected.
		const context = await newContext(browser, server.url);
		const page = await context.newPage();
		await login(page, 'analyst', DEMO_PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/');
		await context.close();
	});

	it('the session cookie is httpOnly, SameSite=Lax, host-only and of the form id.secret', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ username: 'auditor', password: DEMO_PASSWORD }),
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('par_session='));
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/^par_session=[a-z2-7]{32}\.[a-z2-7]{32};/);
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).toMatch(/; Path=\//i);
		expect(cookie).not.toMatch(/; Domain=/i);

		// Staff pages are not cached.
		const token = cookie!.split(';')[0];
		const home = await fetch(`${server.url}/`, { headers: { cookie: token }, redirect: 'manual' });
		expect(home.status).toBe(200);
		expect(home.headers.get('cache-control')).toContain('no-store');
	});

	it('the audit chain verifies after the run', async () => {
		expect(await verifyChainFile(server.dbPath)).toMatchObject({ ok: true });
	});
});
