import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign, saveGroup, type Staff } from '$lib/server/campaigns/campaigns';
import { ensureDefaultDocuments } from '$lib/server/templates/documents';
import { compareVietnameseNames } from '$lib/domain/roster';
import { applyRosterImport, getRosterImport, previewRosterImport } from '$lib/server/roster/import';
import { listRoster } from '$lib/server/roster/people';
import { rosterTemplateCodes } from '$lib/server/roster/template-codes';
import { writeRosterTemplate } from '$lib/server/files/tabular-file';
import type { ValidatedSheet } from '$lib/server/files/roster-template';
import { insertUnits } from '$lib/server/units/units';
import { auditActions, freshDb, makeUser, META, SYSTEM, type TestDb } from './support';

const HEADER = ['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Điện thoại'];

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Danh sách');
	ws.addRow(HEADER);
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster import: preview, then confirm', () => {
	let t: TestDb;
	let staff: Staff;
	let campaignId: number;

	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, [
			{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
			{
				code: '21025',
				parentCode: '51',
				name: 'Cẩm Thành',
				fullName: 'Phường Cẩm Thành',
				kind: 'phường',
				nameEn: null
			},
			{ code: '21028', parentCode: '51', name: 'Nghĩa Lộ', fullName: 'Phường Nghĩa Lộ', kind: 'phường', nameEn: null }
		]);
		staff = { ...(await makeUser(t, 'org', 'organiser')), role: 'organiser', unitId: null };
		const docs = await ensureDefaultDocuments(t.db, SYSTEM, META);
		const c = await createCampaign(
			t.db,
			{
				title: 'ĐTXH',
				slug: 'dtxh',
				year: 2026,
				kThreshold: 5,
				opensOn: null,
				closesOn: null,
				scopeUnitCode: null,
				frameworkVersionId: docs.frameworkVersionId
			},
			staff,
			META
		);
		if (!c.ok) throw new Error('campaign');
		campaignId = c.id;
		await saveGroup(
			t.db,
			campaignId,
			{
				code: 'LDX',
				name: 'Lãnh đạo UBND cấp xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: []
			},
			staff,
			META
		);
	});
	afterEach(() => t.close());

	const people = () => t.db.selectFrom('person').selectAll().orderBy('personal_code').execute();

	it('shows row errors and the shared-contact warning, and writes nothing until a clean file is confirmed', async () => {
		const bad = await xlsx([
			['Nguyễn Văn An', 'A001', '21025', 'LDX', 'Chủ tịch', 'an@example.com', '0912 345 678'],
			['Trần Thị Bình', 'A002', '99999', 'LDX', 'Phó Chủ tịch', 'binh@example.com', ''],
			['Lê Văn Cường', 'A003', '21028', 'LDX', '', 'an@example.com', '']
		]);
		const first = await previewRosterImport(t.db, campaignId, bad, 'danh-sach.xlsx', staff, META);
		if (!first.ok) throw new Error(JSON.stringify(first.error));
		const preview = (await getRosterImport(t.db, campaignId, first.importId))!;
		expect(preview.counts).toMatchObject({ rows: 3, errors: 1 });
		expect(preview.errors.map((e) => e.key)).toEqual(['roster.error.unitUnknown']);
		expect(preview.warnings.map((w) => w.key)).toContain('roster.warning.sharedEmail');
		// The people read without errors, as they will be written, so swapped columns show before confirming.
		expect(preview.sample).toEqual([
			{
				line: 2,
				personalCode: 'A001',
				fullName: 'Nguyễn Văn An',
				position: 'Chủ tịch',
				unitCode: '21025',
				unitName: 'Cẩm Thành',
				groupCode: 'LDX',
				groupName: 'Lãnh đạo UBND cấp xã',
				email: 'an@example.com',
				phone: '0912 345 678'
			},
			expect.objectContaining({ line: 4, personalCode: 'A003', unitCode: '21028', position: null, phone: '' })
		]);
		expect(await applyRosterImport(t.db, campaignId, first.importId, staff, META)).toEqual({
			ok: false,
			error: { key: 'roster.apply.hasErrors', params: { count: 1 } }
		});
		expect(await people()).toEqual([]);

		const good = await xlsx([
			['Nguyễn Văn An', 'A001', '21025', 'LDX', 'Chủ tịch', 'an@example.com', '0912 345 678'],
			['Trần Thị Bình', 'A002', '21025', 'ldx', 'Phó Chủ tịch', 'Binh@Example.com', '']
		]);
		const second = await previewRosterImport(t.db, campaignId, good, 'danh-sach.xlsx', staff, META);
		if (!second.ok) throw new Error('preview');
		// The older preview is superseded and can no longer be applied.
		expect(await applyRosterImport(t.db, campaignId, first.importId, staff, META)).toEqual({
			ok: false,
			error: { key: 'roster.apply.stale', params: {} }
		});
		expect(await applyRosterImport(t.db, campaignId, second.importId, staff, META)).toEqual({
			ok: true,
			inserted: 2,
			updated: 0
		});
		expect((await people()).map((p) => [p.personal_code, p.full_name, p.email, p.phone])).toEqual([
			['A001', 'Nguyễn Văn An', 'an@example.com', '+84912345678'],
			['A002', 'Trần Thị Bình', 'binh@example.com', null]
		]);
		expect(await t.db.selectFrom('roster_staging').selectAll().execute()).toEqual([]);
		// Applied or superseded, a preview keeps counts only: no names or contacts linger.
		expect((await getRosterImport(t.db, campaignId, second.importId))!.sample).toEqual([]);
		const reports = await t.db.selectFrom('roster_import').select('report').execute();
		expect(JSON.stringify(reports)).not.toMatch(/Nguyễn|example\.com/);
		expect(await applyRosterImport(t.db, campaignId, second.importId, staff, META)).toEqual({
			ok: false,
			error: { key: 'roster.apply.stale', params: {} }
		});

		// The audit log counts rows but holds no names or contacts.
		const events = await t.db
			.selectFrom('audit_event')
			.select(['action', 'payload'])
			.where('action', 'like', 'roster.%')
			.orderBy('seq')
			.execute();
		expect(events.map((e) => e.action)).toEqual(['roster.previewed', 'roster.previewed', 'roster.applied']);
		expect(JSON.stringify(events)).not.toMatch(/Nguyễn|example\.com|0912/);
	});

	it('re-importing updates people by personal code', async () => {
		const one = await previewRosterImport(
			t.db,
			campaignId,
			await xlsx([['Nguyễn Văn An', 'A001', '21025', 'LDX', '', 'an@example.com', '']]),
			'a.xlsx',
			staff,
			META
		);
		if (!one.ok) throw new Error('preview');
		await applyRosterImport(t.db, campaignId, one.importId, staff, META);
		const two = await previewRosterImport(
			t.db,
			campaignId,
			await xlsx([['Nguyễn Văn An', 'A001', '21028', 'LDX', 'Chủ tịch', 'an.nguyen@example.com', '']]),
			'b.xlsx',
			staff,
			META
		);
		if (!two.ok) throw new Error('preview');
		expect(await applyRosterImport(t.db, campaignId, two.importId, staff, META)).toEqual({
			ok: true,
			inserted: 0,
			updated: 1
		});
		const [p] = await people();
		expect([p.email, p.position]).toEqual(['an.nguyen@example.com', 'Chủ tịch']);
	});

	it('applies a large preview chunk by chunk, all or nothing, and lists its first people by name', async () => {
		// More rows than one staged chunk (1,000) and one page of the roster list (5,000).
		const rows = Array.from({ length: 5200 }, (_, i) => [
			`Người Thứ ${(i * 7919) % 5200}`,
			`B${String(i).padStart(5, '0')}`,
			i === 5199 ? '21028' : '21025',
			'LDX',
			'',
			`b${i}@example.com`,
			''
		]);
		const preview = await previewRosterImport(t.db, campaignId, await xlsx(rows), 'lon.xlsx', staff, META);
		if (!preview.ok) throw new Error('preview');
		// The last row's unit is retired after the preview: the chunks already written are rolled back.
		await t.db.updateTable('unit').set({ retired_at: 1 }).where('code', '=', '21028').execute();
		const before = await auditActions(t);
		expect(await applyRosterImport(t.db, campaignId, preview.importId, staff, META)).toEqual({
			ok: false,
			error: { key: 'roster.apply.stale', params: {} }
		});
		expect(await people()).toEqual([]);
		expect(await auditActions(t)).toEqual(before);

		await t.db.updateTable('unit').set({ retired_at: null }).where('code', '=', '21028').execute();
		expect(await applyRosterImport(t.db, campaignId, preview.importId, staff, META)).toEqual({
			ok: true,
			inserted: 5200,
			updated: 0
		});
		const listed = await listRoster(t.db, campaignId, 3);
		expect(listed.total).toBe(5200);
		// The monitor's kept counts were recounted once, after the last part.
		const counted = await t.db
			.selectFrom('participation_count')
			.select((eb) => eb.fn.sum<number>('people').as('people'))
			.where('campaign_id', '=', campaignId)
			.executeTakeFirstOrThrow();
		expect(Number(counted.people)).toBe(5200);
		const names = rows.map((r) => r[0]).sort(compareVietnameseNames);
		expect(listed.people.map((p) => p.name)).toEqual(names.slice(0, 3));
	});

	it('gives a template made for the campaign: its codes listed, drop-down lists on them, an example that imports', async () => {
		await saveGroup(
			t.db,
			campaignId,
			{ code: 'CC', name: 'Công chức', questionnaireVersionId: null, ratedUnitCodes: [] },
			staff,
			META
		);
		const codes = (await rosterTemplateCodes(t.db, campaignId))!;
		const file = await writeRosterTemplate('xlsx', codes);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(file as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Mã hợp lệ', 'Hướng dẫn']);
		const [data, list] = wb.worksheets;

		// The list sheet: this campaign's unit codes (with names) in A–B, its group codes in D–E.
		const column = (c: string) => list.getColumn(c).values.slice(1);
		expect(column('A')).toEqual(['Mã đơn vị', '51', '21025', '21028']);
		expect(column('B')).toEqual(['Tên đơn vị', 'Quảng Ngãi', 'Cẩm Thành', 'Nghĩa Lộ']);
		expect(column('D')).toEqual(['Mã nhóm', 'CC', 'LDX']);
		expect(column('E')).toEqual(['Tên nhóm', 'Công chức', 'Lãnh đạo UBND cấp xã']);

		// Every data row of the unit (C) and group (D) columns offers exactly those lists; no other column has one.
		const lists = (data as ValidatedSheet).dataValidations.model;
		for (const row of [2, 3, 5001]) {
			expect(lists[`C${row}`]).toMatchObject({ type: 'list', formulae: ["'Mã hợp lệ'!$A$2:$A$4"] });
			expect(lists[`D${row}`]).toMatchObject({ type: 'list', formulae: ["'Mã hợp lệ'!$D$2:$D$3"] });
		}
		expect(new Set(Object.keys(lists).map((a) => a.replace(/\d+/, '')))).toEqual(new Set(['C', 'D']));

		// The example row uses a real unit at the bottom of the tree and a real group code.
		expect(data.getRow(2).values).toEqual([
			undefined,
			'Nguyễn Văn An',
			'VD-0001',
			'21025',
			'CC',
			'Chuyên viên',
			'nguyenvanan@example.gov.vn',
			'0912 345 678'
		]);
		// As downloaded, the import refuses only the example itself…
		const untouched = await previewRosterImport(t.db, campaignId, file, 'mau.xlsx', staff, META);
		if (!untouched.ok) throw new Error('preview');
		expect((await getRosterImport(t.db, campaignId, untouched.importId))!.errors.map((e) => e.key)).toEqual([
			'roster.error.exampleRow'
		]);
		// …and once an organiser puts a real person on that row, it imports cleanly through the real parser.
		data.getCell('A2').value = 'Phạm Thị Dung';
		data.getCell('B2').value = 'D001';
		const filled = await previewRosterImport(
			t.db,
			campaignId,
			Buffer.from(await wb.xlsx.writeBuffer()),
			'dien.xlsx',
			staff,
			META
		);
		if (!filled.ok) throw new Error('preview');
		const preview = (await getRosterImport(t.db, campaignId, filled.importId))!;
		expect(preview.counts).toMatchObject({ rows: 1, valid: 1, errors: 0 });
		expect(await applyRosterImport(t.db, campaignId, filled.importId, staff, META)).toMatchObject({ inserted: 1 });
		const group = await t.db.selectFrom('respondent_group').select('id').where('code', '=', 'CC').executeTakeFirst();
		expect((await people()).map((p) => [p.personal_code, p.group_id])).toEqual([['D001', group!.id]]);

		// The CSV template carries the same example row.
		const csv = (await writeRosterTemplate('csv', codes)).toString('utf8');
		expect(csv.split('\r\n')[1]).toBe(
			'Nguyễn Văn An,VD-0001,21025,CC,Chuyên viên,nguyenvanan@example.gov.vn,0912 345 678'
		);
	});

	it('refuses an unreadable file with a clear key and records nothing', async () => {
		const before = await auditActions(t);
		const r = await previewRosterImport(t.db, campaignId, Buffer.from([0xff, 0xfe, 0x00]), 'x.csv', staff, META);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.key).toMatch(/^table\.error\./);
		expect(await auditActions(t)).toEqual(before);
		expect(await t.db.selectFrom('roster_import').selectAll().execute()).toEqual([]);
	});
});
