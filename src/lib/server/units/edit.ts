// Adding, renaming, moving and retiring units, within the editor's scope; each change audited.
import type { NewUnitInput, UnitNamesInput } from '$lib/domain/unit-edit';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { type Staff } from '../campaigns/campaigns';
import { findUnitByCode, insertUnits, isUnitWithin } from './units';
import { DEFAULT_MAX_BYTES, readTable, TableFileError } from '../files/tabular-file';
import { validateUnitImport } from '$lib/domain/unit-import';
import type { ImportIssue, TableRow } from '$lib/domain/roster';
import { message, type FieldErrors, type MessageKey } from '$lib/domain/message';

import { nowSeconds } from '../time';

/** A refusal names the field at fault (`form` for the whole form). */
type Result = { ok: true } | { ok: false; errors: FieldErrors };

/** Admins and province-wide organisers edit any unit; a scoped organiser only inside their subtree. */
/** A unit by code, retired or not, with its parent: what the unit's own page shows and edits. */
export async function findUnitForEditing(db: Db, code: string) {
	const unit = await db
		.selectFrom('unit')
		.select(['id', 'code', 'name', 'full_name', 'kind', 'retired_at', 'parent_id'])
		.where('code', '=', code)
		.executeTakeFirst();
	if (!unit) return null;
	const parent =
		unit.parent_id === null
			? null
			: await db.selectFrom('unit').select(['code', 'full_name']).where('id', '=', unit.parent_id).executeTakeFirst();
	return {
		id: unit.id,
		code: unit.code,
		name: unit.name,
		fullName: unit.full_name,
		kind: unit.kind,
		retired: unit.retired_at !== null,
		parent: parent ? { code: parent.code, fullName: parent.full_name } : null
	};
}

export async function canEditUnit(db: Db, staff: Staff, unitId: number | null): Promise<boolean> {
	if (staff.role === 'admin') return true;
	if (staff.role !== 'organiser') return false;
	if (staff.unitId === null) return true;
	return unitId !== null && (await isUnitWithin(db, unitId, staff.unitId));
}

export async function addUnit(
	db: Db,
	input: NewUnitInput,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	const parent = input.parentCode ? await findUnitByCode(db, input.parentCode) : null;
	if (input.parentCode && !parent) return { ok: false, errors: { parentCode: message('unit.error.parentUnknown') } };
	if (!(await canEditUnit(db, staff, parent?.id ?? null)))
		return { ok: false, errors: { parentCode: message('unit.error.outsideScope') } };
	return db.transaction().execute(async (trx): Promise<Result> => {
		if (await trx.selectFrom('unit').select('id').where('code', '=', input.code).executeTakeFirst()) {
			return { ok: false, errors: { code: message('unit.error.codeTaken') } };
		}
		await trx
			.insertInto('unit')
			.values({
				code: input.code,
				parent_id: parent?.id ?? null,
				name: input.name,
				full_name: input.fullName || input.name,
				kind: input.kind,
				name_en: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'unit.created',
				subject: { type: 'unit', id: input.code },
				meta,
				payload: { parent: input.parentCode, name: input.name }
			},
			now
		);
		return { ok: true };
	});
}

async function editableUnit(db: Db, staff: Staff, code: string) {
	const unit = await db.selectFrom('unit').selectAll().where('code', '=', code).executeTakeFirst();
	if (!unit) return { ok: false, error: 'unit.error.notFound' } as const;
	if (!(await canEditUnit(db, staff, unit.id))) return { ok: false, error: 'unit.error.outsideScope' } as const;
	return { ok: true, unit } as const;
}

export async function renameUnit(
	db: Db,
	code: string,
	input: UnitNamesInput,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	const found = await editableUnit(db, staff, code);
	if (!found.ok) return { ok: false, errors: { form: message(found.error) } };
	const { unit } = found;
	return db.transaction().execute(async (trx): Promise<Result> => {
		await trx
			.updateTable('unit')
			.set({ name: input.name, full_name: input.fullName || input.name, kind: input.kind, updated_at: now })
			.where('id', '=', unit.id)
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'unit.renamed',
				subject: { type: 'unit', id: code },
				meta,
				payload: { from: unit.full_name, to: input.fullName || input.name }
			},
			now
		);
		return { ok: true };
	});
}

export async function moveUnit(
	db: Db,
	code: string,
	newParentCode: string,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	// Every check runs inside the write transaction: two crossed moves cannot both pass and loop the tree.
	return db.transaction().execute(async (trx): Promise<Result> => {
		const found = await editableUnit(trx, staff, code);
		if (!found.ok) return { ok: false, errors: { form: message(found.error) } };
		const { unit } = found;
		const parent = await findUnitByCode(trx, newParentCode);
		if (!parent) return { ok: false, errors: { parentCode: message('unit.error.parentUnknown') } };
		// A unit cannot move under itself or one of its own descendants.
		if (await isUnitWithin(trx, parent.id, unit.id))
			return { ok: false, errors: { parentCode: message('unit.error.cycle') } };
		if (!(await canEditUnit(trx, staff, parent.id)))
			return { ok: false, errors: { parentCode: message('unit.error.outsideScope') } };
		// Open campaigns formed their reporting cells on the current tree.
		const inUse = await trx
			.selectFrom('person')
			.innerJoin('campaign', 'campaign.id', 'person.campaign_id')
			.select('campaign.id')
			.where('person.unit_id', '=', unit.id)
			.where('campaign.state', '=', 'open')
			.executeTakeFirst();
		if (inUse) return { ok: false, errors: { form: message('unit.error.moveInUse') } };
		const from =
			unit.parent_id === null
				? null
				: (await trx.selectFrom('unit').select('code').where('id', '=', unit.parent_id).executeTakeFirst())?.code;
		await trx.updateTable('unit').set({ parent_id: parent.id, updated_at: now }).where('id', '=', unit.id).execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'unit.moved',
				subject: { type: 'unit', id: code },
				meta,
				payload: { from: from ?? null, to: parent.code }
			},
			now
		);
		return { ok: true };
	});
}

