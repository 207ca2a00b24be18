// Sealed answers end to end, in Vietnamese, in a real browser (issue 11): the organiser names a
// counting committee of three (an auditor, an analyst and an organiser; all 3 shares needed) and runs
// the key ceremony in this browser — passphrases typed twice, share files downloaded, printed sheets
// with QR and grouped code — and opens the round; the public page shows the same fingerprint. Five
// respondents answer on their phones (sheets sealed in the browser), one revises; the round closes.
// At the opening (kiểm phiếu) two shares do not open anything, a wrong passphrase and another
// member's share are refused, the third share opens and counts; the analyst reads the published
// results, respondents find their receipts counted, and no code or passphrase is left anywhere.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { createCampaign, saveGroup, type Staff } from '$lib/server/campaigns/campaigns';
import { openDatabase } from '$lib/server/db/open';
import { ensureDefaultDocuments } from '$lib/server/templates/documents';
import { upsertPeople, type PersonInput } from '$lib/server/roster/people';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { eventually, login, readAudit, submitAndWait, submitForm, verifyChainFile, type AuditRow } from './support/app';
import { checkA11y, launchBrowser, newContext, watchConsole, type ConsoleWatch } from './support/browser';
import { nameCommittee, runCeremony, supplyShare, tVi, type IssuedShare } from './support/committee';
import { answerAll, attestPersonally, codeFromOutbox } from './support/respondent';
import { copyDemoDatabase } from './support/demo-template';
import { startServer, type RunningServer } from './support/server';

const vi = messages.vi;
const SLUG = 'niem-phong-2026';
const TITLE = 'Khảo sát thử niêm phong phiếu 2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The committee, in slot order: three roles, each with their own passphrase (Vietnamese, with marks). */
const MEMBERS = [
	{
		username: 'kp-kiemtoan',
		displayName: 'Ngô Thị Kiểm Toán',
		role: 'auditor' as const,
		passphrase: 'hoa sen nở giữa mùa hạ'
	},
	{
		username: 'kp-phantich',
		displayName: 'Lý Văn Phân Tích',
		role: 'analyst' as const,
		passphrase: 'sông Trà Khúc chảy về biển'
	},
	{
		username: 'kp-tochuc',
		displayName: 'Mai Thị Tổ Chức',
		role: 'organiser' as const,
		passphrase: 'núi Ấn sông Trà quê hương'
	}
];
const RESPONDENTS = 5;

let dir: string;
let server: RunningServer;
let browser: Browser;
let campaignId: number;
const consoles: ConsoleWatch[] = [];
let organiser: Page;
let admin: Page;
let fingerprint: string;
let shares: IssuedShare[] = [];
let links: string[] = [];
const receipts: string[] = [];
let revised: { receipt: string; revisionCode: string };

