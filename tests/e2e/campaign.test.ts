// An organiser builds a campaign from the default template in a real browser: creates it, adds a
// respondent group, imports an XLSX roster (fixing a row error first), names a counting committee and
// runs its key ceremony (opening needs the sealing key), and opens it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { login, readAudit, submitAndWait, submitForm, verifyChainFile } from './support/app';
import { axeFindings, checkA11y, keepScreenshot, launchBrowser, newContext, watchConsole } from './support/browser';
import { nameCommittee, runCeremony } from './support/committee';
import { startServer, type RunningServer } from './support/server';
import { axeViolations } from './support/walk';

const vi = messages.vi;
let server: RunningServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
	server = await startServer({ demo: true });
	browser = await launchBrowser();
	dir = await mkdtemp(path.join(tmpdir(), 'par-e2e-roster-'));
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

async function rosterFile(name: string, rows: string[][]): Promise<string> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Danh sách');
	ws.addRow(['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Điện thoại']);
	for (const r of rows) ws.addRow(r);
	const file = path.join(dir, name);
	await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
	return file;
}

const leaders = (unit: string, from: number, n: number) =>
	Array.from({ length: n }, (_, i) => [
		`Cán bộ Số ${from + i}`,
		`E2E${from + i}`,
		unit,
		'CC',
		'Chuyên viên',
		`cb${from + i}@example.com`,
		''
	]);

async function uploadRoster(page: Page, file: string) {
	const before = new URL(page.url()).searchParams.get('import');
	await page.locator('input[type=file][name=file]').setInputFiles(file);
	// Each upload is a new preview with its own id in the address.
	await submitAndWait(
		page,
		() => page.getByRole('button', { name: vi['roster.uploadSubmit'] }).click(),
		(u) => u.searchParams.has('import') && u.searchParams.get('import') !== before
	);
}

