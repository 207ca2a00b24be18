// The roster of a campaign: people on the participation side. Re-importing updates by personal code.
import type { Transaction } from 'kysely';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { recountParticipation } from '../monitoring/counts';

export interface PersonInput {
	personalCode: string;
	fullName: string;
	unitId: number;
	groupId: number;
	position: string | null;
	email: string | null;
	phone: string | null;
}

const CHUNK = 500;

/** Inserts or updates people by (campaign, personal code), in chunks; returns inserted and updated counts. */
export async function upsertPeople(
	trx: Transaction<Database>,
	campaignId: number,
	people: PersonInput[],
	now: number,
	// A caller writing many parts (the roster import) recounts once at its end instead of after each part.
	{ recount = true }: { recount?: boolean } = {}
) {
	let inserted = 0;
	let updated = 0;
	for (let i = 0; i < people.length; i += CHUNK) {
		const chunk = people.slice(i, i + CHUNK);
		const existing = new Set(
			(
				await trx
					.selectFrom('person')
					.select('personal_code')
					.where('campaign_id', '=', campaignId)
					.where(
						'personal_code',
						'in',
						chunk.map((p) => p.personalCode)
					)
					.execute()
			).map((r) => r.personal_code)
		);
		const rows = chunk.map((p) => ({
			campaign_id: campaignId,
			personal_code: p.personalCode,
			full_name: p.fullName,
			unit_id: p.unitId,
			group_id: p.groupId,
			position: p.position,
			email: p.email,
			phone: p.phone,
			created_at: now,
			updated_at: now
		}));
		await trx
			.insertInto('person')
			.values(rows)
			.onConflict((oc) =>
				oc.columns(['campaign_id', 'personal_code']).doUpdateSet((eb) => ({
					full_name: eb.ref('excluded.full_name'),
					unit_id: eb.ref('excluded.unit_id'),
					group_id: eb.ref('excluded.group_id'),
					position: eb.ref('excluded.position'),
					email: eb.ref('excluded.email'),
					phone: eb.ref('excluded.phone'),
					updated_at: eb.ref('excluded.updated_at')
				}))
			)
			.execute();
		updated += existing.size;
		inserted += chunk.length - existing.size;
	}
	if (recount) await recountParticipation(trx, campaignId);
	return { inserted, updated };
}

export interface RosterRow {
	id: number;
	code: string;
	name: string;
	position: string | null;
	unit: string;
	group: string;
}

/**
 * The campaign's roster in Vietnamese name order: how many people, and the first `shown` of them. The order is
 * each person's kept `name_rank` (monitoring/counts.ts, recounted with every roster write), ties by code.
 */
export async function listRoster(
	db: Db,
	campaignId: number,
	shown: number
): Promise<{ total: number; people: RosterRow[] }> {
	const rows = await db
		.selectFrom('person')
		.innerJoin('unit', 'unit.id', 'person.unit_id')
		.innerJoin('respondent_group', 'respondent_group.id', 'person.group_id')
		.select([
			'person.id',
			'person.personal_code',
			'person.full_name',
			'person.position',
			'unit.code as unit_code',
			'unit.full_name as unit_name',
			'respondent_group.code as group_code'
		])
		.where('person.campaign_id', '=', campaignId)
		.orderBy('person.name_rank')
		.orderBy('person.personal_code')
		.limit(shown)
		.execute();
	const { total } = await db
		.selectFrom('person')
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return {
		total: Number(total),
		people: rows.map((p) => ({
			id: p.id,
			code: p.personal_code,
			name: p.full_name,
			position: p.position,
			unit: `${p.unit_name} (${p.unit_code})`,
			group: p.group_code
		}))
	};
}
