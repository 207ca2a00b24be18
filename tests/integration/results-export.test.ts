// The results exports against the seeded demo campaign with answers cast through the real protocol
// (credential, blind signature, sealed cookie-less cast), then closed and opened by the demo committee:
// 5 + 5 + 2 commune leaders in three communes and 5 department leaders (pooled at the province). The
// commune below k (2 sheets) is the only small cell, so the opening leaves it in place (alone at the province
// it would hide nothing) and the results hide it. The routes are called with a minimal RequestEvent;
// the files are parsed back (exceljs, csv-parse) and compared with what the disclosure gate publishes.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import { messages } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { resultsCsv } from '$lib/server/results/csv';
import { exportMeta, resultsXlsx } from '$lib/server/results/export';
import { publishedResults } from '$lib/server/results/published';
import { buildResultTables } from '$lib/server/results/tables';
import { GET as getExport } from '../../src/routes/(staff)/campaigns/[id=id]/results/export/+server';
import { GET as getData } from '../../src/routes/(staff)/campaigns/[id=id]/results/data/+server';
import { useAppDatabase, type TestDb } from './support';
import { SLUG, removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';
import { closeAndOpen } from './results-support';
import type { DemoShare } from '$lib/server/seed/demo-committee';

type User = {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	unitId: number | null;
	totpEnabled: boolean;
};

// Names a spreadsheet could take for a formula, as a hostile roster or admin might type them.
const EVIL = {
	'21025': '=HYPERLINK("http://evil.example","Cẩm Thành")',
	'21028': '+Nghĩa Lộ',
	'21040': '-Đức Phổ'
} as const;
const EVIL_GROUP = '@Lãnh đạo sở, ban, ngành';
const SUBMITTED = { '21025': 5, '21028': 5, '21034': 2 } as const;

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let campaignId: number;
const users: Record<string, User> = {};

async function campaignRow() {
	return t.db
		.selectFrom('campaign')
		.select([
			'id',
			'slug',
			'title',
			'year',
			'state',
			'framework_version_id',
			'scope_unit_id',
			'k_threshold',
			'counted_at'
		])
		.where('slug', '=', SLUG)
		.executeTakeFirstOrThrow();
}

async function gate(unitCode: string | null = null, groupCode: string | null = null) {
	const r = await publishedResults(t.db, users.admin, await campaignRow(), { unitCode, groupCode });
	if (!r.ok) throw new Error(r.error);
	return r;
}

function eventFor(
	username: string | null,
	path: string,
	query = '',
	headers: Record<string, string> = {}
): RequestEvent {
	const url = new URL(`http://localhost/campaigns/${campaignId}/results${path}${query}`);
	return {
		url,
		params: { id: String(campaignId) },
		locals: { user: username ? users[username] : null, session: null, secondFactor: 'none', locale: 'vi', demo: true },
		request: new Request(url, { headers }),
		getClientAddress: () => '203.0.113.7',
		setHeaders: () => {},
		route: { id: null },
		cookies: { get: () => undefined }
	} as unknown as RequestEvent;
}

async function statusOf(fn: () => unknown): Promise<number> {
	try {
		const r = await fn();
		return r instanceof Response ? r.status : 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

async function auditRows(action: string) {
	return t.db
		.selectFrom('audit_event')
		.select(['payload', 'actor_label'])
		.where('action', '=', action)
		.orderBy('seq')
		.execute();
}

async function workbookOf(res: Response) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(await res.arrayBuffer());
	return wb;
}

const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
	return sheet.rowCount < 2 ? [] : sheet.getRows(2, sheet.rowCount - 1)!;
}
function rowByCode(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
	const row = rowsOf(sheet).find((r) => r.getCell(1).value === code);
	if (!row) throw new Error(`no row ${code} in ${sheet.name}`);
	return row;
}
const vi = (k: keyof typeof messages.vi) => messages.vi[k];

beforeAll(async () => {
	let shares: DemoShare[];
	({ t, key, links, shares } = await seededCopy());
	useAppDatabase(t);
	campaignId = (await campaignRow()).id;
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
	for (const [code, name] of Object.entries(EVIL))
		await t.db.updateTable('unit').set({ name }).where('code', '=', code).execute();
	await t.db
		.updateTable('respondent_group')
		.set({ name: EVIL_GROUP })
		.where('campaign_id', '=', campaignId)
		.where('code', '=', 'LDS')
		.execute();

	const people = await t.db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.innerJoin('respondent_group as g', 'g.id', 'p.group_id')
		.select(['p.id', 'u.code', 'g.code as group'])
		.where('p.campaign_id', '=', campaignId)
		.execute();
	const byPerson = new Map(people.map((p) => [p.id, p]));
	const quota: Record<string, number> = { ...SUBMITTED, LDS: 5 };
	let n = 0;
	for (const link of links) {
		const p = byPerson.get(link.personId)!;
		const slot = p.group === 'LDS' ? 'LDS' : p.code;
		if (!quota[slot]) continue;
		quota[slot]--;
		const { ctx } = await verifiedRespondent(t.db, key, link.token, `device-${n}`);
		// Answers vary (option A, B, C…) so that points are not round numbers.
		await submitAnswers(t.db, key, ctx, n++ % 3);
	}
	expect(Object.values(quota).every((q) => q === 0)).toBe(true);
	// Results exist only once the committee has opened the closed round.
	expect(await closeAndOpen(t, shares)).toMatchObject({ sheets: 17, invalid: 0 });
}, 120_000);

afterAll(async () => {
	await (await getApp()).db.destroy();
	await t.close();
	removeTemplate();
});

describe('results XLSX', () => {
	it('downloads every table with Vietnamese headers, numbers as numbers, "< 5" where hidden, audited', async () => {
		const before = (await auditRows('results.exported')).length;
		const res = await getExport(eventFor('admin', '/export', '?format=xlsx') as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const disposition = res.headers.get('content-disposition')!;
		expect(disposition).toMatch(/^attachment; filename="ket-qua-dtxh-2026-51\.xlsx"; filename\*=UTF-8''/);
		const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
		expect(encoded).toMatch(/^[A-Za-z0-9%._~!$&+^`|-]+$/);
		expect(decodeURIComponent(encoded)).toBe('Kết quả Điều tra xã hội học năm 2026 - Quảng Ngãi.xlsx');

		const audit = await auditRows('results.exported');
		expect(audit).toHaveLength(before + 1);
		expect(JSON.parse(audit.at(-1)!.payload)).toEqual({ format: 'xlsx', table: null, unit: null, group: null });
		expect(audit.at(-1)!.actor_label).toBe('admin');

		const wb = await workbookOf(res);
		const names = wb.worksheets.map((s) => s.name);
		expect(names.slice(0, 8)).toEqual([
			'Thông tin',
			'Lĩnh vực',
			'Tiêu chí',
			'Tiêu chí thành phần',
			'Theo nhóm đối tượng',
			'Theo đơn vị',
			'Đơn vị được đánh giá',
			'Phân bố câu trả lời'
		]);
		for (const sheet of wb.worksheets) {
			expect(sheet.name.length).toBeLessThanOrEqual(31);
			for (const h of headerOf(sheet)) expect(String(h)).toBe(String(h).normalize('NFC'));
			expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
			expect(sheet.getRow(1).font?.bold).toBe(true);
		}

		const { view } = await gate();
		if (!view.total.shown) throw new Error('the province total should be shown');
		const subs = wb.getWorksheet('Tiêu chí thành phần')!;
		expect(headerOf(subs)).toEqual([
			vi('resultsExport.col.code'),
			'Tiêu chí thành phần',
			'Điểm tối đa',
			'Điểm',
			'% so với điểm tối đa',
			'Số câu trả lời hợp lệ',
			'Số câu “Không biết” hoặc bỏ trống'
		]);
		const expected = view.total.score.fields.flatMap((f) => f.subCriteria);
		expect(rowsOf(subs)).toHaveLength(expected.length);
		for (const s of expected) {
			const row = rowByCode(subs, s.code);
			expect(row.getCell(4).value, s.code).toBe(s.points);
			expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
			expect(row.getCell(4).numFmt).toBe('0.00');
			expect(row.getCell(6).value).toBe(s.nValid);
			expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
		}
		// Answers were not all A: at least one sub-criterion has points with decimals, kept at two.
		expect(expected.some((s) => s.points !== null && !Number.isInteger(s.points * 10))).toBe(true);

		const units = wb.getWorksheet('Theo đơn vị')!;
		// 21034 has 2 sheets: hidden, with no number in any of its figures; the province's own row has the 5 department leaders.
		expect(rowsOf(units).map((r) => r.getCell(1).value)).toContain('21034');
		expect(view.byUnit.find((r) => r.code === '21034')?.figures).toEqual({ shown: false });
		// Hidden rows carry no number in any of their figures.
		for (const hidden of view.byUnit.filter((r) => !r.figures.shown)) {
			const row = rowByCode(units, hidden.code);
			for (const i of [3, 4, 6, 7, 8]) {
				expect(row.getCell(i).value, hidden.code).toBe('< 5');
				expect(row.getCell(i).type).toBe(ExcelJS.ValueType.String);
			}
		}
		for (const row of view.byUnit) {
			const cells = rowByCode(units, row.code);
			if (row.figures.shown)
				expect([cells.getCell(3).value, cells.getCell(4).value]).toEqual([
					row.figures.sheets,
					row.figures.score.points
				]);
			else expect([cells.getCell(3).value, cells.getCell(4).value]).toEqual(['< 5', '< 5']);
		}
		expect(view.byUnit.filter((r) => !r.figures.shown).length).toBeGreaterThanOrEqual(2);
		// A name that looks like a formula is a plain string cell, kept as typed, never a formula.
		const evil = rowByCode(units, '21025').getCell(2);
		expect(evil.type).toBe(ExcelJS.ValueType.String);
		expect(evil.value).toBe(EVIL['21025']);
		expect(evil.numFmt).toBe('@');
		expect(rowByCode(units, '21028').getCell(2).value).toBe(EVIL['21028']);
		expect(rowByCode(wb.getWorksheet('Theo nhóm đối tượng')!, 'LDS').getCell(2).value).toBe(EVIL_GROUP);
		// The department leaders' cell is reported at the province itself: its own row says so.
		expect(rowByCode(units, '51').getCell(2).value).toBe('Quảng Ngãi (riêng cấp này, không gồm đơn vị trực thuộc)');

		const info = wb.getWorksheet('Thông tin')!;
		const infoRows = new Map(rowsOf(info).map((r) => [String(r.getCell(1).value), r.getCell(2).value]));
		expect(infoRows.get('Đợt khảo sát')).toBe('Điều tra xã hội học năm 2026');
		expect(infoRows.get('Ngưỡng bảo vệ ẩn danh (k)')).toBe(5);
		expect(infoRows.get('Số phiếu')).toBe(17);
		expect(infoRows.get('Đơn vị')).toBe('Quảng Ngãi (51)');
		expect(infoRows.get('Nhóm đối tượng')).toBe('Tất cả nhóm đối tượng');
		expect(String(infoRows.get('Làm tròn'))).toContain('2 chữ số thập phân');
		expect(String(infoRows.get('Thời điểm xuất (giờ Việt Nam)'))).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
		expect(String(infoRows.get('Phương pháp tính'))).toContain('“Không biết”');
		expect(infoRows.get('Trang tính “Theo đơn vị”')).toBe('Điểm theo đơn vị — Quảng Ngãi — Tất cả nhóm đối tượng');

		// Aggregates only: no respondent's name anywhere in the file.
		const text = JSON.stringify(wb.worksheets.map((s) => s.getSheetValues()));
		for (const link of links.slice(0, 20)) expect(text).not.toContain(link.fullName);
	});

	it('writes the Vietnam time and the chosen rounding into the workbook', async () => {
		const r = await gate();
		const campaign = await campaignRow();
		// 2026-12-31 17:05 UTC is already 1 January 2027, 00:05 in Vietnam.
		const at = Date.UTC(2026, 11, 31, 17, 5) / 1000;
		const wb = new ExcelJS.Workbook();
		const file = await resultsXlsx(buildResultTables(r, { decimals: 3 }), exportMeta(r, campaign, at, 3));
		await wb.xlsx.load(new Uint8Array(file).buffer);
		const info = new Map(
			rowsOf(wb.getWorksheet('Thông tin')!).map((row) => [String(row.getCell(1).value), row.getCell(2).value])
		);
		expect(info.get('Thời điểm xuất (giờ Việt Nam)')).toBe('01/01/2027 00:05');
		expect(String(info.get('Làm tròn'))).toContain('3 chữ số thập phân');
		expect(rowByCode(wb.getWorksheet('Lĩnh vực')!, '1').getCell(4).numFmt).toBe('0.000');
		expect(rowByCode(wb.getWorksheet('Lĩnh vực')!, '1').getCell(3).numFmt).toBe('0.000');
	});
});

describe('results CSV', () => {
	it('gives the sub-criteria by default: BOM, CRLF, Vietnamese headers, dot decimals as configured', async () => {
		const res = await getExport(eventFor('admin', '/export', '?format=csv') as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/filename="ket-qua-dtxh-2026-51-subCriteria\.csv"/);
		expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition')!)![1])).toBe(
			'Kết quả Điều tra xã hội học năm 2026 - Quảng Ngãi - Tiêu chí thành phần.csv'
		);
		const bytes = Buffer.from(await res.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8');
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
		expect(JSON.parse((await auditRows('results.exported')).at(-1)!.payload)).toEqual({
			format: 'csv',
			table: 'subCriteria',
			unit: null,
			group: null
		});

		const rows: string[][] = parse(bytes, { bom: true });
		expect(rows[0]).toEqual([
			'Mã',
			'Tiêu chí thành phần',
			'Điểm tối đa',
			'Điểm',
			'% so với điểm tối đa',
			'Số câu trả lời hợp lệ',
			'Số câu “Không biết” hoặc bỏ trống'
		]);
		for (const h of rows[0]) expect(h).toBe(h.normalize('NFC'));
		const { view } = await gate();
		if (!view.total.shown) throw new Error('hidden');
		for (const s of view.total.score.fields.flatMap((f) => f.subCriteria)) {
			const row = rows.find((r) => r[0] === s.code)!;
			expect(row[1]).toBe(row[1].normalize('NFC'));
			expect(row[3], s.code).toMatch(/^\d+(\.\d{1,2})?$/);
			expect(Number(row[3])).toBe(s.points);
			expect(row[5]).toBe(String(s.nValid));
		}
	});

	it('neutralises names that a spreadsheet would run as formulas, and prints hidden figures as "< 5"', async () => {
		const res = await getExport(eventFor('admin', '/export', '?format=csv&table=units') as never);
		const rows: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true, relax_column_count: false });
		expect(rows[0].slice(0, 4)).toEqual(['Mã đơn vị', 'Đơn vị', 'Số phiếu', 'Điểm']);
		const byCode = new Map(rows.slice(1).map((r) => [r[0], r]));
		expect(byCode.get('21025')![1]).toBe(`'${EVIL['21025']}`);
		expect(byCode.get('21028')![1]).toBe(`'${EVIL['21028']}`);
		const { view } = await gate();
		const hidden = view.byUnit.filter((r) => !r.figures.shown);
		expect(hidden.length).toBeGreaterThan(0);
		for (const row of hidden) expect(byCode.get(row.code)!.slice(2, 4), row.code).toEqual(['< 5', '< 5']);
		for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-\D/);
		// A shown zero stays a number: the department leaders answered in no commune.
		const lds: string[][] = parse(
			Buffer.from(
				await (
					await getExport(eventFor('admin', '/export', '?format=csv&table=units&group=LDS') as never)
				).arrayBuffer()
			),
			{ bom: true }
		);
		expect(lds.find((r) => r[0] === '21025')!.slice(2, 3)).toEqual(['0']);
		// 21040 (rated by the department leaders, answered in by nobody) appears among the rated units only.
		const rated: string[][] = parse(
			Buffer.from(
				await (await getExport(eventFor('admin', '/export', '?format=csv&table=ratedUnits') as never)).arrayBuffer()
			),
			{ bom: true }
		);
		expect(rated.find((r) => r[2] === '21040')![3]).toBe(`'${EVIL['21040']}`);
		for (const row of rated.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-\D/);

		const groups: string[][] = parse(
			Buffer.from(
				await (await getExport(eventFor('admin', '/export', '?format=csv&table=groups') as never)).arrayBuffer()
			),
			{ bom: true }
		);
		expect(groups.find((r) => r[0] === 'LDS')![1]).toBe(`'${EVIL_GROUP}`);
	});

	it('exports a hidden selection with every figure as "< 5", for the unit asked', async () => {
		expect((await gate('21025')).view.total).toEqual({ shown: false });
		const res = await getExport(eventFor('admin', '/export', '?format=csv&table=fields&unit=21025') as never);
		expect(res.headers.get('content-disposition')).toMatch(/filename="ket-qua-dtxh-2026-21025-fields\.csv"/);
		const rows: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true });
		expect(rows).toHaveLength(1 + 9);
		for (const row of rows.slice(1)) expect(row.slice(3)).toEqual(['< 5', '< 5']);
		expect(JSON.parse((await auditRows('results.exported')).at(-1)!.payload)).toEqual({
			format: 'csv',
			table: 'fields',
			unit: '21025',
			group: null
		});
		// The small commune itself: every figure hidden too, and no number in the file.
		const small: string[][] = parse(
			Buffer.from(
				await (
					await getExport(eventFor('admin', '/export', '?format=csv&table=fields&unit=21034') as never)
				).arrayBuffer()
			),
			{ bom: true }
		);
		for (const row of small.slice(1)) expect(row.slice(3)).toEqual(['< 5', '< 5']);
		// A unit outside the campaign's results: 404, nothing exported.
		const exported = (await auditRows('results.exported')).length;
		expect(
			await statusOf(() => getExport(eventFor('admin', '/export', '?format=csv&table=fields&unit=99999') as never))
		).toBe(404);
		expect((await auditRows('results.exported')).length).toBe(exported);
	});

	it('writes every table the same way as the service functions do (a negative change stays a number)', async () => {
		const r = await gate();
		for (const table of buildResultTables(r)) {
			const csv = resultsCsv(table).toString('utf8');
			const rows: string[][] = parse(csv, { bom: true });
			expect(rows[0], table.key).toEqual(table.headers);
			expect(rows).toHaveLength(1 + table.rows.length);
		}
		const table = {
			key: 'comparison' as const,
			sheetName: 'x',
			title: 'x',
			headers: ['a', 'b', 'c'],
			kinds: ['text', 'points', 'points'] as const,
			rows: [['-x', -1.25, 1e-7]]
		};
		expect(resultsCsv({ ...table, kinds: [...table.kinds] }).toString('utf8')).toBe(
			"\uFEFFa,b,c\r\n'-x,-1.25,0.0000001\r\n"
		);
	});
});

describe('results export refusals', () => {
	it('answers a bad format or table with a Vietnamese 400 and writes nothing', async () => {
		const before = (await auditRows('results.exported')).length;
		const badFormat = await getExport(eventFor('admin', '/export', '?format=pdf') as never);
		expect(badFormat.status).toBe(400);
		expect(await badFormat.text()).toBe(vi('resultsExport.error.format'));
		const badTable = await getExport(eventFor('admin', '/export', '?format=csv&table=answers') as never);
		expect(badTable.status).toBe(400);
		expect(await badTable.text()).toBe(vi('resultsExport.error.table'));
		expect(badTable.headers.get('content-disposition')).toBeNull();
		expect((await auditRows('results.exported')).length).toBe(before);
	});

	it('refuses an analyst before publication and an auditor always (audited 403), then lets the analyst in once published', async () => {
		const denied = (await auditRows('access.denied')).length;
		const exported = (await auditRows('results.exported')).length;
		expect(await statusOf(() => getExport(eventFor('analyst', '/export', '?format=xlsx') as never))).toBe(403);
		expect(await statusOf(() => getExport(eventFor('auditor', '/export', '?format=csv') as never))).toBe(403);
		expect(await statusOf(() => getData(eventFor('analyst', '/data') as never))).toBe(403);
		expect((await auditRows('access.denied')).length).toBe(denied + 3);
		expect((await auditRows('results.exported')).length).toBe(exported);

		await t.db.updateTable('campaign').set({ state: 'published' }).where('id', '=', campaignId).execute();
		try {
			const res = await getExport(eventFor('analyst', '/export', '?format=csv&table=ratedUnits') as never);
			expect(res.status).toBe(200);
			const rows: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true });
			expect(rows[0]).toEqual([
				'Nhóm đánh giá',
				'Thứ hạng',
				'Mã đơn vị',
				'Đơn vị',
				'Số phiếu đánh giá',
				'Điểm',
				'Điểm tối đa của các tiêu chí được đánh giá',
				'% so với điểm tối đa'
			]);
			// The commune leaders rate the 8 departments, the department leaders 4 communes: each row as the gate has it.
			const { view } = await gate();
			expect(rows).toHaveLength(1 + 12);
			expect(view.ratedUnits).toHaveLength(12);
			for (const unit of view.ratedUnits) {
				const row = rows.find((r) => r[2] === unit.code)!;
				// Departments are ranked among themselves (rated by commune leaders), communes among themselves.
				// (The department leaders' group carries a formula-like name here: neutralised in the CSV.)
				expect(row[0]).toBe(unit.ratedBy?.includes('LDX') ? 'Lãnh đạo UBND cấp xã' : `'${EVIL_GROUP}`);
				if (unit.figures.shown)
					expect([row[4], row[5]]).toEqual([
						String(unit.figures.sheets),
						unit.figures.score.points === null ? '' : String(unit.figures.score.points)
					]);
				else expect(row.slice(4)).toEqual(['< 5', '< 5', '< 5', '< 5']);
				if (!unit.figures.shown) expect(row[1]).toBe('');
			}
			expect((await auditRows('results.exported')).at(-1)!.actor_label).toBe('analyst');
		} finally {
			await t.db.updateTable('campaign').set({ state: 'closed' }).where('id', '=', campaignId).execute();
		}
	});
});

describe('results JSON', () => {
	it('returns what the gate publishes, hidden nodes without a number, never cached', async () => {
		const res = await getData(eventFor('admin', '/data', '?group=LDX') as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		const body = await res.json();
		const expected = await gate(null, 'LDX');
		expect(body.view).toEqual(JSON.parse(JSON.stringify(expected.view)));
		expect(body.view.group.code).toBe('LDX');
		expect(body.decimals).toBe(2);
		const hidden = body.view.byUnit.filter((r: { figures: { shown: boolean } }) => !r.figures.shown);
		expect(hidden.length).toBeGreaterThan(0);
		for (const row of hidden) expect(Object.keys(row.figures).sort()).toEqual(['shown']);
		expect(JSON.stringify(body)).not.toContain(links[0].fullName);

		const anonymous = await getData(eventFor(null, '/data') as never);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('cache-control')).toBe('no-store');
		const crossSite = await getData(eventFor('admin', '/data', '', { 'sec-fetch-site': 'cross-site' }) as never);
		expect(crossSite.status).toBe(403);
	});
});
