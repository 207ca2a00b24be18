// The counting committee through its real pages: naming the members, the key ceremony in this
// browser (each member's passphrase typed twice, the share file downloaded, the printed sheet read),
// and a member supplying a share at the opening (kiểm phiếu).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { messages, translator } from '$lib/i18n';
import { checkA11y } from './browser';
import { submitForm } from './app';

const vi = messages.vi;
export const tVi = translator('vi');

export interface CeremonyMember {
	username: string;
	passphrase: string;
}

export interface IssuedShare {
	username: string;
	slot: number;
	passphrase: string;
	/** Where Playwright saved the downloaded share file. */
	filePath: string;
	/** The downloaded file's JSON. */
	file: {
		format: string;
		campaignId: number;
		slot: number;
		threshold: number;
		size: number;
		code: string;
		fingerprint: string;
		holder: string;
	};
	/** The code as the printed sheet shows it: one numbered line of five groups each. */
	printedLines: string[];
}

/** Ticks the given accounts (in order: they become slots 1…n), sets the threshold and saves. */
export async function nameCommittee(
	page: Page,
	campaignId: number,
	usernames: string[],
	threshold: number
): Promise<void> {
	await page.goto(`/campaigns/${campaignId}/committee`, { waitUntil: 'networkidle' });
	for (const name of usernames) await page.locator(`#pick-${name}`).check();
	await page.locator('input[name=threshold]').fill(String(threshold));
	await submitForm(page, () => page.getByRole('button', { name: vi['committee.form.save'], exact: true }).click());
	await page.getByRole('status').filter({ hasText: vi['committee.saved'] }).waitFor();
	await expect(page.getByTestId('committee-members').locator('tbody tr').count()).resolves.toBe(usernames.length);
	await expect(page.getByTestId('committee-state').textContent()).resolves.toBe(vi['committee.state.noKey']);
}

/**
 * Runs the ceremony on the committee page (already loaded, committee named): every member in turn
 * protects their share under a passphrase typed twice, downloads the file, checks the printed sheet
 * and ticks that they kept it; the last "finish" posts the record. Returns the shares handed out and
 * the fingerprint the page shows once the key is recorded.
 */