/** A draft prepared through the services: one group rating two departments, six commune leaders in one commune. */
async function prepareDatabase(file: string, keysFile: string): Promise<{ campaignId: number; dbPath: string }> {
	const dbPath = (await copyDemoDatabase(file, keysFile)).location;
	const h = openDatabase(dbPath);
	try {
		const meta = { ip: null, userAgent: 'e2e-setup' };
		const actor = { type: 'system' as const, label: 'e2e-setup' };
		for (const m of MEMBERS) {
			const r = await createStaffUser(
				h.db,
				{ username: m.username, displayName: m.displayName, role: m.role, unitCode: null, password: DEMO_PASSWORD },
				actor,
				meta
			);
			if (!r.ok) throw new Error(`staff ${m.username}: ${JSON.stringify(r.errors)}`);
		}
		const row = await h.db
			.selectFrom('staff_user')
			.select('id')
			.where('username', '=', 'organiser')
			.executeTakeFirstOrThrow();
		const staff: Staff = { id: row.id, username: 'organiser', role: 'organiser', unitId: null };
		const docs = await ensureDefaultDocuments(h.db, actor, meta);
		const created = await createCampaign(
			h.db,
			{
				title: TITLE,
				slug: SLUG,
				year: 2026,
				kThreshold: 5,
				opensOn: '2026-01-01',
				closesOn: '2099-12-31',
				scopeUnitCode: null,
				frameworkVersionId: docs.frameworkVersionId
			},
			staff,
			meta
		);
		if (!created.ok) throw new Error(`campaign: ${JSON.stringify(created.errors)}`);
		const group = await saveGroup(
			h.db,
			created.id,
			{
				code: 'LDX',
				name: 'Lãnh đạo UBND cấp xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ['51.SNV', '51.STP']
			},
			staff,
			meta
		);
		if (!group.ok) throw new Error(`group: ${JSON.stringify(group.errors)}`);
		const unit = await h.db.selectFrom('unit').select('id').where('code', '=', '21025').executeTakeFirstOrThrow();
		const people: PersonInput[] = Array.from({ length: 6 }, (_, i) => ({
			personalCode: `NP${i + 1}`,
			fullName: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Quốc Cường', 'Phạm Thu Dung', 'Huỳnh Đức Em', 'Võ Ngọc Giang'][
				i
			],
			unitId: unit.id,
			groupId: group.id,
			position: i === 0 ? 'Chủ tịch UBND' : 'Phó Chủ tịch UBND',
			email: `np${i + 1}@example.com`,
			phone: null
		}));
		await h.db.transaction().execute((trx) => upsertPeople(trx, created.id, people, Math.floor(Date.now() / 1000)));
		return { campaignId: created.id, dbPath };
	} finally {
		await h.db.destroy();
	}
}

interface RoundState {
	state: string;
	countedAt: number | null;
	sealed: number;
	opened: number;
	tallies: number;
	counted: number;
}

async function roundState(): Promise<RoundState> {
	const h = openDatabase(server.dbPath);
	try {
		const campaign = await h.db
			.selectFrom('campaign')
			.select(['state', 'counted_at'])
			.where('id', '=', campaignId)
			.executeTakeFirstOrThrow();
		const count = async (table: 'sealed_sheet' | 'opened_sheet' | 'counted_receipt' | 'counted_cell') =>
			Number(
				(
					await h.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('campaign_id', '=', campaignId)
						.executeTakeFirstOrThrow()
				).n
			);
		const tallies = await h.db
			.selectFrom('opened_tally as t')
			.innerJoin('counted_cell as c', 'c.id', 't.cell_id')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('c.campaign_id', '=', campaignId)
			.executeTakeFirstOrThrow();
		return {
			state: campaign.state,
			countedAt: campaign.counted_at,
			sealed: await count('sealed_sheet'),
			opened: await count('opened_sheet'),
			tallies: Number(tallies.n),
			counted: await count('counted_receipt')
		};
	} finally {
		await h.db.destroy();
	}
}

/** The audit rows about this campaign (the demo's own round has its committee and key too). */
async function ourAudit(): Promise<AuditRow[]> {
	return (await readAudit(server.dbPath)).filter(
		(e) => e.subject_type === 'campaign' && e.subject_id === String(campaignId)
	);
}

async function staffPage(username: string, options = {}): Promise<Page> {
	const context = await newContext(browser, server.url, { acceptDownloads: true, ...options });
	consoles.push(watchConsole(context));
	const page = await context.newPage();
	await login(page, username, DEMO_PASSWORD);
	return page;
}

const seenCodes = new Set<string>();