describe('an organiser builds and opens a campaign', () => {
	it('from the default template to an open campaign with reporting cells', async () => {
		const context = await newContext(browser, server.url);
		const page = await context.newPage();
		const console = watchConsole(page);
		await login(page, 'organiser', DEMO_PASSWORD);

		await page.goto('/campaigns');
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(vi['campaign.listTitle']);
		// The demo campaign is already open.
		await expect(page.getByRole('link', { name: 'Điều tra xã hội học năm 2026' }).count()).resolves.toBe(1);
		await checkA11y(page);

		// A malformed form is refused field by field, in Vietnamese.
		await page.locator('input[name=title]').fill('Khảo sát nội bộ quý IV');
		await page.locator('input[name=slug]').fill('x');
		await submitForm(page, () => page.getByRole('button', { name: vi['campaign.createSubmit'] }).click());
		await expect(page.locator('#err-slug').textContent()).resolves.toBe(vi['campaign.error.slugFormat']);

		await page.locator('input[name=slug]').fill('noi-bo-q4');
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['campaign.createSubmit'] }).click(),
			(u) => /^\/campaigns\/\d+$/.test(u.pathname)
		);
		await expect(page.getByTestId('campaign-state').textContent()).resolves.toBe(vi['campaign.stateName.draft']);
		await expect(page.getByTestId('open-reasons').textContent()).resolves.toContain(vi['campaign.guard.noGroups']);
		await checkA11y(page);
		const campaignPath = new URL(page.url()).pathname;

		// A group using the default questionnaire, rating two departments.
		await page.locator('input[name=code]').fill('cc');
		await page.locator('input[name=name]').fill('Công chức');
		await page.locator('select[name=questionnaireVersionId]').selectOption({ index: 1 });
		await page.locator('textarea[name=ratedUnitCodes]').fill('51.SNV, 51.STP');
		await submitForm(page, () => page.getByRole('button', { name: vi['campaign.saveGroup'] }).click());
		await expect(page.getByRole('status').first().textContent()).resolves.toContain(vi['campaign.groupSaved']);
		await expect(page.getByTestId('open-reasons').textContent()).resolves.toContain(vi['campaign.guard.emptyRoster']);

		// The roster: first with an unknown unit code, which blocks the import.
		await page.getByRole('link', { name: vi['campaign.rosterLink'] }).click();
		await page.waitForURL(`**${campaignPath}/roster`);
		await checkA11y(page);
		// The template is made for this campaign: its group code is on the list sheet, offered in the group column.
		const template = new ExcelJS.Workbook();
		const templateFile = await page.request.get(`${campaignPath}/roster/template.xlsx`);
		await template.xlsx.load((await templateFile.body()) as unknown as ArrayBuffer);
		expect(template.getWorksheet('Mã hợp lệ')!.getColumn('D').values.slice(1)).toEqual(['Mã nhóm', 'CC']);
		expect(template.worksheets[0].getCell('D2').value).toBe('CC');
		await uploadRoster(
			page,
			await rosterFile('loi.xlsx', [
				...leaders('21025', 1, 5),
				['Người Sai Mã', 'E2E99', '99999', 'CC', '', 'sai@example.com', '']
			])
		);
		await expect(page.getByTestId('preview-errors').textContent()).resolves.toContain('99999');
		// The first people as read, before anything is confirmed: swapped columns would show here.
		const sample = page.getByTestId('preview-sample').locator('tbody tr');
		await expect(sample.count()).resolves.toBe(5);
		await expect(sample.first().locator('td').allTextContents()).resolves.toEqual([
			'2',
			'E2E1',
			'Cán bộ Số 1',
			'Chuyên viên',
			'21025 Cẩm Thành',
			'CC Công chức',
			'cb1@example.com',
			''
		]);
		await expect(page.getByRole('button', { name: /Xác nhận nhập/ }).count()).resolves.toBe(0);
		await checkA11y(page);
		expect(await page.getByTestId('roster-total').textContent()).toBe(vi['roster.total'].replace('{count}', '0'));

		// Fixed file: five people in one commune; three and two in two others, pooled at the province.
		await uploadRoster(
			page,
			await rosterFile('dung.xlsx', [...leaders('21025', 1, 5), ...leaders('21028', 6, 3), ...leaders('21034', 9, 2)])
		);
		await expect(page.getByTestId('preview-counts').textContent()).resolves.toContain('10');
		await expect(page.getByTestId('preview-sample').locator('tbody tr').count()).resolves.toBe(5);
		await submitForm(page, () => page.getByRole('button', { name: /Xác nhận nhập/ }).click());
		await expect(page.getByTestId('roster-applied').textContent()).resolves.toContain('10');
		expect(await page.getByTestId('roster-total').textContent()).toBe(vi['roster.total'].replace('{count}', '10'));

		// Everything is there but the sealing key: the committee's ceremony has not happened.
		await page.goto(campaignPath);
		await expect(page.getByTestId('open-reasons').locator('li').allTextContents()).resolves.toEqual([
			vi['campaign.guard.noSealingKey']
		]);
		// Pressing "open" now is refused with that reason, and the campaign stays a draft.
		await submitForm(page, () => page.getByRole('button', { name: vi['campaign.open'] }).click());
		await page.getByRole('alert').filter({ hasText: vi['campaign.guard.noSealingKey'] }).waitFor();
		await expect(page.getByTestId('campaign-state').textContent()).resolves.toBe(vi['campaign.stateName.draft']);

		// The demo allows a committee of one holding the only share (1 of 1): the auditor.
		const campaignId = Number(campaignPath.split('/').pop());
		await nameCommittee(page, campaignId, ['auditor'], 1);
		await checkA11y(page);
		const { fingerprint } = await runCeremony(page, [
			{ username: 'auditor', passphrase: 'cụm mật khẩu của kiểm toán viên' }
		]);
		await checkA11y(page);

		// Open it: two reporting cells with published key fingerprints.
		await page.goto(campaignPath);
		await expect(page.getByTestId('open-reasons').count()).resolves.toBe(0);
		await expect(page.getByText(vi['campaign.guard.noSealingKey']).count()).resolves.toBe(0);
		await expect(page.getByText(vi['campaign.ready']).count()).resolves.toBe(1);
		await expect(page.getByTestId('committee-block').textContent()).resolves.toContain(fingerprint);
		await submitForm(page, () => page.getByRole('button', { name: vi['campaign.open'] }).click());
		await expect(page.getByTestId('campaign-state').textContent()).resolves.toBe(vi['campaign.stateName.open']);
		const fingerprints = await page.locator('td.mono.small').allTextContents();
		expect(fingerprints.filter((f) => /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/.test(f))).toHaveLength(2);
		await checkA11y(page);
		expect(console.unexpected()).toEqual([]);

		const actions = (await readAudit(server.dbPath)).map((e) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'campaign.created',
				'campaign.group_saved',
				'roster.previewed',
				'roster.applied',
				'committee.saved',
				'sealing.key_created',
				'campaign.opened'
			])
		);
		// The key was recorded before the campaign opened.
		expect(actions.lastIndexOf('sealing.key_created')).toBeLessThan(actions.lastIndexOf('campaign.opened'));
		expect((await verifyChainFile(server.dbPath)).ok).toBe(true);
		await context.close();
	});

	it('dates are typed and shown as dd/mm/yyyy on an en-US browser (no mm/dd/yyyy date picker)', async () => {
		const context = await newContext(browser, server.url, { locale: 'en-US' });
		const page = await context.newPage();
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto('/campaigns');
		const created = async () => (await readAudit(server.dbPath)).filter((e) => e.action === 'campaign.created').length;
		const before = await created();
		await expect(page.locator('input[name=opensOn]').getAttribute('placeholder')).resolves.toBe('dd/mm/yyyy');
		await page.locator('input[name=title]').fill('Khảo sát ngày tháng');
		await page.locator('input[name=slug]').fill('ngay-thang');
		await page.locator('input[name=year]').fill('2027');
		await page.locator('input[name=opensOn]').fill('15/1/2027');
		// No such day: refused in Vietnamese, nothing written.
		await page.locator('input[name=closesOn]').fill('31/02/2027');
		await submitForm(page, () => page.getByRole('button', { name: vi['campaign.createSubmit'] }).click());
		await expect(page.locator('#err-closesOn').textContent()).resolves.toBe(vi['campaign.error.date']);
		expect(await created()).toBe(before);
		await checkA11y(page);

		await page.locator('input[name=closesOn]').fill('28.02.2027');
		await submitAndWait(
			page,
			() => page.getByRole('button', { name: vi['campaign.createSubmit'] }).click(),
			(u) => /^\/campaigns\/\d+$/.test(u.pathname)
		);
		await expect(page.locator('dd').allTextContents()).resolves.toContain('15/01/2027 → 28/02/2027');
		await expect(page.locator('#d-closesOn').inputValue()).resolves.toBe('28/02/2027');
		await expect(page.locator('#d-closesOn').getAttribute('type')).resolves.toBe('text');

		// The reminders page names the closing date the same way, never as ISO.
		await page.goto('/campaigns/1/reminders');
		const auto = await page.locator('label.check').first().textContent();
		expect(auto).toMatch(/\(\d{2}\/\d{2}\/\d{4}\)/);
		expect(auto).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		await context.close();
	});

	it('an analyst reads campaigns but cannot create or change one', async () => {
		const context = await newContext(browser, server.url);
		const page = await context.newPage();
		await login(page, 'analyst', DEMO_PASSWORD);
		await page.goto('/campaigns');
		await expect(page.getByRole('button', { name: vi['campaign.createSubmit'] }).count()).resolves.toBe(0);
		// Names and contacts on a roster are for the campaign's organisers only.
		const roster = await page.goto('/campaigns/1/roster');
		expect(roster?.status()).toBe(403);
		const res = await page.request.post(`${server.url}/campaigns?/create`, {
			headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			form: { title: 'Trái phép', slug: 'trai-phep', year: '2026' }
		});
		expect(res.status()).toBe(403);
		const campaigns = (await readAudit(server.dbPath)).filter(
			(e) => e.action === 'campaign.created' && e.actor_label === 'analyst'
		);
		expect(campaigns).toEqual([]);
		await context.close();
	});
});

