// Adding, renaming, moving and retiring units, within the editor's scope; each change audited.
import type { NewUnitInput, UnitNamesInput } from '$lib/domain/unit-edit';
import type { Db } from './db/open';
import { appendAuditEvent, type RequestMeta } from './audit';
import { actorOf, type Staff } from './campaigns';
import { findUnitByCode, isUnitWithin } from './units';
import { nowSeconds } from './time';

type Result = { ok: true } | { ok: false; errors: Record<string, string> };

/** Admins and province-wide organisers edit any unit; a scoped organiser only inside their subtree. */
export async function canEditUnit(db: Db, staff: Staff, unitId: number | null): Promise<boolean> {
	if (staff.role === 'admin') return true;
	if (staff.role !== 'organiser') return false;
	if (staff.unitId === null) return true;
	return unitId !== null && (await isUnitWithin(db, unitId, staff.unitId));
}

export async function addUnit(db: Db, input: NewUnitInput, staff: Staff, meta: RequestMeta, now = nowSeconds()): Promise<Result> {
	const parent = input.parentCode ? await findUnitByCode(db, input.parentCode) : null;
	if (input.parentCode && !parent) return { ok: false, errors: { parentCode: 'unit.error.parentUnknown' } };
	if (!(await canEditUnit(db, staff, parent?.id ?? null))) return { ok: false, errors: { parentCode: 'unit.error.outsideScope' } };
	return db.transaction().execute(async (trx): Promise<Result> => {
		if (await trx.selectFrom('unit').select('id').where('code', '=', input.code).executeTakeFirst()) {
			return { ok: false, errors: { code: 'unit.error.codeTaken' } };
		}
		await trx
			.insertInto('unit')
			.values({ code: input.code, parent_id: parent?.id ?? null, name: input.name, full_name: input.fullName || input.name, kind: input.kind, name_en: null, created_at: now, updated_at: now })
			.execute();
		await appendAuditEvent(trx, { actor: actorOf(staff), action: 'unit.created', subject: { type: 'unit', id: input.code }, meta, payload: { parent: input.parentCode, name: input.name } }, now);
		return { ok: true };
	});
}

async function editableUnit(db: Db, staff: Staff, code: string) {
	const unit = await db.selectFrom('unit').selectAll().where('code', '=', code).executeTakeFirst();
	if (!unit) return { ok: false, error: 'unit.error.notFound' } as const;
	if (!(await canEditUnit(db, staff, unit.id))) return { ok: false, error: 'unit.error.outsideScope' } as const;
	return { ok: true, unit } as const;
}

export async function renameUnit(db: Db, code: string, input: UnitNamesInput, staff: Staff, meta: RequestMeta, now = nowSeconds()): Promise<Result> {
	const found = await editableUnit(db, staff, code);
	if (!found.ok) return { ok: false, errors: { form: found.error } };
	const { unit } = found;
	return db.transaction().execute(async (trx): Promise<Result> => {
		await trx.updateTable('unit').set({ name: input.name, full_name: input.fullName || input.name, kind: input.kind, updated_at: now }).where('id', '=', unit.id).execute();
		await appendAuditEvent(trx, { actor: actorOf(staff), action: 'unit.renamed', subject: { type: 'unit', id: code }, meta, payload: { from: unit.full_name, to: input.fullName || input.name } }, now);
		return { ok: true };
	});
}

export async function moveUnit(db: Db, code: string, newParentCode: string, staff: Staff, meta: RequestMeta, now = nowSeconds()): Promise<Result> {
	const found = await editableUnit(db, staff, code);
	if (!found.ok) return { ok: false, errors: { form: found.error } };
	const { unit } = found;
	const parent = await findUnitByCode(db, newParentCode);
	if (!parent) return { ok: false, errors: { parentCode: 'unit.error.parentUnknown' } };
	// A unit cannot move under itself or one of its own descendants.
	if (await isUnitWithin(db, parent.id, unit.id)) return { ok: false, errors: { parentCode: 'unit.error.cycle' } };
	if (!(await canEditUnit(db, staff, parent.id))) return { ok: false, errors: { parentCode: 'unit.error.outsideScope' } };
	return db.transaction().execute(async (trx): Promise<Result> => {
		const from = unit.parent_id === null ? null : (await trx.selectFrom('unit').select('code').where('id', '=', unit.parent_id).executeTakeFirst())?.code;
		await trx.updateTable('unit').set({ parent_id: parent.id, updated_at: now }).where('id', '=', unit.id).execute();
		await appendAuditEvent(trx, { actor: actorOf(staff), action: 'unit.moved', subject: { type: 'unit', id: code }, meta, payload: { from: from ?? null, to: parent.code } }, now);
		return { ok: true };
	});
}

export async function retireUnit(db: Db, code: string, staff: Staff, meta: RequestMeta, now = nowSeconds()): Promise<Result> {
	const found = await editableUnit(db, staff, code);
	if (!found.ok) return { ok: false, errors: { form: found.error } };
	const { unit } = found;
	if (unit.retired_at !== null) return { ok: true };
	return db.transaction().execute(async (trx): Promise<Result> => {
		const child = await trx.selectFrom('unit').select('code').where('parent_id', '=', unit.id).where('retired_at', 'is', null).executeTakeFirst();
		if (child) return { ok: false, errors: { form: 'unit.error.hasChildren' } };
		// People of a running campaign keep their unit: retiring it would orphan their reporting cell.
		const inUse = await trx
			.selectFrom('person')
			.innerJoin('campaign', 'campaign.id', 'person.campaign_id')
			.select('campaign.slug')
			.where('person.unit_id', '=', unit.id)
			.where('campaign.state', 'in', ['draft', 'open'])
			.executeTakeFirst();
		if (inUse) return { ok: false, errors: { form: 'unit.error.inUse' } };
		await trx.updateTable('unit').set({ retired_at: now, updated_at: now }).where('id', '=', unit.id).execute();
		await appendAuditEvent(trx, { actor: actorOf(staff), action: 'unit.retired', subject: { type: 'unit', id: code }, meta }, now);
		return { ok: true };
	});
}