/** One respondent on a phone: personal link, one-time code, attestation, every page, sealed submission. */
async function respond(link: string, pick: number): Promise<{ page: Page; receipt: string; revisionCode: string }> {
	const context: BrowserContext = await newContext(browser, server.url, PHONE);
	consoles.push(watchConsole(context));
	const page = await context.newPage();
	await page.goto(link, { waitUntil: 'networkidle' });
	expect(new URL(page.url()).pathname).toBe('/s');
	await submitForm(page, () => page.getByRole('button', { name: vi['respondent.verify.send'], exact: true }).click());
	await page.locator('input[name=code]').waitFor();
	await page.locator('input[name=code]').fill(await codeFromOutbox(admin, seenCodes));
	await submitAndWait(
		page,
		() => page.getByRole('button', { name: vi['respondent.verify.submit'], exact: true }).click(),
		(u) => u.pathname === '/s'
	);
	await attestPersonally(page);
	await page.locator('.qv').waitFor();
	await answerAll(page, pick);
	await page.getByRole('button', { name: vi['qview.submit'] }).click();
	await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
	await page.getByText(vi['receipt.sealed']).waitFor();
	const receipt = (await page.getByTestId('receipt-code').textContent())!.trim();
	const revisionCode = (await page.getByTestId('revision-code').textContent())!.trim();
	expect(receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
	return { page, receipt, revisionCode };
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'par-e2e-sealed-'));
	const file = path.join(dir, 'sealed.sqlite');
	const keysFile = path.join(dir, 'sealed.key');
	const prepared = await prepareDatabase(file, keysFile);
	campaignId = prepared.campaignId;
	const { dbPath } = prepared;
	server = await startServer({ env: { DATABASE_PATH: dbPath, KEYS_FILE: keysFile } });
	// startServer made its own (empty) directory; the database lives in ours.
	server = { ...server, dbPath, keysFile };
	browser = await launchBrowser();
	organiser = await staffPage('organiser');
	admin = await staffPage('admin');
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the counting committee creates the sealing key', () => {
	it('names three members (3 of 3) and runs the ceremony in this browser; the key is recorded, never a share', async () => {
		await organiser.goto(`/campaigns/${campaignId}`, { waitUntil: 'networkidle' });
		await expect(organiser.getByTestId('open-reasons').locator('li').allTextContents()).resolves.toEqual([
			vi['campaign.guard.noSealingKey']
		]);
		await organiser.getByTestId('committee-link').click();
		await organiser.waitForURL((u) => u.pathname === `/campaigns/${campaignId}/committee`);
		await expect(organiser.getByTestId('committee-state').textContent()).resolves.toBe(vi['committee.state.none']);
		await checkA11y(organiser);

		// A threshold above the committee's size is refused in Vietnamese, and nothing is saved.
		await organiser.locator(`#pick-${MEMBERS[0].username}`).check();
		await organiser.locator('input[name=threshold]').fill('3');
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['committee.form.save'], exact: true }).click()
		);
		await expect(organiser.locator('#committee-error').textContent()).resolves.toBe(
			tVi('committee.error.threshold', { size: 1 })
		);
		expect((await ourAudit()).filter((e) => e.action === 'committee.saved')).toEqual([]);

		await nameCommittee(
			organiser,
			campaignId,
			MEMBERS.map((m) => m.username),
			3
		);
		const rows = organiser.getByTestId('committee-members').locator('tbody tr');
		for (const [i, m] of MEMBERS.entries()) {
			await expect(rows.nth(i).locator('td').allTextContents()).resolves.toEqual([
				`${i + 1}/3`,
				m.username,
				m.displayName,
				vi[`role.${m.role}`],
				vi['committee.members.noShare']
			]);
		}
		await checkA11y(organiser);

		const result = await runCeremony(organiser, MEMBERS, { a11y: true, mismatchFirst: true });
		fingerprint = result.fingerprint;
		shares = result.shares;
		expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4})+$/);
		expect(shares.map((s) => [s.slot, s.file.threshold, s.file.size])).toEqual([
			[1, 3, 3],
			[2, 3, 3],
			[3, 3, 3]
		]);
		expect(new Set(shares.map((s) => s.file.code)).size).toBe(3);
		await expect(organiser.getByTestId('key-fingerprint').textContent()).resolves.toBe(fingerprint);
		for (let i = 0; i < MEMBERS.length; i++)
			await expect(rows.nth(i).locator('td').last().textContent()).resolves.toBe(vi['committee.members.hasShare']);
		// Fixed now: no form, no ceremony.
		expect(await organiser.locator('form[action="?/save"]').count()).toBe(0);
		await checkA11y(organiser);

		const audit = await ourAudit();
		const saved = audit.filter((e) => e.action === 'committee.saved');
		expect(saved.map((e) => JSON.parse(e.payload))).toEqual([
			{ members: MEMBERS.map((m) => m.username), threshold: 3 }
		]);
		const created = audit.filter((e) => e.action === 'sealing.key_created');
		expect(created.map((e) => JSON.parse(e.payload))).toEqual([{ fingerprint, threshold: 3, size: 3 }]);
		expect(created[0].actor_label).toBe('organiser');
	});

	it('opens the round; the campaign page and the public page show the same fingerprint', async () => {
		await organiser.goto(`/campaigns/${campaignId}`, { waitUntil: 'networkidle' });
		await expect(organiser.getByTestId('open-reasons').count()).resolves.toBe(0);
		await expect(organiser.getByTestId('committee-block').textContent()).resolves.toContain(fingerprint);
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['campaign.open'], exact: true }).click()
		);
		await eventually(() => organiser.getByTestId('campaign-state').textContent()).toBe(vi['campaign.stateName.open']);

		const visitor = await (await newContext(browser, server.url, PHONE)).newPage();
		consoles.push(watchConsole(visitor));
		await visitor.goto(`/c/${SLUG}`, { waitUntil: 'networkidle' });
		await expect(visitor.getByTestId('sealing-fingerprint').textContent()).resolves.toBe(fingerprint);
		await expect(visitor.getByTestId('public-sealing').textContent()).resolves.toContain(
			tVi('public.sealing.thresholdValue', { t: 3, n: 3 })
		);
		await expect(visitor.getByTestId('sealing-state').textContent()).resolves.toBe(vi['public.sealing.open']);
		await checkA11y(visitor);
		// keys.json carries the same sealing key the browsers will seal to.
		const keys = await (await visitor.request.get(`/c/${SLUG}/keys.json`)).json();
		expect(keys.sealing).toEqual({ publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), fingerprint });
		await visitor.context().close();

		// The personal links, each shown once (the demo shows them all instead of mailing them).
		await organiser.goto(`/campaigns/${campaignId}/invitations`, { waitUntil: 'networkidle' });
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: tVi('invitations.issueMissing', { count: 6 }), exact: true }).click()
		);
		// Issue 15 item 2: the count is confirmed first.
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['invitations.confirm.go'], exact: true }).click()
		);
		const urls = organiser.getByTestId('issued-url');
		await urls.first().waitFor();
		links = (await urls.allTextContents()).map((u) => u.trim());
		expect(links).toHaveLength(6);
	});
});

