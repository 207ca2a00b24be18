// Respondent steps shared by the e2e files: attest personally, answer every page.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { messages } from '$lib/i18n';
import { checkA11y } from './browser';
import { submitAndWait, submitForm } from './app';

const vi = messages.vi;

export async function attestPersonally(page: Page) {
	await page.getByRole('heading', { name: vi['respondent.attest.title'] }).waitFor();
	await checkA11y(page);
	await page.locator('input[name=confirm]').check();
	await submitAndWait(
		page,
		() => page.getByRole('button', { name: vi['respondent.attest.submit'] }).click(),
		(u) => u.pathname === '/s'
	);
}

/**
 * Answers every question of every page with the option at `pick`, then ticks the declaration. The first question
 * of each page gets a real mouse click (Playwright checks that the option is visible, still and not covered); the
 * others are clicked in the page, one call per page, which fires the same change events. A mouse click per option
 * took 30-180 ms (Playwright's checks and events, each a round trip to the browser): answering was 93 s of the
 * 129 s of sealed and proxy tests. `clickEach` clicks every option with the mouse (the respondent flow does).
 */
export async function answerAll(page: Page, pick: number, options: { reloadAt?: number; clickEach?: boolean } = {}) {
	for (let step = 0; step < 100; step++) {
		const questions = page.locator('.qv-page:not([hidden]) fieldset.qv-question');
		const option = (i: number) => questions.nth(i).locator('.qv-options').first().locator('label.qv-option').nth(pick);
		const count = await questions.count();
		if (count) await option(0).click();
		if (options.clickEach) for (let i = 1; i < count; i++) await option(i).click();
		else {
			const clicked = await questions.evaluateAll((fieldsets, at) => {
				const labels = fieldsets
					.slice(1)
					.map((f) => f.querySelector('.qv-options')?.querySelectorAll<HTMLLabelElement>('label.qv-option')[at]);
				for (const label of labels) label?.click();
				return labels.filter(Boolean).length;
			}, pick);
			expect(clicked).toBe(Math.max(0, count - 1));
		}
		if (step === options.reloadAt) {
			// The draft lives in this browser: a reload brings back the answers and the page.
			const checked = await page.locator('input[type=radio]:checked').count();
			await page.reload({ waitUntil: 'networkidle' });
			await page.getByText(vi['answer.restored']).waitFor();
			await expect(page.locator('input[type=radio]:checked').count()).resolves.toBe(checked);
		}
		const next = page.getByRole('button', { name: vi['qview.next'] });
		if ((await next.count()) === 0) break;
		await next.click();
	}
	await page.locator('input[name=attest]').check();
}

/** The sheet the questionnaire form on the page holds now, as the browser will seal it. */
export async function sheetOnPage(
	page: Page
): Promise<{ answers: Record<string, string>; comments: Record<string, string> }> {
	return page.evaluate(() => {
		const sheet = { answers: {} as Record<string, string>, comments: {} as Record<string, string> };
		for (const input of document.querySelectorAll<HTMLInputElement>('.qv input[type=radio]:checked')) {
			if (input.name.startsWith('answer:')) sheet.answers[input.name.slice('answer:'.length)] = input.value;
		}
		for (const area of document.querySelectorAll<HTMLTextAreaElement>('.qv textarea')) {
			if (area.name.startsWith('comment:') && area.value.trim())
				sheet.comments[area.name.slice('comment:'.length)] = area.value;
		}
		return sheet;
	});
}

/**
 * The readable pieces of a sheet that must not appear in its sealed bytes: every `"question":"option"`
 * pair as the sheet's JSON writes it, every comment, and the JSON's own field names.
 */
export function readablePieces(sheet: { answers: Record<string, string>; comments: Record<string, string> }): string[] {
	return [
		'"answers"',
		'"comments"',
		...Object.entries(sheet.answers).map(([key, option]) => JSON.stringify({ [key]: option }).slice(1, -1)),
		...Object.values(sheet.comments)
	];
}

/**
 * The newest one-time code in the demo outbox, read by the admin as a demo presenter would. The
 * delivery worker writes it a moment after the request, so poll until a code not in `seen` is there.
 */
export async function codeFromOutbox(admin: Page, seen: Set<string>): Promise<string> {
	for (let attempt = 0; attempt < 100; attempt++) {
		await admin.goto('/demo/outbox');
		const row = admin.getByTestId('outbox').locator('tbody tr', { hasText: 'Mã xác minh' }).first();
		const code = (await row.count()) ? /\b(\d{6})\b/.exec((await row.textContent()) ?? '')?.[1] : undefined;
		if (code && !seen.has(code)) {
			seen.add(code);
			return code;
		}
		await admin.waitForTimeout(100);
	}
	throw new Error('no new one-time code reached the demo outbox');
}

/**
 * Opens a personal link, asks for a code, reads it from the demo outbox (as `admin`, skipping the codes in
 * `seen`) and types it in: the respondent lands on the next step of /s.
 */
export async function openAndVerify(page: Page, link: string, admin: Page, seen: Set<string>) {
	await page.goto(link, { waitUntil: 'networkidle' });
	// The token leaves the address bar at once.
	expect(new URL(page.url()).pathname).toBe('/s');
	await expect(page.getByText(vi['respondent.verify.send'], { exact: true }).count()).resolves.toBe(1);
	await submitForm(page, () => page.getByRole('button', { name: vi['respondent.verify.send'], exact: true }).click());
	await page.getByRole('status').filter({ hasText: '10 phút' }).waitFor();
	await page.locator('input[name=code]').fill(await codeFromOutbox(admin, seen));
	await submitAndWait(
		page,
		() => page.getByRole('button', { name: vi['respondent.verify.submit'], exact: true }).click(),
		(u) => u.pathname === '/s'
	);
}
