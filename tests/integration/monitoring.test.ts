// The campaign dashboard against a real database seeded with the demo campaign (64 people with
// links: 5 in each of 8 communes, 3 in each of 8 departments, all under province 51): the figures
// move as people verify and submit, a scoped organiser sees only their subtree, the routes refuse
// analysts, auditors and out-of-scope units (audited), the JSON endpoint and the XLSX export, and
// nothing but the campaign's total of sheets is read from the ballot side.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSort } from '$lib/domain/monitoring';
import { vietnamDate } from '$lib/domain/vietnam-time';
import { compareVietnameseNames } from '$lib/domain/roster';
import type { Role } from '$lib/domain/roles';
import { getApp } from '$lib/server/app';
import type { AppKey } from '$lib/server/crypto/keyring';
import { loadMonitorNumbers, resolveMonitorScope, type MonitorViewer } from '$lib/server/monitoring/monitoring';
import { writeNonRespondentsXlsx } from '$lib/server/monitoring/export';
import { textsFor } from '$lib/server/texts';
import { allNonRespondents, listNonRespondents } from '$lib/server/monitoring/non-respondents';
import { revokeInvitation, type IssuedLink } from '$lib/server/outreach/invitations';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { load } from '../../src/routes/(staff)/campaigns/[id=id]/monitor/+page.server';
import { GET as getData } from '../../src/routes/(staff)/campaigns/[id=id]/monitor/data/+server';
import { GET as getExport } from '../../src/routes/(staff)/campaigns/[id=id]/monitor/export/+server';
import MonitorPage from '../../src/routes/(staff)/campaigns/[id=id]/monitor/+page.svelte';
import { META, NO_REQUEST, SYSTEM, type TestDb, queryLoggingDb, useAppDatabase } from './support';
import { SLUG, removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';
import { closeAndOpen } from './results-support';
import type { DemoShare } from '$lib/server/seed/demo-committee';

const ADMIN: MonitorViewer = { role: 'admin', unitId: null };
const SORT = parseSort(null, null);

async function campaignOf(t: TestDb) {
	return t.db.selectFrom('campaign').selectAll().where('slug', '=', SLUG).executeTakeFirstOrThrow();
}

async function unitId(t: TestDb, code: string) {
	return (await t.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function numbersFor(t: TestDb, viewer: MonitorViewer, unit: string | null = null, sort = SORT) {
	const campaign = await campaignOf(t);
	const r = await resolveMonitorScope(t.db, campaign.id, viewer, unit);
	if (!r.ok) throw new Error(r.error);
	return { numbers: await loadMonitorNumbers(t.db, campaign, r.scope, sort), scope: r.scope, campaign };
}

/** A unit moved out from under the province after the roster was imported: its people stay in the campaign. */
async function moveOutOfProvince(t: TestDb, code: string) {
	const now = Math.floor(Date.now() / 1000);
	const { id } = await t.db
		.insertInto('unit')
		.values({
			code: 'KHAC',
			parent_id: null,
			name: 'Đơn vị khác',
			full_name: 'Đơn vị khác',
			kind: 'khác',
			name_en: null,
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db.updateTable('unit').set({ parent_id: id }).where('code', '=', code).execute();
}

describe('dashboard figures', () => {
	let t: TestDb;
	let key: AppKey;
	let links: IssuedLink[];
	let shares: DemoShare[];
	beforeEach(async () => {
		({ t, key, links, shares } = await seededCopy());
	});
	afterEach(() => t.close());

	it('moves when a person opens, verifies and submits, and keeps a credential on a link revoked later', async () => {
		const before = await numbersFor(t, ADMIN);
		expect(before.numbers.totals).toEqual({ people: 64, invited: 64, opened: 0, verified: 0, submitted: 0, rate: 0 });
		expect(before.numbers.sheets).toBe(0);
		// Nobody sits directly in the province and all units are under it: browsing starts there.
		expect(before.numbers.current).toEqual({ code: '51', name: 'Quảng Ngãi' });
		expect(before.numbers.units).toHaveLength(16);
		expect(before.numbers.groups.map((g) => [g.code, g.counts.people])).toEqual([
			['LDS', 24],
			['LDX', 40]
		]);

		const person = await t.db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(['p.id', 'u.code'])
			.where('p.id', '=', links[0].personId)
			.executeTakeFirstOrThrow();
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const verified = await numbersFor(t, ADMIN);
		expect(verified.numbers.totals).toMatchObject({ invited: 64, opened: 1, verified: 1, submitted: 0 });

		await submitAnswers(t.db, key, ctx);
		const after = await numbersFor(t, ADMIN);
		expect(after.numbers.totals).toEqual({
			people: 64,
			invited: 64,
			opened: 1,
			verified: 1,
			submitted: 1,
			rate: 1 / 64
		});
		expect(after.numbers.sheets).toBe(1);
		expect(after.numbers.nonRespondents).toBe(63);
		const row = after.numbers.units.find((u) => u.code === person.code)!;
		expect(row.counts).toEqual({ people: 5, invited: 5, opened: 1, verified: 1, submitted: 1 });
		expect(row.rate).toBe(0.2);
		// Lowest rate first: the unit with a submission is last among units with the same size.
		expect(after.numbers.units.at(-1)!.code).toBe(person.code);
		const today = vietnamDate(Math.floor(Date.now() / 1000));
		expect(after.numbers.series.points.at(-1)).toEqual({ day: today, count: 1, cumulative: 1 });
		expect(after.numbers.series.closeDay).toBe('2027-01-15');

		// The person drops off the list of non-respondents.
		const list = await allNonRespondents(t.db, after.campaign.id, after.scope);
		expect(list).toHaveLength(63);
		expect(list.some((p) => p.personId === person.id)).toBe(false);

		// A credential given on a link revoked later still counts; a revoked unused link does not.
		await t.db
			.updateTable('invitation')
			.set({ status: 'revoked', revoked_at: Math.floor(Date.now() / 1000) })
			.where('person_id', '=', person.id)
			.execute();
		const organiser = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
		const revoked = await revokeInvitation(t.db, after.campaign, links[1].personId, organiser, META);
		expect(revoked.ok).toBe(true);
		const later = await numbersFor(t, ADMIN);
		expect(later.numbers.totals).toMatchObject({ people: 64, invited: 63, submitted: 1 });
		const again = await allNonRespondents(t.db, later.campaign.id, later.scope);
		expect(again.find((p) => p.personId === links[1].personId)?.state).toBe('none');
		expect(again.find((p) => p.personId === links[2].personId)?.state).toBe('issued');
	});

	it('drills down one level with ?unit=, with a breadcrumb back up, and sorts the unit table', async () => {
		const commune = await numbersFor(t, ADMIN, '21025');
		expect(commune.numbers.current).toEqual({ code: '21025', name: 'Cẩm Thành' });
		expect(commune.numbers.breadcrumb).toEqual([
			{ code: '51', name: 'Quảng Ngãi' },
			{ code: '21025', name: 'Cẩm Thành' }
		]);
		expect(commune.numbers.totals.people).toBe(5);
		expect(commune.numbers.units).toEqual([]);
		expect(commune.numbers.groups.map((g) => g.code)).toEqual(['LDX']);
		// Only the commune's people were counted.
		expect([...commune.scope.direct.keys()]).toEqual([await unitId(t, '21025')]);

		const byName = await numbersFor(t, ADMIN, null, parseSort('name', 'asc'));
		const names = byName.numbers.units.map((u) => u.name);
		expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
		// Đ sorts after D, not after every Latin letter as by code point.
		expect(names.indexOf('Cẩm Thành')).toBeLessThan(names.indexOf('Đông Sơn'));
		expect(names.indexOf('Đông Sơn')).toBeLessThan(names.indexOf('Nghĩa Lộ'));
		const desc = await numbersFor(t, ADMIN, null, parseSort('name', 'desc'));
		expect(desc.numbers.units.map((u) => u.name)).toEqual([...names].reverse());

		const campaign = await campaignOf(t);
		expect(await resolveMonitorScope(t.db, campaign.id, ADMIN, 'NO-SUCH-UNIT')).toEqual({
			ok: false,
			error: 'unitUnknown'
		});
	});

	it("shows a scoped organiser only their subtree's people, without the campaign-wide sheet count", async () => {
		await moveOutOfProvince(t, '51.SNV');
		const campaign = await campaignOf(t);
		const scoped: MonitorViewer = { role: 'organiser', unitId: await unitId(t, '51') };
		const mine = await numbersFor(t, scoped);
		expect(mine.numbers.totals.people).toBe(61);
		expect(mine.numbers.sheets).toBeNull();
		expect(mine.numbers.units.map((u) => u.code)).not.toContain('51.SNV');
		expect((await allNonRespondents(t.db, campaign.id, mine.scope)).map((p) => p.unitCode)).not.toContain('51.SNV');
		expect(await resolveMonitorScope(t.db, campaign.id, scoped, '51.SNV')).toEqual({ ok: false, error: 'unitOutside' });
		expect(await resolveMonitorScope(t.db, campaign.id, scoped, 'KHAC')).toEqual({ ok: false, error: 'unitOutside' });
		// The administrator still sees everyone, the moved unit under its new parent.
		const all = await numbersFor(t, ADMIN);
		expect(all.numbers.totals.people).toBe(64);
		expect(all.numbers.current).toEqual({ code: null, name: null });
		expect(all.numbers.units.map((u) => u.code).sort()).toEqual(['51', 'KHAC']);

		// A commune organiser sees their commune and nothing of its neighbours.
		const communeOrganiser: MonitorViewer = { role: 'organiser', unitId: await unitId(t, '21025') };
		const commune = await numbersFor(t, communeOrganiser);
		expect(commune.numbers.totals.people).toBe(5);
		expect(commune.numbers.breadcrumb).toEqual([{ code: '21025', name: 'Cẩm Thành' }]);
		expect(await resolveMonitorScope(t.db, campaign.id, communeOrganiser, '21028')).toEqual({
			ok: false,
			error: 'unitOutside'
		});
		expect(await resolveMonitorScope(t.db, campaign.id, communeOrganiser, '51')).toEqual({
			ok: false,
			error: 'unitOutside'
		});
	});

	it('pages the non-respondents in unit order, then the Vietnamese name order, with the last reminder sent', async () => {
		const { campaign, scope } = await numbersFor(t, ADMIN);
		const everyone = await allNonRespondents(t.db, campaign.id, scope);
		expect(everyone).toHaveLength(64);
		const pages = [];
		for (let page = 1; page <= 10; page++)
			pages.push(...(await listNonRespondents(t.db, campaign.id, scope, page, 7)).rows);
		expect(pages.map((p) => p.personId)).toEqual(everyone.map((p) => p.personId));
		const last = await listNonRespondents(t.db, campaign.id, scope, 99, 7);
		expect(last).toMatchObject({ total: 64, page: 10, pages: 10 });
		expect(last.rows).toHaveLength(1);
		const units = everyone.map((p) => p.unitCode);
		expect(units).toEqual([...units].sort());
		for (const code of new Set(units)) {
			const names = everyone.filter((p) => p.unitCode === code).map((p) => p.fullName);
			expect(names).toEqual([...names].sort(compareVietnameseNames));
		}

		// Only a sent reminder counts, the latest one; codes and queued messages do not.
		const personId = links[3].personId;
		const base = {
			campaign_id: campaign.id,
			person_id: personId,
			channel: 'email' as const,
			recipient: 'x@example.com',
			priority: 5,
			next_attempt_at: 0,
			created_at: 0
		};
		await t.db
			.insertInto('delivery')
			.values([
				{ ...base, kind: 'reminder', status: 'sent', sent_at: 1_790_000_000 },
				{ ...base, kind: 'reminder', status: 'sent', sent_at: 1_790_500_000 },
				{ ...base, kind: 'reminder', status: 'queued', sent_at: null },
				{ ...base, kind: 'code', status: 'sent', sent_at: 1_799_000_000 }
			])
			.execute();
		const fresh = await allNonRespondents(t.db, campaign.id, scope);
		expect(fresh.find((p) => p.personId === personId)!.lastReminderAt).toBe(1_790_500_000);
		expect(fresh.find((p) => p.personId === links[4].personId)!.lastReminderAt).toBeNull();
	});

	it('reads nothing from the ballot side but the total count of sheets, sealed during the round and opened after it', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		await submitAnswers(t.db, key, ctx);
		const { db: logged, queries } = queryLoggingDb(t);
		const campaign = await campaignOf(t);
		const views = async () => {
			const sheets: (number | null)[] = [];
			for (const viewer of [ADMIN, { role: 'organiser', unitId: await unitId(t, '51') } satisfies MonitorViewer]) {
				for (const unit of [null, '21025']) {
					const r = await resolveMonitorScope(logged, campaign.id, viewer, unit);
					if (!r.ok) throw new Error(r.error);
					sheets.push((await loadMonitorNumbers(logged, campaign, r.scope, SORT)).sheets);
					await listNonRespondents(logged, campaign.id, r.scope, 1);
					await writeNonRespondentsXlsx(await allNonRespondents(logged, campaign.id, r.scope));
				}
			}
			return sheets;
		};
		// During the round the one sheet is sealed; after the close and the opening it is an opened sheet.
		expect(await views()).toEqual([1, 1, null, null]);
		await closeAndOpen(t, shares);
		expect(await t.db.selectFrom('opened_sheet').select('id').execute()).toHaveLength(1);
		expect(await views()).toEqual([1, 1, null, null]);

		expect(queries.length).toBeGreaterThan(20);
		const ballotSide =
			/sealed_sheet|opened_sheet|opened_tally|counted_cell|counted_receipt|answer_sheet|answer_chunk|ballot_tally|ballot_cell_count/i;
		const ballot = queries.filter((q) => ballotSide.test(q));
		// Once per unscoped view (the admin's two, twice), a count of each store's rows for the campaign, nothing else.
		expect(ballot.map((q) => /from "(\w+)"/.exec(q)?.[1]).sort()).toEqual([
			...Array(4).fill('opened_sheet'),
			...Array(4).fill('sealed_sheet')
		]);
		for (const q of ballot)
			expect(q).toMatch(/^select count\(\*\) as "n" from "(sealed|opened)_sheet" where "campaign_id" = (\?|\$1)$/);

		// And in the source: the dashboard's code never names a ballot table, and the count it calls
		// names no column that holds an answer, a sealed sheet, a key or a receipt.
		const files = [
			'src/lib/server/monitoring/monitoring.ts',
			'src/lib/server/monitoring/non-respondents.ts',
			'src/lib/server/monitoring/export.ts',
			'src/lib/domain/monitoring.ts',
			...readdirSync('src/routes/(staff)/campaigns/[id=id]/monitor', { recursive: true, encoding: 'utf8' })
				.map((f) => path.join('src/routes/(staff)/campaigns/[id=id]/monitor', f))
				.filter((f) => /\.(ts|svelte)$/.test(f))
		];
		expect(files.length).toBeGreaterThan(5);
		for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(ballotSide);
		const count = readFileSync('src/lib/server/ballot/count.ts', 'utf8');
		expect(count).toMatch(/countAll/);
		expect(count, 'the pattern is not blind').toMatch(ballotSide);
		expect(count).not.toMatch(
			/opened_tally|counted_cell|counted_receipt|'body'|'sealed'|'receipt'|'key_hash'|'cell_id'/
		);
		// The same two counts in plain SQL on the worker thread (count-worker.ts), which no query log sees.
		const offThread = readFileSync('src/lib/server/ballot/count-worker.ts', 'utf8');
		expect(offThread.match(/select [^']*/g)).toEqual([
			'select count(*) as n from sealed_sheet where campaign_id = ?',
			'select count(*) as n from opened_sheet where campaign_id = ?'
		]);
		expect(offThread).not.toMatch(/opened_tally|counted_cell|counted_receipt|body|key_hash|cell_id|\breceipt/);
	});
});

// The routes themselves, through the app's own database handle (getApp reads DATABASE_PATH once).
describe('dashboard routes', () => {
	let t: TestDb;
	let key: AppKey;
	let links: IssuedLink[];
	let campaignId: number;
	const users: Record<
		string,
		{ id: number; username: string; displayName: string; role: Role; unitId: number | null; totpEnabled: boolean }
	> = {};

	beforeAll(async () => {
		({ t, key, links } = await seededCopy());
		useAppDatabase(t);
		campaignId = (await campaignOf(t)).id;
		for (const u of await t.db
			.selectFrom('staff_user')
			.select(['id', 'username', 'display_name', 'role', 'unit_id'])
			.execute()) {
			users[u.username] = {
				id: u.id,
				username: u.username,
				displayName: u.display_name,
				role: u.role,
				unitId: u.unit_id,
				totpEnabled: false
			};
		}
		const scoped = await createStaffUser(
			t.db,
			{
				username: 'tochuc-51',
				displayName: 'Tổ chức tỉnh',
				role: 'organiser',
				unitCode: '51',
				password: 'một mật khẩu đủ dài'
			},
			SYSTEM,
			NO_REQUEST
		);
		if (!scoped.ok) throw new Error(JSON.stringify(scoped.errors));
		users['tochuc-51'] = {
			id: scoped.id,
			username: 'tochuc-51',
			displayName: 'Tổ chức tỉnh',
			role: 'organiser',
			unitId: await unitId(t, '51'),
			totpEnabled: false
		};
		// A province-wide round, run by an organiser of the province: campaignContext lets them manage it.
		await t.db
			.updateTable('campaign')
			.set({ scope_unit_id: await unitId(t, '51') })
			.where('id', '=', campaignId)
			.execute();
		await moveOutOfProvince(t, '51.SNV');
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		await submitAnswers(t.db, key, ctx);
	});
	afterAll(async () => {
		await (await getApp()).db.destroy();
		await t.close();
		removeTemplate();
	});

	function eventFor(
		username: string | null,
		pathname: string,
		query = '',
		headers: Record<string, string> = {}
	): RequestEvent {
		const url = new URL(`http://localhost/campaigns/${campaignId}/monitor${pathname}${query}`);
		const responseHeaders: Record<string, string> = {};
		return {
			url,
			params: { id: String(campaignId) },
			locals: {
				user: username ? users[username] : null,
				session: null,
				secondFactor: 'none',
				locale: 'vi',
				demo: true
			},
			request: new Request(url, { headers }),
			getClientAddress: () => '203.0.113.7',
			setHeaders: (h: Record<string, string>) => Object.assign(responseHeaders, h),
			route: { id: null },
			cookies: { get: () => undefined }
		} as unknown as RequestEvent;
	}

	async function statusOf(fn: () => unknown): Promise<number> {
		try {
			await fn();
			return 200;
		} catch (e) {
			if (isHttpError(e)) return e.status;
			throw e;
		}
	}

	const runLoad = (e: RequestEvent) => (load as unknown as (e: RequestEvent) => Promise<Record<string, unknown>>)(e);

	async function deniedCount() {
		return (
			await t.db
				.selectFrom('audit_event')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('action', '=', 'access.denied')
				.executeTakeFirstOrThrow()
		).n;
	}

	it('refuses analysts and auditors with an audited 403, on the page, the JSON endpoint and the export', async () => {
		const before = await deniedCount();
		expect(await statusOf(() => runLoad(eventFor('analyst', '')))).toBe(403);
		expect(await statusOf(() => runLoad(eventFor('auditor', '')))).toBe(403);
		expect(await statusOf(() => getData(eventFor('analyst', '/data') as never))).toBe(403);
		expect(await statusOf(() => getExport(eventFor('auditor', '/export') as never))).toBe(403);
		expect(await deniedCount()).toBe(before + 4);
	});

	it('refuses a unit outside the organiser’s subtree with an audited 403, and an unknown unit with 404', async () => {
		const before = await deniedCount();
		expect(await statusOf(() => runLoad(eventFor('tochuc-51', '', '?unit=51.SNV')))).toBe(403);
		expect(await statusOf(() => getData(eventFor('tochuc-51', '/data', '?unit=KHAC') as never))).toBe(403);
		expect(await statusOf(() => getExport(eventFor('tochuc-51', '/export', '?unit=51.SNV') as never))).toBe(403);
		expect(await deniedCount()).toBe(before + 3);
		const denied = await t.db
			.selectFrom('audit_event')
			.select(['payload', 'subject_id'])
			.where('action', '=', 'access.denied')
			.orderBy('seq', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(denied.payload)).toMatchObject({ reason: 'monitor.unit_scope' });
		expect(await statusOf(() => runLoad(eventFor('organiser', '', '?unit=NOPE')))).toBe(404);
		// The administrator may look anywhere.
		expect(await statusOf(() => runLoad(eventFor('admin', '', '?unit=51.SNV')))).toBe(200);
	});

	it('gives the page and the JSON endpoint the same numbers, scoped, never cached, JSON only to a signed-in viewer', async () => {
		const page = (await runLoad(eventFor('tochuc-51', '', '?sort=submitted&dir=desc'))) as {
			numbers: { totals: object; units: { code: string }[]; sheets: number | null };
			people: { total: number };
			scoped: boolean;
		};
		expect(page.scoped).toBe(true);
		expect(page.numbers.totals).toMatchObject({ people: 61, submitted: 1 });
		expect(page.numbers.sheets).toBeNull();
		expect(page.people.total).toBe(60);

		const res = await getData(eventFor('tochuc-51', '/data', '?sort=submitted&dir=desc') as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		const body = await res.json();
		expect(body.totals).toEqual(page.numbers.totals);
		expect(body.units.map((u: { code: string }) => u.code)).toEqual(page.numbers.units.map((u) => u.code));
		expect(body.units[0].counts.submitted).toBe(1);
		expect(JSON.stringify(body)).not.toContain(links[1].fullName);

		const admin = await (await getData(eventFor('admin', '/data') as never)).json();
		expect(admin.totals.people).toBe(64);
		expect(admin.sheets).toBe(1);

		const anonymous = await getData(eventFor(null, '/data') as never);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('cache-control')).toBe('no-store');
		expect(await anonymous.json()).toEqual({ message: 'monitor.error.signedOut' });
		const crossSite = await getData(eventFor('admin', '/data', '', { 'sec-fetch-site': 'cross-site' }) as never);
		expect(crossSite.status).toBe(403);
	});

	it('exports the non-respondents of a unit to XLSX with Vietnamese headers and exactly the right people', async () => {
		const res = await getExport(eventFor('organiser', '/export', '?unit=21025') as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="chua-gui-phieu-dtxh-2026-21025.xlsx"');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const sheet = wb.worksheets[0];
		expect(sheet.getRow(1).values).toEqual([
			undefined,
			'STT',
			'Họ và tên',
			'Đơn vị',
			'Mã đơn vị',
			'Chức vụ',
			'Nhóm',
			'Thư điện tử',
			'Số điện thoại',
			'Tình trạng',
			'Nhắc lần cuối'
		]);

		const expected = await t.db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(['p.id', 'p.full_name', 'p.email', 'p.phone'])
			.where('u.code', '=', '21025')
			.where('p.campaign_id', '=', campaignId)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('invitation as i')
							.select('i.id')
							.whereRef('i.person_id', '=', 'p.id')
							.where('i.credential_at', 'is not', null)
					)
				)
			)
			.execute();
		// links[0] (who submitted) is in commune 21025: four people remain.
		expect(expected).toHaveLength(4);
		const rows = sheet.getRows(2, sheet.rowCount - 1)!;
		expect(rows.map((r) => r.getCell(2).value)).toEqual(expected.map((p) => p.full_name).sort(compareVietnameseNames));
		expect(rows.map((r) => r.getCell(4).value)).toEqual(['21025', '21025', '21025', '21025']);
		expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4]);
		expect(
			rows.every((r) => r.getCell(2).type === ExcelJS.ValueType.String && r.getCell(9).value === 'Chưa mở liên kết')
		).toBe(true);
		// Each person's own contacts, so the organisers can chase them (participation data only).
		const contacts = new Map(expected.map((p) => [p.full_name, p.email ?? '']));
		expect(rows.map((r) => r.getCell(7).value)).toEqual(rows.map((r) => contacts.get(String(r.getCell(2).value))));
		expect(rows.some((r) => /@/.test(String(r.getCell(7).value)))).toBe(true);

		// The whole campaign for the administrator (two top units since one moved): all but the one who submitted.
		const all = await getExport(eventFor('admin', '/export') as never);
		expect(all.headers.get('content-disposition')).toMatch(/chua-gui-phieu-dtxh-2026-tat-ca\.xlsx/);
		const wbAll = new ExcelJS.Workbook();
		await wbAll.xlsx.load(await all.arrayBuffer());
		expect(wbAll.worksheets[0].rowCount).toBe(1 + 63);
	});

	it('renders accessible, server-side markup: headings in order, captioned tables, scoped headers, no inline style but bar widths', async () => {
		for (const locale of ['vi', 'en'] as const) {
			const data = await runLoad(eventFor('admin', '', '?unit=51'));
			// The layout sends the texts; here the page gets the same selection for its route.
			const texts = textsFor(locale, '/(staff)/campaigns/[id=id]/monitor', true);
			const { body } = render(MonitorPage, { props: { data: { ...data, locale, texts } as never } });
			const headings = [...body.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
			expect(headings[0]).toBe(1);
			for (let i = 1; i < headings.length; i++)
				expect(headings[i] - headings[i - 1], `heading ${i}`).toBeLessThanOrEqual(1);
			const tables = body.match(/<table\b/g) ?? [];
			expect(tables.length).toBeGreaterThanOrEqual(4);
			expect((body.match(/<caption\b/g) ?? []).length).toBe(tables.length);
			for (const th of body.match(/<th\b[^>]*>/g) ?? []) expect(th).toMatch(/scope="(col|row)"/);
			for (const style of body.match(/style="[^"]*"/g) ?? []) expect(style).toMatch(/^style="width: \d+(\.\d)?%;?"$/);
			expect(body).toContain(locale === 'vi' ? 'Theo dõi tỉ lệ trả lời' : 'Response-rate monitoring');
			expect(body).toContain(
				locale === 'vi' ? 'Phiếu đã ghi nhận (toàn đợt)' : 'Answer sheets counted (whole campaign)'
			);
			expect(body).toMatch(/aria-sort="ascending"/);
			expect(body).toContain(`/campaigns/${campaignId}/monitor/export?unit=51`);
			// Sorting and drill-down are plain links: they work without JavaScript.
			expect(body).toContain('href="?unit=51&amp;sort=name&amp;dir=asc"');
			expect(body).toContain('href="?unit=21025&amp;sort=rate&amp;dir=asc"');
		}
	});
});