describe('respondents answer; their sheets are sealed in the browser', () => {
	it('three respondents answer on their phones and get receipts', async () => {
		for (let i = 0; i < 3; i++) {
			const { page, receipt, revisionCode } = await respond(links[i], i % 3);
			receipts.push(receipt);
			if (i === 0) {
				await checkA11y(page);
				revised = { receipt, revisionCode };
			}
			await page.context().close();
		}
		expect(await roundState()).toMatchObject({ state: 'open', sealed: 3, opened: 0, counted: 0, countedAt: null });
	});

	it('two more answer; the first revises with the revision code, still one sheet', async () => {
		for (let i = 3; i < RESPONDENTS; i++) {
			const { page, receipt } = await respond(links[i], i % 3);
			receipts.push(receipt);
			await page.context().close();
		}
		expect(new Set(receipts).size).toBe(RESPONDENTS);

		const context = await newContext(browser, server.url, PHONE);
		consoles.push(watchConsole(context));
		const page = await context.newPage();
		await page.goto(`/c/${SLUG}/revise#${revised.revisionCode}`, { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: vi['revise.open'] }).click();
		await page.locator('.qv').waitFor();
		await answerAll(page, 2);
		await page.getByRole('button', { name: vi['qview.submit'] }).click();
		await page.getByRole('heading', { name: vi['receipt.revisedTitle'] }).waitFor({ timeout: 60_000 });
		await expect(page.getByTestId('receipt-code').textContent()).resolves.toBe(revised.receipt);
		await context.close();
		expect(await roundState()).toMatchObject({ state: 'open', sealed: RESPONDENTS, opened: 0 });
	});

	it('the organiser closes the round; nothing is readable yet, and no one may see results', async () => {
		await organiser.goto(`/campaigns/${campaignId}`, { waitUntil: 'networkidle' });
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['campaign.close'], exact: true }).click()
		);
		await eventually(() => organiser.getByTestId('campaign-state').textContent()).toBe(vi['campaign.stateName.closed']);
		await expect(organiser.getByTestId('opening-link').count()).resolves.toBe(1);
		// Publishing before the count is refused.
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['campaign.publish'], exact: true }).click()
		);
		await organiser.getByRole('alert').filter({ hasText: vi['campaign.error.notCounted'] }).waitFor();
		expect((await organiser.goto(`/campaigns/${campaignId}/results`))!.status()).toBe(403);
		expect(await roundState()).toEqual({
			state: 'closed',
			countedAt: null,
			sealed: RESPONDENTS,
			opened: 0,
			tallies: 0,
			counted: 0
		});
	});
});