export async function runCeremony(
	page: Page,
	members: CeremonyMember[],
	options: { a11y?: boolean; mismatchFirst?: boolean } = {}
): Promise<{ fingerprint: string; shares: IssuedShare[] }> {
	const ceremony = page.getByTestId('ceremony');
	// Nothing starts before the warning is acknowledged.
	await expect(ceremony.getByTestId('ceremony-start').isDisabled()).resolves.toBe(true);
	await ceremony.getByTestId('ceremony-ack').check();
	await ceremony.getByTestId('ceremony-start').click();
	const shares: IssuedShare[] = [];
	let fingerprint = '';
	for (const [i, member] of members.entries()) {
		const slot = i + 1;
		const title = page.locator('#member-title');
		await title.filter({ hasText: `(${member.username})` }).waitFor();
		await expect(title.textContent()).resolves.toContain(`${slot}/${members.length}`);
		if (options.mismatchFirst && i === 0) {
			// Two different passphrases: refused in the browser, nothing made.
			await ceremony.getByTestId('passphrase').fill(member.passphrase);
			await ceremony.getByTestId('passphrase-again').fill(`${member.passphrase}x`);
			await ceremony.getByTestId('protect').click();
			await expect(page.locator('#passphrase-error').textContent()).resolves.toBe(vi['ceremony.error.mismatch']);
			expect(await ceremony.getByTestId('share-download').count()).toBe(0);
			if (options.a11y) await checkA11y(page);
		}
		await ceremony.getByTestId('passphrase').fill(member.passphrase);
		await ceremony.getByTestId('passphrase-again').fill(member.passphrase);
		await ceremony.getByTestId('protect').click();
		// PBKDF2 with 600 000 rounds: a few seconds on a slow machine.
		const download = ceremony.getByTestId('share-download');
		await download.waitFor({ timeout: 60_000 });
		const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
		expect(file.suggestedFilename()).toMatch(new RegExp(`-${member.username}\\.json$`));
		const filePath = (await file.path())!;
		const json = JSON.parse(await readFile(filePath, 'utf8')) as IssuedShare['file'];
		expect(json).toMatchObject({ format: 'par-survey-share', slot, size: members.length });
		// The printed sheet: the same code in numbered lines of grouped letters, and its QR image.
		const sheet = ceremony.getByTestId('share-sheet');
		const printedLines = (await sheet.getByTestId('share-code').locator('li').allTextContents()).map((l) => l.trim());
		expect(printedLines.length).toBeGreaterThan(1);
		for (const line of printedLines) expect(line).toMatch(/^[A-Z2-7]{1,4}( [A-Z2-7]{1,4}){0,4}$/);
		expect(printedLines.join(' ')).toBe(json.code);
		const qr = sheet.locator('img.qr-code');
		await expect
			.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 30_000 })
			.toBe(true);
		await expect(sheet.textContent()).resolves.toContain(member.username);
		// The passphrase is nowhere on the page or in the file.
		expect(await page.content()).not.toContain(member.passphrase);
		expect(JSON.stringify(json)).not.toContain(member.passphrase);
		fingerprint ||= json.fingerprint;
		expect(json.fingerprint).toBe(fingerprint);
		if (options.a11y && i === 0) {
			await checkA11y(page);
			// On paper only the sheet is printed: no buttons, no passphrase fields.
			await page.emulateMedia({ media: 'print' });
			expect(await sheet.isVisible()).toBe(true);
			expect(await ceremony.getByTestId('share-saved').isVisible()).toBe(false);
			expect(await page.locator('.site-header').isVisible()).toBe(false);
			await page.emulateMedia({ media: 'screen' });
		}
		// "Next" waits for the member's confirmation.
		await expect(ceremony.getByTestId('share-next').isDisabled()).resolves.toBe(true);
		await ceremony.getByTestId('share-saved').check();
		shares.push({ username: member.username, slot, passphrase: member.passphrase, filePath, file: json, printedLines });
		const next = ceremony.getByTestId('share-next');
		if (slot < members.length) {
			await next.click();
		} else {
			await submitForm(page, () => next.click());
		}
	}
	await page.getByTestId('ceremony-fingerprint').waitFor();
	const shown = (await page.getByTestId('ceremony-fingerprint').textContent())!.trim();
	expect(shown).toBe(fingerprint);
	await page.getByTestId('key-fingerprint').waitFor();
	await expect(page.getByTestId('committee-state').textContent()).resolves.toBe(vi['committee.state.keyed']);
	// The ceremony section is gone: the key exists and the committee is fixed.
	expect(await page.getByTestId('ceremony').count()).toBe(0);
	return { fingerprint, shares };
}

/**
 * A member supplies a share on the opening page: by uploading the file or typing the printed code.
 * Returns the text of the page's answer (the success status or the refusal).
 */
export async function supplyShare(
	page: Page,
	campaignId: number,
	share: { filePath?: string; code?: string; passphrase: string }
): Promise<string> {
	await page.goto(`/campaigns/${campaignId}/opening`, { waitUntil: 'networkidle' });
	const form = page.getByTestId('supply-form');
	await form.waitFor();
	if (share.filePath) await form.locator('input[type=file][name=file]').setInputFiles(share.filePath);
	if (share.code) await form.locator('textarea[name=code]').fill(share.code);
	await form.locator('input[name=passphrase]').fill(share.passphrase);
	await submitForm(page, () => form.getByRole('button', { name: vi['opening.supply.submit'], exact: true }).click());
	const answer = page.locator(
		'#supply-error, section[aria-labelledby=supply-h] [role=status].notice, [data-testid=opening-counted]'
	);
	await answer.first().waitFor({ timeout: 60_000 });
	return (
		(await page.locator('#supply-error').count())
			? await page.locator('#supply-error').textContent()
			: await answer.first().textContent()
	)!.trim();
}