describe("an organiser's working day (issue 15 item 5)", () => {
	/** axe (every impact) on the parts this item added; the demo walk checks the whole pages. */
	const axeOn = async (page: Page, selector: string) =>
		(await axeFindings(page, selector)).map((v) => `${v.id}: ${v.help}`);
	/** The tabs of the campaign's navigation: name and address of each. */
	const tabsOf = (page: Page) =>
		page
			.getByTestId('campaign-tabs')
			.locator('a')
			.evaluateAll((links) =>
				links.map((a) => [a.textContent!.trim(), new URL((a as HTMLAnchorElement).href).pathname])
			);

	it('home card → overview with the rate and the next step → every tab, the current one marked', async () => {
		const context = await newContext(browser, server.url, { viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		await login(page, 'organiser', DEMO_PASSWORD);
		// The home page: a card for the demo round with its rate and days left, leading to the overview.
		const card = page.getByTestId('home-campaign').filter({ hasText: 'Điều tra xã hội học năm 2026' });
		await expect(card.textContent()).resolves.toContain(vi['campaign.status.rate']);
		expect(await axeOn(page, '[data-testid=home-campaigns]')).toEqual([]);
		await keepScreenshot(page, 'issue15/item5-after-home.png');
		await Promise.all([
			page.waitForURL(/\/campaigns\/1$/),
			card.getByRole('link', { name: 'Điều tra xã hội học năm 2026' }).click()
		]);

		await expect(page.getByTestId('status-rate').textContent()).resolves.toMatch(/^\d+(,\d)? %$/);
		await expect(page.getByTestId('status-deadline').textContent()).resolves.toMatch(/\d{2}\/\d{2}\/\d{4}/);
		const next = page.getByTestId('next-step');
		const href = (await next.getAttribute('href'))!;
		expect(href).toMatch(/^\/campaigns\/1(\/[a-z]+)?(#[a-z]+)?$/);
		expect(await axeOn(page, '.campaign-head, [data-testid=campaign-status]')).toEqual([]);
		await keepScreenshot(page, 'issue15/item5-after-overview.png');
		await Promise.all([page.waitForURL((u) => u.pathname + u.hash === href), next.click()]);

		const tabs = await tabsOf(page);
		expect(tabs.map(([name]) => name)).toEqual(
			['overview', 'roster', 'invitations', 'messages', 'letters', 'reminders', 'monitor', 'flags', 'committee'].map(
				(tab) => vi[`campaign.tab.${tab}` as keyof typeof vi]
			)
		);
		for (const [name, path] of tabs) {
			const nav = page.getByTestId('campaign-tabs');
			await Promise.all([page.waitForURL((u) => u.pathname === path), nav.getByRole('link', { name }).click()]);
			await expect(nav.locator('[aria-current="page"]').allTextContents()).resolves.toEqual([name]);
			await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
		}

		// On a phone the tabs are one row that scrolls sideways.
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto('/campaigns/1', { waitUntil: 'networkidle' });
		const row = page.getByTestId('campaign-tabs').locator('ul');
		expect(await row.evaluate((ul) => ul.scrollWidth > ul.clientWidth)).toBe(true);
		await keepScreenshot(page, 'issue15/item5-after-overview-phone.png');
		await context.close();
	});

	it('an analyst gets only the tabs of what they may read, and no participation figures', async () => {
		const context = await newContext(browser, server.url);
		const page = await context.newPage();
		await login(page, 'analyst', DEMO_PASSWORD);
		await expect(page.getByTestId('home-campaigns').count()).resolves.toBe(1);
		await page.goto('/campaigns/1', { waitUntil: 'networkidle' });
		expect((await tabsOf(page)).map(([name]) => name)).toEqual([
			vi['campaign.tab.overview'],
			vi['campaign.tab.committee']
		]);
		await expect(page.getByTestId('campaign-status').count()).resolves.toBe(0);
		await context.close();
	});
});

describe('messages an office can send (issue 15 item 4)', () => {
	const FIELDS = {
		parentBody: 'UBND TỈNH QUẢNG NGÃI',
		issuingBody: 'SỞ NỘI VỤ',
		dispatchRef: '125/SNV-CCHC',
		dispatchPlace: 'Quảng Ngãi',
		dispatchDate: '05/01/2027',
		signerName: 'Nguyễn Văn Bình',
		signerTitle: 'Giám đốc',
		hotline: '0255 3822 123'
	};

	it('letterhead, a template previewed with its SMS parts, a bad placeholder refused, the letter’s letterhead', async () => {
		const context = await newContext(browser, server.url, { viewport: { width: 1366, height: 900 } });
		const page = await context.newPage();
		await login(page, 'organiser', DEMO_PASSWORD);
		await page.goto('/campaigns/1/messages', { waitUntil: 'networkidle' });
		const form = page.getByTestId('letterhead-form');
		for (const [name, value] of Object.entries(FIELDS)) await form.locator(`[name=${name}]`).fill(value);
		await submitForm(page, () =>
			form.getByRole('button', { name: vi['messages.saveLetterhead'], exact: true }).click()
		);
		await page.getByText(vi['messages.savedLetterhead']).waitFor();

		// "Xem trước" renders on the server (no JavaScript needed): the agency filled in, the parts counted.
		const sms = page.getByTestId('template-invitation-sms');
		const count = page.getByTestId('sms-count-invitation-sms');
		await sms.locator('textarea[name=body]').fill('{co_quan} mời ông/bà {ho_ten} trả lời khảo sát: {lien_ket}');
		await submitForm(page, () => sms.getByRole('button', { name: vi['messages.preview'], exact: true }).click());
		await count.filter({ hasText: 'có dấu (UCS-2)' }).waitFor();
		await expect(page.getByTestId('preview-text-invitation-sms').textContent()).resolves.toMatch(
			/^SỞ NỘI VỤ mời ông\/bà Nguyễn Thị Minh Khai trả lời khảo sát: http:\/\/[^ ]+\/s\/[a-z2-7]{32}$/
		);
		await expect(count.textContent()).resolves.toMatch(/^\s*[23] phần tin nhắn · \d+ ký tự · có dấu \(UCS-2\)/);
		// As one types, the count follows: without diacritics the text is GSM-7, one part.
		await sms.locator('textarea[name=body]').fill('Moi {ho_ten}: {lien_ket}');
		await count.filter({ hasText: 'không dấu (GSM-7)' }).waitFor();
		await expect(count.textContent()).resolves.toMatch(/^\s*1 phần tin nhắn/);

		// A placeholder that does not exist: refused in Vietnamese under the field, nothing saved.
		await sms.locator('textarea[name=body]').fill('Mời {ten}: {lien_ket}');
		await submitForm(page, () => sms.getByRole('button', { name: vi['messages.save'], exact: true }).click());
		const error = page.getByTestId('template-invitation-sms').locator('.field-error');
		await error.waitFor();
		await expect(error.textContent()).resolves.toMatch(/^Không có chỗ điền \{ten\}\. Chỉ dùng: \{ho_ten\}/);
		await expect(sms.getByText(vi['messages.default']).count()).resolves.toBe(1);
		expect(await axeViolations(page)).toEqual([]);
		await keepScreenshot(page, 'issue15/item4-after-messages.png', { fullPage: true });

		// The printed letter: the administrative letterhead, then the invitation, then the signer.
		await page.goto('/campaigns/1/letters', { waitUntil: 'networkidle' });
		await page.locator('select[name=unit]').selectOption('21025');
		await submitForm(page, () => page.getByRole('button', { name: vi['letters.print'], exact: true }).click());
		const confirm = page.getByRole('button', { name: vi['invitations.confirm.go'], exact: true });
		await page.getByTestId('letter').or(confirm).first().waitFor();
		if (await confirm.count()) await submitForm(page, () => confirm.click());
		const letter = page.getByTestId('letter').first();
		const head = letter.getByTestId('letterhead');
		await head.waitFor();
		const headText = (await head.innerText()).replace(/\s+/g, ' ');
		for (const part of [
			'UBND TỈNH QUẢNG NGÃI',
			'SỞ NỘI VỤ',
			'Số: 125/SNV-CCHC',
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			'Độc lập - Tự do - Hạnh phúc',
			'Quảng Ngãi, ngày 05 tháng 01 năm 2027'
		])
			expect(headText).toContain(part);
		const body = await letter.innerText();
		for (const part of ['GIÁM ĐỐC', 'Nguyễn Văn Bình', '0255 3822 123']) expect(body).toContain(part);
		expect(await axeViolations(page)).toEqual([]);
		// Printed, each letter ends its page: one letter, one A4 sheet.
		await page.emulateMedia({ media: 'print' });
		await expect(letter.evaluate((el) => getComputedStyle(el).breakAfter)).resolves.toBe('page');
		await page.emulateMedia({ media: 'screen' });
		await keepScreenshot(letter, 'issue15/item4-after-letter.png');
		await context.close();
	});
});
