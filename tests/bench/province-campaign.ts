// A province-sized campaign for the benchmarks (results.ts, sealed.ts): the bundled units plus the 8
// demo departments, 5 respondent groups, 304 reporting cells of uneven size, the default questionnaire
// (rated units repeated), and sheets drawn as validateSheet would store them.
import { randomBytes } from 'node:crypto';
import type { SheetAnswers } from '$lib/domain/ballot';
import type { Place } from '$lib/domain/cell-merge';
import type { Questionnaire } from '$lib/domain/questionnaire';
import { createCampaign, saveGroup, type Staff } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import { ensureDefaultDocuments, loadQuestionnaire } from '$lib/server/templates/documents';
import { DEMO_DEPARTMENTS } from '$lib/server/seed/demo-campaign';
import { readBundledUnits } from '$lib/server/seed/demo';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { insertUnits } from '$lib/server/units/units';

export const K = 5;
export const BENCH_META = { ip: null, userAgent: 'bench' };
// Who answers where: three groups in each of the 96 communes, two in each of the 8 departments (304 cells).
const GROUPS = [
	{ code: 'LDX', name: 'Lãnh đạo UBND cấp xã', at: 'commune', rates: 'departments', weight: 1 },
	{ code: 'CCX', name: 'Công chức cấp xã', at: 'commune', rates: 'departments', weight: 3 },
	{ code: 'DBX', name: 'Đại biểu HĐND cấp xã', at: 'commune', rates: 'none', weight: 1.5 },
	{ code: 'LDS', name: 'Lãnh đạo sở, ban, ngành', at: 'department', rates: 'communes', weight: 4 },
	{ code: 'LDP', name: 'Lãnh đạo phòng thuộc sở', at: 'department', rates: 'none', weight: 10 }
] as const;
const RATED_COMMUNES = 10;

export interface BenchCell {
	id: number;
	groupIndex: number;
	place: Place;
	ratedUnitIds: string[];
	/** Relative number of respondents: a few big units and a long tail. */
	weight: number;
}

/**
 * Units, staff (admin, analyst), documents, the campaign, its groups and 304 cells (one shared dummy
 * blind-signature key: nothing here verifies one). `whileDraft` runs before the campaign is opened
 * (a committee and its ceremony need a draft); opening here is a plain state change.
 */
export async function buildProvinceCampaign(db: Db, whileDraft?: (campaignId: number, admin: Staff) => Promise<void>) {
	await insertUnits(db, readBundledUnits());
	await insertUnits(db, DEMO_DEPARTMENTS);
	const admin = await createStaffUser(
		db,
		{ username: 'admin', displayName: 'Admin', role: 'admin', unitCode: null, password: 'bench password long' },
		{ type: 'system' },
		BENCH_META
	);
	const analyst = await createStaffUser(
		db,
		{ username: 'analyst', displayName: 'Analyst', role: 'analyst', unitCode: null, password: 'bench password long' },
		{ type: 'system' },
		BENCH_META
	);
	if (!admin.ok || !analyst.ok) throw new Error('bench staff');
	const adminStaff: Staff = { id: admin.id, username: 'admin', role: 'admin', unitId: null };
	const docs = await ensureDefaultDocuments(db, { type: 'system' }, BENCH_META);
	const created = await createCampaign(
		db,
		{
			title: 'Benchmark',
			slug: 'bench',
			year: 2026,
			kThreshold: K,
			opensOn: '2026-11-15',
			closesOn: '2027-01-15',
			scopeUnitCode: null,
			frameworkVersionId: docs.frameworkVersionId
		},
		adminStaff,
		BENCH_META
	);
	if (!created.ok) throw new Error('bench campaign');
	const units = await db.selectFrom('unit').select(['id', 'code', 'parent_id']).orderBy('code').execute();
	const province = units.find((u) => u.code === '51')!;
	const departments = units.filter((u) => u.code.startsWith('51.'));
	const communes = units.filter((u) => u.parent_id === province.id && !u.code.startsWith('51.'));
	const ratedCodes = {
		departments: departments.map((u) => u.code),
		communes: communes.slice(0, RATED_COMMUNES).map((u) => u.code),
		none: [] as string[]
	};
	const groupIds: number[] = [];
	for (const g of GROUPS) {
		const saved = await saveGroup(
			db,
			created.id,
			{
				code: g.code,
				name: g.name,
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ratedCodes[g.rates]
			},
			adminStaff,
			BENCH_META
		);
		if (!saved.ok) throw new Error(`bench group ${g.code}`);
		groupIds.push(saved.id);
	}
	if (whileDraft) await whileDraft(created.id, adminStaff);
	// The form orders rated units by code (cell-form.ts); the sheet repeats them in that order.
	const idsOf = (codes: string[]) => units.filter((u) => codes.includes(u.code)).map((u) => String(u.id));
	const dummyKey = randomBytes(294).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	const cells: BenchCell[] = [];
	for (const [gi, g] of GROUPS.entries()) {
		const at = g.at === 'commune' ? communes : departments;
		for (const [ui, unit] of at.entries()) {
			const { id } = await db
				.insertInto('reporting_cell')
				.values({
					campaign_id: created.id,
					group_id: groupIds[gi],
					unit_id: unit.id,
					invitee_count: 0,
					below_k: 0,
					public_key: dummyKey,
					private_key_enc: 'bench',
					fingerprint: 'bench',
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			cells.push({
				id,
				groupIndex: gi,
				place: { groupId: groupIds[gi], unitId: unit.id },
				ratedUnitIds: idsOf(ratedCodes[g.rates]),
				weight: g.weight / Math.pow(ui + 1, 0.7)
			});
		}
	}
	await db.updateTable('campaign').set({ state: 'open', opened_at: now }).where('id', '=', created.id).execute();
	await db.updateTable('framework_version').set({ frozen_at: now }).execute();
	await db.updateTable('questionnaire_version').set({ frozen_at: now }).execute();
	const questionnaire = (await loadQuestionnaire(db, docs.questionnaireVersionId))!.questionnaire;
	const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
	return {
		campaignId: created.id,
		cells,
		parentOf,
		questionnaire,
		admin: adminStaff,
		analyst: { id: analyst.id, username: 'analyst', role: 'analyst', unitId: null } as Staff,
		commune: communes[0].code
	};
}

/** Draws a cell index by weight (binary search over the cumulative weights). */
export function cellPicker(cells: BenchCell[], random: () => number): () => number {
	const cumulative: number[] = [];
	const sum = cells.reduce((s, c) => s + c.weight, 0);
	cells.reduce((acc, c, i) => (cumulative[i] = acc + c.weight / sum), 0);
	return () => {
		const r = random();
		let lo = 0;
		let hi = cells.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] < r) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
}

/** One sheet in canonical order (section, rated unit, question), as validateSheet rebuilds it. */
export function makeSheet(q: Questionnaire, ratedUnitIds: string[], random: () => number): SheetAnswers {
	const answers: Record<string, string> = {};
	const lean = random() * 0.4;
	for (const section of q.sections) {
		for (const unit of section.repeatPerRatedUnit ? ratedUnitIds : [null]) {
			for (const question of section.questions) {
				const r = random();
				const n = question.options.length;
				// Mostly the first two options, some lower ones, about 5 % "Không biết" (the last option).
				const index = r < 0.05 ? n - 1 : Math.min(n - 2, Math.floor((r - 0.05 + lean) * 2.2));
				answers[unit === null ? question.id : `${question.id}:${unit}`] = question.options[index].id;
			}
		}
	}
	return { answers, comments: {} };
}
