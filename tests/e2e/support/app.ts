// Shared steps: signing in through the real form, and reading the server's database file
// (SQLite in WAL mode allows a second reader while the server runs).
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { verifyAuditChain, type ChainReport } from '$lib/server/audit';
import { openDatabase } from '$lib/server/db/open';
import { vi } from '$lib/i18n/vi';
import { ROOT, type RunningServer } from './server';

/**
 * Submits a form with a click and returns the answer to the POST. A refused POST (the server's
 * cross-site check answers 403 in plain text) fails at once with the server's own words and the
 * Origin the browser sent, instead of a later timeout waiting for the next page.
 */
export async function submitForm(page: Page, click: () => Promise<void>): Promise<Response> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.request().frame() === page.mainFrame()),
		click()
	]);
	if (response.status() === 403 && (response.headers()['content-type'] ?? '').startsWith('text/plain')) {
		const origin = (await response.request().allHeaders()).origin;
		throw new Error(
			`POST ${new URL(response.url()).pathname} refused with 403 (browser sent Origin: ${origin}): ${await response.text()}`
		);
	}
	return response;
}

/** submitForm, then waits for the browser to land on a page matching `landed`. */
export async function submitAndWait(
	page: Page,
	click: () => Promise<void>,
	landed: (url: URL) => boolean
): Promise<void> {
	await submitForm(page, click);
	await page.waitForURL(landed);
}

/** Signs in through /login and waits until the browser lands on `expectPath` (default: home). */
export async function login(page: Page, username: string, password: string, expectPath = '/'): Promise<void> {
	// networkidle: the page's scripts have loaded and hydrated, so nothing re-renders the form under the typing.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await submitAndWait(
		page,
		() => page.getByRole('button', { name: vi['login.submit'], exact: true }).click(),
		(u) => u.pathname === expectPath
	);
}

export async function logout(page: Page, label: string = vi['nav.logout']): Promise<void> {
	await submitAndWait(
		page,
		() => page.getByRole('button', { name: label, exact: true }).click(),
		(u) => u.pathname === '/login'
	);
}

/** expect.poll with room for a server round trip (argon2 hashing, a full page load) on a busy machine. */
export function eventually<T>(fn: () => T | Promise<T>) {
	return expect.poll(fn, { timeout: 60_000, interval: 100 });
}

export interface AuditRow {
	seq: number;
	action: string;
	actor_label: string | null;
	actor_type: string;
	subject_type: string | null;
	subject_id: string | null;
	payload: string;
}

export async function readAudit(dbPath: string): Promise<AuditRow[]> {
	const h = openDatabase(dbPath);
	try {
		return await h.db
			.selectFrom('audit_event')
			.select(['seq', 'action', 'actor_label', 'actor_type', 'subject_type', 'subject_id', 'payload'])
			.orderBy('seq')
			.execute();
	} finally {
		await h.db.destroy();
	}
}

export async function verifyChainFile(dbPath: string): Promise<ChainReport> {
	const h = openDatabase(dbPath);
	try {
		return await verifyAuditChain(h.db);
	} finally {
		await h.db.destroy();
	}
}

/** `npm run cli -- audit:verify` against the server's files: resolves with exit code and output. */
export function cliAuditVerify(server: RunningServer): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		execFile(
			path.join(ROOT, 'node_modules', '.bin', 'tsx'),
			['src/cli/main.ts', 'audit:verify'],
			{
				cwd: ROOT,
				env: { ...process.env, DATABASE_PATH: server.dbPath, KEYS_FILE: server.keysFile },
				timeout: 120_000
			},
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({ code, output: `${stdout}${stderr}` });
			}
		);
	});
}