describe('the opening (kiểm phiếu)', () => {
	const memberPages: Page[] = [];
	const heldText = (held: number) => tVi('opening.heldCount', { held, t: 3 });

	it('two of three shares (a file, a typed printout) do not open the round, and the page says so', async () => {
		for (const m of MEMBERS) memberPages.push(await staffPage(m.username));
		const [first, second] = memberPages;
		await first.goto(`/campaigns/${campaignId}/opening`, { waitUntil: 'networkidle' });
		await expect(first.getByTestId('sealing-fingerprint').textContent()).resolves.toBe(fingerprint);
		await expect(first.getByTestId('held-count').textContent()).resolves.toBe(heldText(0));
		await checkA11y(first);

		// Member 1: the downloaded file.
		await expect(
			supplyShare(first, campaignId, { filePath: shares[0].filePath, passphrase: MEMBERS[0].passphrase })
		).resolves.toBe(vi['opening.supplied']);
		await first.getByText(heldText(1)).first().waitFor();
		await first.reload({ waitUntil: 'networkidle' });
		await first.getByText(vi['opening.supply.waiting']).waitFor();

		// Member 2: the printed code typed back line by line, in lower case as people type.
		const typed = shares[1].printedLines.map((l) => l.toLowerCase()).join('\n');
		await expect(supplyShare(second, campaignId, { code: typed, passphrase: MEMBERS[1].passphrase })).resolves.toBe(
			vi['opening.supplied']
		);
		await second.getByText(heldText(2)).first().waitFor();
		await expect(second.locator(`tr[data-slot="1"]`).getAttribute('data-held')).resolves.toBe('1');
		await expect(second.locator(`tr[data-slot="2"]`).getAttribute('data-held')).resolves.toBe('1');
		await expect(second.locator(`tr[data-slot="3"]`).getAttribute('data-held')).resolves.toBe('0');
		await checkA11y(second);

		// Two of three: nothing is opened, nothing counted, the public page still says sealed.
		expect(await roundState()).toEqual({
			state: 'closed',
			countedAt: null,
			sealed: RESPONDENTS,
			opened: 0,
			tallies: 0,
			counted: 0
		});
		expect(await second.getByTestId('opening-counted').count()).toBe(0);
		const status = await (await second.request.get(`/campaigns/${campaignId}/opening/status.json`)).json();
		expect(status).toEqual({ phase: 'idle', done: 0, total: 0, held: 2, threshold: 3, counted: false });
		const visitor = await (await newContext(browser, server.url, PHONE)).newPage();
		await visitor.goto(`/c/${SLUG}`);
		await expect(visitor.getByTestId('sealing-state').textContent()).resolves.toBe(vi['public.sealing.closed']);
		expect(await visitor.getByTestId('public-counted').count()).toBe(0);
		await visitor.context().close();
	});

	it('refuses a wrong passphrase and another member’s share, and nothing moves', async () => {
		const third = memberPages[2];
		const before = await roundState();
		const auditBefore = await ourAudit();

		await expect(
			supplyShare(third, campaignId, { filePath: shares[2].filePath, passphrase: 'không phải cụm mật khẩu này' })
		).resolves.toBe(vi['shareFile.error.passphrase']);
		await expect(third.locator('input[name=passphrase]').getAttribute('aria-invalid')).resolves.toBe('true');
		await checkA11y(third);
		// Member 1's file with member 1's passphrase, from member 3's account.
		await expect(
			supplyShare(third, campaignId, { filePath: shares[0].filePath, passphrase: MEMBERS[0].passphrase })
		).resolves.toBe(vi['opening.error.notYourShare']);
		await third.getByText(heldText(2)).first().waitFor();

		expect(await roundState()).toEqual(before);
		const auditAfter = await ourAudit();
		const added = auditAfter.slice(auditBefore.length);
		expect(added.map((e) => [e.action, e.actor_label, JSON.parse(e.payload)])).toEqual([
			['opening.share_refused', MEMBERS[2].username, { reason: 'shareFile.error.passphrase' }],
			['opening.share_refused', MEMBERS[2].username, { reason: 'opening.error.notYourShare' }]
		]);
		const status = await (await third.request.get(`/campaigns/${campaignId}/opening/status.json`)).json();
		expect(status).toMatchObject({ held: 2, counted: false });
	});

	it('the third share opens the seal: progress, then the count', async () => {
		const third = memberPages[2];
		const answer = await supplyShare(third, campaignId, {
			filePath: shares[2].filePath,
			passphrase: MEMBERS[2].passphrase
		});
		// Depending on how fast the job is, the page answers "started" or already shows the count.
		expect(answer === vi['opening.started'] || answer.includes(vi['opening.counted.sheets']), answer).toBe(true);
		// The page follows the job through status.json; wait on what it says, not on a clock.
		await third.getByTestId('opening-counted').waitFor({ timeout: 90_000 });
		await third.getByText(vi['opening.counted.cleaning']).waitFor({ state: 'detached', timeout: 90_000 });
		const counted = await third.getByTestId('opening-counted').locator('dd').allTextContents();
		expect(counted.slice(0, 3)).toEqual([String(RESPONDENTS), '0', '0']);
		await checkA11y(third);

		// The organiser, who holds no share, sees the same count.
		await organiser.goto(`/campaigns/${campaignId}/opening`, { waitUntil: 'networkidle' });
		await expect(organiser.getByTestId('opening-counted').locator('dd').first().textContent()).resolves.toBe(
			String(RESPONDENTS)
		);
		await checkA11y(organiser);

		const state = await roundState();
		expect(state).toMatchObject({ state: 'closed', sealed: 0, opened: RESPONDENTS, counted: RESPONDENTS });
		expect(state.countedAt).not.toBeNull();
		expect(state.tallies).toBeGreaterThan(0);
	});

	it('the public page lists the counted receipts; each respondent finds theirs, the revised one once', async () => {
		const visitor = await (await newContext(browser, server.url, PHONE)).newPage();
		consoles.push(watchConsole(visitor));
		await visitor.goto(`/c/${SLUG}`, { waitUntil: 'networkidle' });
		await expect(visitor.getByTestId('sealing-fingerprint').textContent()).resolves.toBe(fingerprint);
		await expect(visitor.getByTestId('counted-sheets').textContent()).resolves.toBe(String(RESPONDENTS));
		await expect(visitor.getByTestId('counted-invalid').textContent()).resolves.toBe('0');
		const listed = (await visitor.getByTestId('counted-receipts').locator('li').allTextContents()).map((r) => r.trim());
		expect(listed).toEqual([...receipts].sort());
		expect(listed.filter((r) => r === revised.receipt)).toHaveLength(1);
		await checkA11y(visitor);
		const txt = await (await visitor.request.get(`/c/${SLUG}/receipts.txt`)).text();
		expect(txt.split('\n').filter(Boolean)).toEqual([...receipts].sort());

		// A respondent checks their receipt (the revised one): counted.
		await visitor.locator('input[name=receipt]').fill(revised.receipt.toLowerCase());
		await submitForm(visitor, () =>
			visitor.getByRole('button', { name: vi['public.receipt.check'], exact: true }).click()
		);
		await expect(visitor.getByTestId('receipt-status').textContent()).resolves.toBe(vi['public.receipt.counted']);
		await visitor.locator('input[name=receipt]').fill('AAAAA-AAAAA');
		await submitForm(visitor, () =>
			visitor.getByRole('button', { name: vi['public.receipt.check'], exact: true }).click()
		);
		await expect(visitor.getByTestId('receipt-status').textContent()).resolves.toBe(vi['public.receipt.unknown']);
		await checkA11y(visitor);
		await visitor.context().close();
	});

	it('after publication the analyst reads the results, with the same number of sheets', async () => {
		const analyst = await staffPage('analyst');
		// Counted but not yet published: refused to the analyst.
		expect((await analyst.goto(`/campaigns/${campaignId}/results`))!.status()).toBe(403);
		await organiser.goto(`/campaigns/${campaignId}`, { waitUntil: 'networkidle' });
		await submitForm(organiser, () =>
			organiser.getByRole('button', { name: vi['campaign.publish'], exact: true }).click()
		);
		await eventually(() => organiser.getByTestId('campaign-state').textContent()).toBe(
			vi['campaign.stateName.published']
		);

		await analyst.goto(`/campaigns/${campaignId}/results`, { waitUntil: 'networkidle' });
		await analyst.getByRole('heading', { level: 1, name: vi['results.title'] }).waitFor();
		await expect(analyst.getByTestId('results-totals').locator('dd').first().textContent()).resolves.toBe(
			String(RESPONDENTS)
		);
		await analyst.context().close();
	});

	it('the audit log tells the story and holds no share code or passphrase; neither do the database or the server log', async () => {
		const audit = await ourAudit();
		const actions = audit.map((e) => e.action);
		for (const action of ['committee.saved', 'sealing.key_created', 'opening.committed', 'opening.finished'])
			expect(
				actions.filter((a) => a === action),
				action
			).toHaveLength(1);
		const supplied = audit.filter((e) => e.action === 'opening.share_supplied');
		expect(supplied.map((e) => [e.actor_label, JSON.parse(e.payload)])).toEqual([
			[MEMBERS[0].username, { slot: 1, held: 1, threshold: 3 }],
			[MEMBERS[1].username, { slot: 2, held: 2, threshold: 3 }],
			[MEMBERS[2].username, { slot: 3, held: 3, threshold: 3 }]
		]);
		expect(actions.filter((a) => a === 'opening.share_refused')).toHaveLength(2);
		expect(actions).not.toContain('opening.failed');
		// In order: key, opening of the round, three shares, the count, the clean-up.
		const order = [
			'sealing.key_created',
			'campaign.opened',
			'campaign.closed',
			'opening.committed',
			'opening.finished',
			'campaign.published'
		].map((a) => actions.indexOf(a));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(actions.indexOf('opening.committed')).toBeGreaterThan(actions.lastIndexOf('opening.share_supplied'));

		const secrets = shares.flatMap((s) => [
			s.passphrase,
			s.file.code,
			s.file.code.replace(/ /g, ''),
			...s.printedLines
		]);
		// Every row of the log, the demo's and the staff's included.
		const everything = JSON.stringify(await readAudit(server.dbPath));
		for (const secret of secrets)
			expect(everything.includes(secret), `audit holds ${secret.slice(0, 12)}…`).toBe(false);
		expect(secrets.some((s) => server.logs().includes(s))).toBe(false);
		// The database file and its WAL, byte for byte (the opening rebuilt the file and truncated the WAL).
		for (const file of [server.dbPath, `${server.dbPath}-wal`]) {
			if (!existsSync(file)) continue;
			const bytes = await readFile(file);
			for (const secret of secrets)
				expect(bytes.includes(Buffer.from(secret, 'utf8')), `${path.basename(file)} holds a secret`).toBe(false);
		}
		await expect(verifyChainFile(server.dbPath)).resolves.toMatchObject({ ok: true });
		// No unexpected console error on any page of the story.
		expect(consoles.flatMap((c) => c.unexpected())).toEqual([]);
	});
});
