// Delivery and monitoring in a real browser against a real SMTP server started by the test: an
// organiser sends a unit its links by e-mail, a respondent answers from the link in the captured
// mail (the code comes by e-mail too), the dashboard moves, a reminder goes only to those who have
// not submitted, and the non-respondent export opens in a spreadsheet library.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, translator } from '$lib/i18n';
import { openDatabase } from '$lib/server/db/open';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { startSmtp, type ReceivedMail } from '../integration/delivery-support';
import { eventually, login, readAudit, submitAndWait, submitForm } from './support/app';
import { checkA11y, keepScreenshot, launchBrowser, newContext, SQLITE_PASS, watchConsole } from './support/browser';
import { answerAll, attestPersonally } from './support/respondent';
import { startServer, type RunningServer } from './support/server';

const vi = messages.vi;
const tVi = translator('vi');
const UNIT = '21025';
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: RunningServer;
let browser: Browser;
let organiser: Page;
let submitter = '';

beforeAll(async () => {
	smtp = await startSmtp();
	server = await startServer({ demo: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'khaosat@quangngai.example.vn' } });
	browser = await launchBrowser();
	organiser = await (await newContext(browser, server.url)).newPage();
	await login(organiser, 'organiser', DEMO_PASSWORD);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
	await smtp?.close();
});

const mailsTo = (address: string, subject: RegExp) =>
	smtp.received.filter((m) => m.to.includes(address) && subject.test(m.mail.subject ?? ''));
const textOf = (m: ReceivedMail) => m.mail.text ?? '';

/** A 1366×768 screenshot for the before/after notes (test-results/issue15/), on the SQLite pass. */
async function shoot(page: Page, name: string, fullPage = false) {
	if (!SQLITE_PASS) return;
	await page.setViewportSize({ width: 1366, height: 768 });
	await keepScreenshot(page, `issue15/${name}`, { fullPage });
	await page.setViewportSize({ width: 1280, height: 900 });
}

describe('an organiser reaches a unit by e-mail and follows its response', () => {
	it('sends the unit its links; each person gets one mail with a working personal link', async () => {
		await organiser.goto('/campaigns/1/invitations');
		await checkA11y(organiser);
		await organiser.locator('select[name=unit]').selectOption(UNIT);
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.send'], exact: true }).click()
		);
		// Issue 15 item 2: first what will happen, to how many people, by which channel; nothing sent yet.
		const confirm = organiser.getByTestId('confirm-panel');
		await expect(confirm.textContent()).resolves.toMatch(
			/Gửi liên kết đến 5 người của .+ \(kể cả đơn vị trực thuộc\): 5 qua thư điện tử, 0 qua SMS, 0 không có kênh/
		);
		await expect(confirm.textContent()).resolves.toContain(vi['invitations.confirm.keepsOld']);
		await expect(organiser.getByTestId('batch-progress').count()).resolves.toBe(0);
		expect(smtp.received).toHaveLength(0);
		await checkA11y(organiser);
		await shoot(organiser, 'item2-after-confirm.png');
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.confirm.go'], exact: true }).click()
		);
		await organiser.getByTestId('invitations-queued').waitFor();
		await organiser.locator('[data-testid=batch-progress][data-done]').waitFor({ timeout: 60_000 });
		await eventually(() => smtp.received.length).toBe(5);
		const recipients = smtp.received.flatMap((m) => m.to);
		expect(new Set(recipients).size).toBe(5);
		const mail = smtp.received[0];
		// Vietnamese, intact, in both parts; the personal link is in the mail.
		expect(mail.mail.subject).toMatch(/khảo sát/i);
		expect(textOf(mail)).toMatch(/\/s\/[a-z2-7]{32}/);
		expect(String(mail.mail.html)).toMatch(/\/s\/[a-z2-7]{32}/);
		// The per-recipient log: five messages sent, none waiting, no error.
		await organiser.getByRole('link', { name: vi['batch.log'] }).click();
		const log = organiser.getByTestId('delivery-log');
		await log.waitFor();
		await expect(log.locator('tbody tr').count()).resolves.toBe(5);
		await expect(log.locator('tbody').textContent()).resolves.not.toContain(vi['delivery.status.failed']);
		await checkA11y(organiser);
		// The queue forgot the bodies once sent.
		const audit = await readAudit(server.dbPath);
		expect(audit.some((e) => e.payload.includes('/s/'))).toBe(false);
	});

	it('a respondent answers from the link in the mail; the code comes by e-mail; the dashboard moves', async () => {
		const mail = smtp.received[0];
		submitter = mail.to[0];
		const link = /https?:\/\/[^\s]+\/s\/[a-z2-7]{32}/.exec(textOf(mail))![0];
		const page = await (
			await newContext(browser, server.url, { viewport: { width: 390, height: 844 }, isMobile: true })
		).newPage();
		await page.goto(new URL(link).pathname, { waitUntil: 'networkidle' });
		expect(new URL(page.url()).pathname).toBe('/s');
		await submitForm(page, () => page.getByRole('button', { name: vi['respondent.verify.send'], exact: true }).click());
		await eventually(() => mailsTo(submitter, /Mã xác minh/).length).toBe(1);
		const code = /\b(\d{6})\b/.exec(textOf(mailsTo(submitter, /Mã xác minh/)[0]))![1];
		await page.locator('input[name=code]').fill(code);
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['respondent.verify.submit'], exact: true }).click(),
			(u) => u.pathname === '/s'
		);
		await attestPersonally(page);
		await page.locator('.qv').waitFor();
		await answerAll(page, 0);
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		await page.getByTestId('receipt').waitFor({ timeout: 60_000 });

		const console = watchConsole(organiser);
		await organiser.goto(`/campaigns/1/monitor?unit=${UNIT}`, { waitUntil: 'networkidle' });
		await expect(organiser.locator('[data-count=submitted]').first().textContent()).resolves.toBe('1');
		// The chart draws under the app's CSP: a non-blank canvas, no violation in the console.
		const canvas = organiser.locator('canvas').first();
		await canvas.waitFor();
		const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
			const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
			for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
			return false;
		});
		expect(painted).toBe(true);
		expect(console.unexpected()).toEqual([]);
		await checkA11y(organiser);
	});

	it('reminds only those who have not submitted', async () => {
		const before = smtp.received.length;
		await organiser.goto(`/campaigns/1/reminders?preview=1&unit=${UNIT}`);
		const preview = organiser.getByTestId('reminder-preview');
		await expect(preview.textContent()).resolves.toContain(vi['reminders.willSend'].replace('{count}', '4'));
		await checkA11y(organiser);
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['reminders.confirm'].replace('{count}', '4') }).click()
		);
		await organiser.getByTestId('reminders-sent').waitFor();
		await eventually(() => smtp.received.length - before).toBe(4);
		const reminded = smtp.received.slice(before).flatMap((m) => m.to);
		expect(reminded).not.toContain(submitter);
		expect(new Set(reminded).size).toBe(4);
		const audit = await readAudit(server.dbPath);
		expect(audit.filter((e) => e.action === 'reminder.sent')).toHaveLength(4);
	});

	it('exports the non-respondents of the unit to XLSX with Vietnamese headers', async () => {
		const response = await organiser.request.get(`/campaigns/1/monitor/export?unit=${UNIT}`);
		expect(response.status()).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from(await response.body()) as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		const header = (sheet.getRow(1).values as unknown[]).map(String);
		expect(header).toContain(vi['monitor.export.col.fullName']);
		expect(header).toContain(vi['monitor.export.col.unitName']);
		let rows = 0;
		sheet.eachRow((row, n) => {
			if (n > 1 && row.getCell(2).value) rows++;
		});
		expect(rows).toBe(4);
	});
});

