// What a reporting cell's respondents answer: the group's questionnaire and the units it rates.
// Both, and the sealing key, are fixed once the campaign opens, so they are cached per cell.
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { Db } from '../db/open';
import { loadQuestionnaire } from '../templates/documents';

export interface CellForm {
	cellId: number;
	campaignId: number;
	publicKey: string;
	fingerprint: string;
	/** The counting committee's public key (raw X25519, base64url) the browser seals the sheet to. */
	sealingKey: { publicKey: string; fingerprint: string } | null;
	questionnaire: Questionnaire;
	ratedUnits: { id: string; name: string }[];
}

// Per database as well as per cell: tests (and tools) open several files in one process, with the same cell ids.
const caches = new WeakMap<object, Map<number, CellForm>>();

export async function loadCellForm(db: Db, cellId: number): Promise<CellForm | null> {
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const hit = cache.get(cellId);
	if (hit) return hit;
	const cell = await db
		.selectFrom('reporting_cell as c')
		.innerJoin('respondent_group as g', 'g.id', 'c.group_id')
		.select(['c.id', 'c.campaign_id', 'c.group_id', 'c.public_key', 'c.fingerprint', 'g.questionnaire_version_id'])
		.where('c.id', '=', cellId)
		.executeTakeFirst();
	if (!cell || cell.questionnaire_version_id === null) return null;
	const stored = await loadQuestionnaire(db, cell.questionnaire_version_id);
	if (!stored) return null;
	const units = await db
		.selectFrom('group_rated_unit as r')
		.innerJoin('unit as u', 'u.id', 'r.unit_id')
		.select(['u.id', 'u.name'])
		.where('r.group_id', '=', cell.group_id)
		.orderBy('u.code')
		.execute();
	const sealing = await db
		.selectFrom('sealing_key')
		.select(['public_key', 'fingerprint'])
		.where('campaign_id', '=', cell.campaign_id)
		.executeTakeFirst();
	const form: CellForm = {
		cellId: cell.id,
		campaignId: cell.campaign_id,
		publicKey: cell.public_key,
		fingerprint: cell.fingerprint,
		sealingKey: sealing ? { publicKey: sealing.public_key, fingerprint: sealing.fingerprint } : null,
		questionnaire: stored.questionnaire,
		ratedUnits: units.map((u) => ({ id: String(u.id), name: u.name }))
	};
	if (cache.size > 5000) cache.clear();
	// Only frozen documents are safe to keep: a draft campaign's questionnaire may still change.
	if (stored.frozen) cache.set(cellId, form);
	return form;
}
