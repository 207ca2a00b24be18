// Units of the administrative tree. Minimal for now: seeding and reading; the campaign work adds editing.
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';
import { inTransaction } from '../db/transaction';

const MAX_DEPTH = 32;

export interface UnitRecord {
	code: string;
	parentCode: string | null;
	name: string;
	fullName: string;
	kind: string;
	nameEn: string | null;
}

export interface UnitView {
	id: number;
	code: string;
	parentId: number | null;
	name: string;
	fullName: string;
	kind: string;
	depth: number;
}

/** Inserts units in order: each parent is earlier in the list or already in the database. */
export async function insertUnits(db: Db, units: UnitRecord[], now = nowSeconds()): Promise<number> {
	return inTransaction(db, async (trx) => {
		const ids = new Map<string, number>();
		for (const u of units) {
			let parentId: number | null | undefined = null;
			if (u.parentCode) {
				parentId =
					ids.get(u.parentCode) ??
					(await trx.selectFrom('unit').select('id').where('code', '=', u.parentCode).executeTakeFirst())?.id;
			}
			if (parentId === undefined) throw new Error(`unit ${u.code}: parent ${u.parentCode} not found`);
			const { id } = await trx
				.insertInto('unit')
				.values({
					code: u.code,
					parent_id: parentId,
					name: u.name,
					full_name: u.fullName,
					kind: u.kind,
					name_en: u.nameEn,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			ids.set(u.code, id);
		}
		return ids.size;
	});
}

/** The subtree under a unit (or every unit), in tree order, with each unit's depth. */
export async function listUnitTree(db: Db, rootId: number | null = null): Promise<UnitView[]> {
	const rows = await db
		.withRecursive('tree(id, depth, path)', (qb) =>
			qb
				.selectFrom('unit')
				.select((eb) => ['unit.id', eb.lit(0).as('depth'), 'unit.code as path'])
				.where((eb) => (rootId === null ? eb('unit.parent_id', 'is', null) : eb('unit.id', '=', rootId)))
				.where('unit.retired_at', 'is', null)
				.unionAll((qb2) =>
					qb2
						.selectFrom('unit')
						.innerJoin('tree', 'tree.id', 'unit.parent_id')
						.select((eb) => [
							'unit.id',
							// Literals, not parameters: PostgreSQL types a recursive query's columns from its first part.
							eb(eb.ref('tree.depth'), '+', eb.lit(1)).as('depth'),
							eb.fn<string>('concat', [eb.ref('tree.path'), sql.lit('/'), eb.ref('unit.code')]).as('path')
						])
						.where('unit.retired_at', 'is', null)
						// A guard against a corrupted, looping tree: no real tree is this deep.
						.where('tree.depth', '<', MAX_DEPTH)
				)
		)
		.selectFrom('tree')
		.innerJoin('unit', 'unit.id', 'tree.id')
		.select(['unit.id', 'unit.code', 'unit.parent_id', 'unit.name', 'unit.full_name', 'unit.kind', 'tree.depth'])
		.orderBy('tree.path')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		parentId: r.parent_id,
		name: r.name,
		fullName: r.full_name,
		kind: r.kind,
		depth: Number(r.depth)
	}));
}

/** Whether `unitId` is `ancestorId` or lies below it in the tree. */
export async function isUnitWithin(db: Db, unitId: number, ancestorId: number): Promise<boolean> {
	const row = await db
		.withRecursive('up(id, parent_id)', (qb) =>
			qb
				.selectFrom('unit')
				.select(['unit.id', 'unit.parent_id'])
				.where('unit.id', '=', unitId)
				// UNION (not UNION ALL) drops repeated rows, so even a looping tree ends.
				.union((qb2) =>
					qb2.selectFrom('unit').innerJoin('up', 'up.parent_id', 'unit.id').select(['unit.id', 'unit.parent_id'])
				)
		)
		.selectFrom('up')
		.select('up.id')
		.where('up.id', '=', ancestorId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function findUnitByCode(
	db: Db,
	code: string
): Promise<{ id: number; code: string; fullName: string } | null> {
	const row = await db
		.selectFrom('unit')
		.select(['id', 'code', 'full_name'])
		.where('code', '=', code)
		.where('retired_at', 'is', null)
		.executeTakeFirst();
	return row ? { id: row.id, code: row.code, fullName: row.full_name } : null;
}

/** Units that have people in a campaign, limited to a scoped organiser's subtree (null: all). */
export async function listCampaignUnits(
	db: Db,
	campaignId: number,
	scopeUnitId: number | null
): Promise<{ id: number; code: string; name: string; people: number }[]> {
	const units = await db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.select(['u.id', 'u.code', 'u.name', (eb) => eb.fn.countAll<number>().as('people')])
		.where('p.campaign_id', '=', campaignId)
		.groupBy(['u.id', 'u.code', 'u.name'])
		.orderBy('u.code')
		.execute();
	if (scopeUnitId === null) return units.map((u) => ({ ...u, people: Number(u.people) }));
	// One subtree read instead of one ancestry walk per unit.
	const inScope = new Set((await listUnitTree(db, scopeUnitId)).map((u) => u.id));
	return units.filter((u) => inScope.has(u.id)).map((u) => ({ ...u, people: Number(u.people) }));
}

/** A unit by code, if it lies within the scope (null scope: anywhere). */
export async function findUnitInScope(
	db: Db,
	code: string,
	scopeUnitId: number | null
): Promise<{ id: number; code: string; name: string } | null> {
	const unit = await db
		.selectFrom('unit')
		.select(['id', 'code', 'name'])
		.where('code', '=', code.slice(0, 40))
		.executeTakeFirst();
	if (!unit || (scopeUnitId !== null && !(await isUnitWithin(db, unit.id, scopeUnitId)))) return null;
	return unit;
}