export async function retireUnit(
	db: Db,
	code: string,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	const found = await editableUnit(db, staff, code);
	if (!found.ok) return { ok: false, errors: { form: message(found.error) } };
	const { unit } = found;
	if (unit.retired_at !== null) return { ok: true };
	return db.transaction().execute(async (trx): Promise<Result> => {
		const child = await trx
			.selectFrom('unit')
			.select('code')
			.where('parent_id', '=', unit.id)
			.where('retired_at', 'is', null)
			.executeTakeFirst();
		if (child) return { ok: false, errors: { form: message('unit.error.hasChildren') } };
		// People of a running campaign keep their unit: retiring it would orphan their reporting cell.
		const inUse = await trx
			.selectFrom('person')
			.innerJoin('campaign', 'campaign.id', 'person.campaign_id')
			.select('campaign.slug')
			.where('person.unit_id', '=', unit.id)
			.where('campaign.state', 'in', ['draft', 'open'])
			.executeTakeFirst();
		if (inUse) return { ok: false, errors: { form: message('unit.error.inUse') } };
		await trx.updateTable('unit').set({ retired_at: now, updated_at: now }).where('id', '=', unit.id).execute();
		await appendAuditEvent(
			trx,
			{ actor: staffActor(staff), action: 'unit.retired', subject: { type: 'unit', id: code }, meta },
			now
		);
		return { ok: true };
	});
}

/** A problem of an import: a roster/table problem or one of the unit import's own. */
export type UnitImportIssue = Omit<ImportIssue, 'key'> & { key: MessageKey };
type ImportOutcome = { ok: true; added: number } | { ok: false; errors: UnitImportIssue[]; total: number };
const refusedFile = (issue: Omit<UnitImportIssue, 'lines'>): ImportOutcome => ({
	ok: false,
	errors: [{ ...issue, lines: [] }],
	total: 1
});

/** Imports the file of an upload form; a missing or oversized file is refused before it is read. */
export async function importUnitsUpload(
	db: Db,
	file: FormDataEntryValue | null,
	staff: Staff,
	meta: RequestMeta
): Promise<ImportOutcome> {
	if (!(file instanceof File) || file.size === 0) return refusedFile({ key: 'roster.upload.noFile', params: {} });
	if (file.size > DEFAULT_MAX_BYTES)
		return refusedFile({ key: 'table.error.tooLarge', params: { maxMiB: DEFAULT_MAX_BYTES / 1024 / 1024 } });
	return importUnits(db, Buffer.from(await file.arrayBuffer()), staff, meta);
}

/** Imports new units from a CSV or XLSX file: all of them or, if any row is wrong, none. */
export async function importUnits(
	db: Db,
	file: Buffer,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<ImportOutcome> {
	const existing = await db.selectFrom('unit').select(['id', 'code']).execute();
	const idOf = new Map(existing.map((u) => [u.code, u.id]));
	const rows: TableRow[] = [];
	try {
		for await (const row of readTable(file, { maxRows: 20_000 })) rows.push(row);
	} catch (e) {
		if (e instanceof TableFileError)
			return { ok: false, errors: [{ key: e.key, params: e.params, lines: [] }], total: 1 };
		throw e;
	}
	const report = validateUnitImport(rows, { existingCodes: new Set(idOf.keys()), maxIssues: 300 });
	if (report.counts.errors > 0) return { ok: false, errors: report.errors, total: report.counts.errors };
	// A scoped organiser may only hang new units below units of their own subtree.
	for (const unit of report.units) {
		const parentId = unit.parentCode ? idOf.get(unit.parentCode) : undefined;
		if (unit.parentCode && parentId === undefined) continue; // its parent is new too, checked on its own line
		if (!(await canEditUnit(db, staff, parentId ?? null))) {
			return {
				ok: false,
				errors: [{ key: 'unit.import.outsideScope', params: { line: unit.line, code: unit.code }, lines: [unit.line] }],
				total: 1
			};
		}
	}
	return db.transaction().execute(async (trx) => {
		await insertUnits(
			trx,
			report.units.map((u) => ({
				code: u.code,
				parentCode: u.parentCode,
				name: u.name,
				fullName: u.fullName || u.name,
				kind: u.kind || 'đơn vị',
				nameEn: u.nameEn
			})),
			now
		);
		await appendAuditEvent(
			trx,
			{ actor: staffActor(staff), action: 'unit.imported', meta, payload: { added: report.units.length } },
			now
		);
		return { ok: true as const, added: report.units.length };
	});
}