describe('a person’s history and sending to everyone without a link (issue 15 items 2 and 5)', () => {
	it('the history shows the link sent by e-mail; "Thu hồi tất cả" asks first, then revokes', async () => {
		const h = openDatabase(server.dbPath);
		const person = await h.db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(['p.id', 'p.full_name'])
			.where('u.code', '=', UNIT)
			.where('p.email', '!=', submitter)
			.orderBy('p.id')
			.executeTakeFirstOrThrow();
		await h.db.destroy();
		await organiser.goto('/campaigns/1/invitations');
		await organiser.getByRole('link', { name: person.full_name, exact: true }).first().click();
		await organiser.waitForURL(`**/campaigns/1/invitations/${person.id}`);
		const history = organiser.getByTestId('history');
		await expect(history.textContent()).resolves.toContain(
			tVi('invitations.history.message', {
				message: vi['invitations.history.kind.invitation'],
				channel: vi['invitations.channel.email'],
				status: vi['invitations.history.status.sent']
			})
		);
		await expect(history.textContent()).resolves.toContain(
			tVi('invitations.history.linkIssued', { channel: vi['invitations.channel.email'] })
		);
		await checkA11y(organiser);
		await shoot(organiser, 'item5-after-history.png', true);
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.history.revokeAll'], exact: true }).click()
		);
		await expect(organiser.getByTestId('confirm-panel').textContent()).resolves.toMatch(
			new RegExp(`Thu hồi tất cả \\d+ liên kết còn dùng được của ${person.full_name}`)
		);
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.confirm.go'], exact: true }).click()
		);
		await expect(organiser.getByTestId('live-links').textContent()).resolves.toContain(
			vi['invitations.history.noLive']
		);
		await expect(history.textContent()).resolves.toContain(
			tVi('invitations.history.revoked.organiser', { channel: vi['invitations.channel.email'] })
		);
	});

	it('sends to everyone without a link after a confirmation, with a progress bar that ends complete', async () => {
		const before = smtp.received.length;
		await organiser.goto('/campaigns/1/invitations');
		const panel = organiser.getByTestId('send-all');
		await expect(panel.textContent()).resolves.toContain(tVi('invitations.sendAllHelp', { people: 1, units: 1 }));
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.sendAll'], exact: true }).click()
		);
		await expect(organiser.getByTestId('confirm-panel').textContent()).resolves.toContain(
			tVi('invitations.confirm.sendAll', { people: 1, units: 1, email: 1, sms: 0, none: 0 })
		);
		expect(smtp.received.length).toBe(before);
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.confirm.go'], exact: true }).click()
		);
		await organiser.locator('[data-testid=batch-progress][data-done]').waitFor({ timeout: 60_000 });
		const bar = organiser.locator('[data-testid=batch-progress] progress');
		await expect(bar.evaluate((p: HTMLProgressElement) => [p.value, p.max])).resolves.toEqual([1, 1]);
		await expect(organiser.getByTestId('batch-progress').textContent()).resolves.toContain(
			tVi('batch.counts', { sent: 1, total: 1, queued: 0, failed: 0 })
		);
		await eventually(() => smtp.received.length - before).toBe(1);
		await checkA11y(organiser);
		await shoot(organiser, 'item5-after-send-all.png');
	});
});
