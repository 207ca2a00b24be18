import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCampaignSchema } from '$lib/domain/campaign';
import { newUnitSchema } from '$lib/domain/unit-edit';
import { parseWith } from '$lib/domain/staff';
import { addUnit, moveUnit, renameUnit, retireUnit } from '$lib/server/unit-admin';
import { advanceCampaign, createCampaign, listCampaignsFor, type Staff } from '$lib/server/campaigns';
import { insertUnits, listUnitTree } from '$lib/server/units';
import { auditActions, freshDb, makeUser, META, type TestDb } from './support';

const UNITS = [
	{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
	{ code: 'SNV', parentCode: '51', name: 'Sở Nội vụ', fullName: 'Sở Nội vụ', kind: 'sở', nameEn: null },
	{ code: 'STP', parentCode: '51', name: 'Sở Tư pháp', fullName: 'Sở Tư pháp', kind: 'sở', nameEn: null },
	{ code: '21025', parentCode: '51', name: 'Cẩm Thành', fullName: 'Phường Cẩm Thành', kind: 'phường', nameEn: null }
];

async function unitId(t: TestDb, code: string) {
	return (await t.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

describe('unit editing', () => {
	let t: TestDb;
	let admin: Staff;
	let scoped: Staff;
	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		admin = { ...(await makeUser(t, 'root', 'admin')), role: 'admin', unitId: null };
		scoped = { ...(await makeUser(t, 'snv', 'organiser')), role: 'organiser', unitId: await unitId(t, 'SNV') };
	});
	afterEach(() => t.close());

	it('adds, renames, moves and retires a unit, each an audit event', async () => {
		const input = parseWith(newUnitSchema, { code: 'SNV.P1', parentCode: 'SNV', name: '  Phòng   Cải cách hành chính ', fullName: '', kind: 'phòng' });
		expect(input.ok).toBe(true);
		if (!input.ok) return;
		expect(input.value.name).toBe('Phòng Cải cách hành chính');
		expect(await addUnit(t.db, input.value, scoped, META)).toEqual({ ok: true });
		expect(await renameUnit(t.db, 'SNV.P1', { name: 'Phòng CCHC', fullName: 'Phòng Cải cách hành chính', kind: 'phòng' }, scoped, META)).toEqual({ ok: true });
		expect(await moveUnit(t.db, 'SNV.P1', 'STP', admin, META)).toEqual({ ok: true });
		expect(await retireUnit(t.db, 'SNV.P1', admin, META)).toEqual({ ok: true });
		expect((await listUnitTree(t.db)).map((u) => u.code)).not.toContain('SNV.P1');
		expect((await auditActions(t)).filter((a) => a.startsWith('unit.'))).toEqual(['unit.created', 'unit.renamed', 'unit.moved', 'unit.retired']);
	});

	it('refuses cycles, unknown parents, taken codes and units outside the editor’s scope, changing nothing', async () => {
		const before = [await listUnitTree(t.db), await auditActions(t)];
		expect(await moveUnit(t.db, '51', 'SNV', admin, META)).toEqual({ ok: false, errors: { parentCode: 'unit.error.cycle' } });
		expect(await moveUnit(t.db, 'SNV', 'NOPE', admin, META)).toEqual({ ok: false, errors: { parentCode: 'unit.error.parentUnknown' } });
		expect(await addUnit(t.db, { code: 'STP', parentCode: '51', name: 'X', fullName: '', kind: 'sở' }, admin, META)).toEqual({ ok: false, errors: { code: 'unit.error.codeTaken' } });
		expect(await renameUnit(t.db, 'STP', { name: 'X', fullName: '', kind: 'sở' }, scoped, META)).toEqual({ ok: false, errors: { form: 'unit.error.outsideScope' } });
		expect(await addUnit(t.db, { code: 'X1', parentCode: 'STP', name: 'X', fullName: '', kind: 'phòng' }, scoped, META)).toEqual({ ok: false, errors: { parentCode: 'unit.error.outsideScope' } });
		expect(await retireUnit(t.db, '51', admin, META)).toEqual({ ok: false, errors: { form: 'unit.error.hasChildren' } });
		expect(parseWith(newUnitSchema, { code: 'mã có dấu', parentCode: '', name: '', fullName: '', kind: '' })).toEqual({
			ok: false,
			errors: { code: 'unit.error.codeFormat', name: 'unit.error.nameRequired', kind: 'unit.error.kindRequired' }
		});
		expect([await listUnitTree(t.db), await auditActions(t)]).toEqual(before);
	});
});

describe('campaigns', () => {
	let t: TestDb;
	let organiser: Staff;
	let frameworkVersionId: number;
	const form = { title: ' Điều tra xã hội học năm 2026 ', slug: 'DTXH-2026', year: '2026', kThreshold: '', opensOn: '2026-12-01', closesOn: '2026-12-31', scopeUnitCode: '' };
	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		organiser = { ...(await makeUser(t, 'snv', 'organiser')), role: 'organiser', unitId: await unitId(t, 'SNV') };
		({ id: frameworkVersionId } = await t.db
			.insertInto('framework_version')
			.values({ name: 'test', version: 1, body: '{}', created_at: 0, created_by: null, frozen_at: null })
			.returning('id')
			.executeTakeFirstOrThrow());
	});
	afterEach(() => t.close());

	it('parses the form, creates a draft within the organiser’s scope and audits it', async () => {
		const parsed = parseWith(newCampaignSchema, form);
		expect(parsed).toEqual({ ok: true, value: { title: 'Điều tra xã hội học năm 2026', slug: 'dtxh-2026', year: 2026, kThreshold: 5, opensOn: '2026-12-01', closesOn: '2026-12-31', scopeUnitCode: null } });
		if (!parsed.ok) return;
		const created = await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META);
		expect(created.ok).toBe(true);
		const [campaign] = await listCampaignsFor(t.db, organiser);
		expect(campaign).toMatchObject({ state: 'draft', scope_unit_id: organiser.unitId, k_threshold: 5 });
		expect(await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META)).toEqual({ ok: false, errors: { slug: 'campaign.error.slugTaken' } });
		expect(await createCampaign(t.db, { ...parsed.value, slug: 'khac', scopeUnitCode: 'STP', frameworkVersionId }, organiser, META)).toEqual({ ok: false, errors: { scopeUnitCode: 'campaign.error.scopeOutside' } });
		expect((await auditActions(t)).filter((a) => a.startsWith('campaign.'))).toEqual(['campaign.created']);
	});

	it('refuses malformed input with keyed errors', () => {
		expect(parseWith(newCampaignSchema, { ...form, title: '', slug: 'x', year: 'năm nay', kThreshold: '1', opensOn: '2026-12-31', closesOn: '2026-02-30' })).toEqual({
			ok: false,
			errors: { title: 'campaign.error.titleRequired', slug: 'campaign.error.slugFormat', year: 'campaign.error.year', kThreshold: 'campaign.error.k', closesOn: 'campaign.error.date' }
		});
		expect(parseWith(newCampaignSchema, { ...form, opensOn: '2026-12-31', closesOn: '2026-12-01' })).toEqual({ ok: false, errors: { closesOn: 'campaign.error.dateOrder' } });
	});

	it('only moves forward one step at a time', async () => {
		const parsed = parseWith(newCampaignSchema, form);
		if (!parsed.ok) throw new Error('form');
		const created = await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META);
		if (!created.ok) throw new Error('create');
		expect(await advanceCampaign(t.db, created.id, 'close', organiser, META)).toEqual({ ok: false, errors: { form: 'campaign.error.badTransition' } });
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({ ok: false, errors: { form: 'campaign.error.badTransition' } });
		await t.db.updateTable('campaign').set({ state: 'open' }).where('id', '=', created.id).execute();
		expect(await advanceCampaign(t.db, created.id, 'close', organiser, META)).toEqual({ ok: true, state: 'closed' });
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({ ok: true, state: 'published' });
		expect((await auditActions(t)).filter((a) => a.startsWith('campaign.'))).toEqual(['campaign.created', 'campaign.closed', 'campaign.published']);
	});
});
