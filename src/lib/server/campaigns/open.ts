// Opening a campaign: check it may open, freeze its documents, plan the reporting cells and give
// each cell its blind-signing key pair, all recorded as one audit event.
import { reasonsNotToOpen } from '$lib/domain/campaign';
import { message, type Message } from '$lib/domain/message';
import { vietnamDate } from '$lib/domain/vietnam-time';
import { checkFramework } from '$lib/domain/framework';
import { checkQuestionnaire } from '$lib/domain/questionnaire';
import { planReportingCells, type PlannedCell } from '$lib/domain/reporting-cells';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { anchorAuditHead } from '../audit-checkpoint';
import { checkpointSignerFrom, checkpointSignerOf } from '../audit-signing';
import type { Staff } from '../auth/staff';
import { cellKeyContext, generateCellKeyPairs, type CellKeyPair } from '../crypto/cell-keys';
import { loadFramework, loadQuestionnaire } from '../templates/documents';
import type { AppKey } from '../crypto/keyring';
import { nowSeconds } from '../time';

/** A reason a draft may not open yet. */
export type Reason = Message;

/** Everything that stands between a draft and opening it; empty when it may open. */
export async function checkCampaignCanOpen(db: Db, campaignId: number, now = nowSeconds()): Promise<Reason[]> {
	const campaign = await db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirst();
	if (!campaign) return [message('campaign.error.notFound')];
	if (campaign.state !== 'draft') return [message('campaign.error.badTransition')];
	const stored = await loadFramework(db, campaign.framework_version_id);
	const framework = stored!.framework;
	const groups = await db
		.selectFrom('respondent_group')
		.select((eb) => [
			'respondent_group.id',
			'respondent_group.code',
			'respondent_group.questionnaire_version_id',
			eb
				.selectFrom('person')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('person.group_id', '=', 'respondent_group.id')
				.as('people'),
			eb
				.selectFrom('group_rated_unit')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('group_rated_unit.group_id', '=', 'respondent_group.id')
				.as('rated')
		])
		.where('campaign_id', '=', campaignId)
		.orderBy('code')
		.execute();
	const facts = [];
	const questionnaireProblems = [];
	for (const g of groups) {
		const q = g.questionnaire_version_id === null ? null : await loadQuestionnaire(db, g.questionnaire_version_id);
		if (q)
			questionnaireProblems.push({
				group: g.code,
				count:
					checkQuestionnaire(q.questionnaire, framework).length +
					(q.frameworkVersionId === campaign.framework_version_id ? 0 : 1)
			});
		facts.push({
			code: g.code,
			hasQuestionnaire: q !== null,
			people: Number(g.people ?? 0),
			rated: Number(g.rated ?? 0),
			repeatsPerRatedUnit: q?.questionnaire.sections.some((s) => s.repeatPerRatedUnit) ?? false
		});
	}
	const reasons = reasonsNotToOpen({
		groups: facts,
		people: facts.reduce((s, g) => s + g.people, 0),
		frameworkProblems: checkFramework(framework).length,
		questionnaireProblems,
		closesOn: campaign.closes_on,
		today: vietnamDate(now)
	});
	// Sheets are sealed in the browser to the committee's key: without it nothing could be cast.
	if (
		!(await db.selectFrom('sealing_key').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst())
	)
		reasons.push(message('campaign.guard.noSealingKey'));
	// A cell below k even at the root would let its key identify its few members (docs/integrity.md).
	const codeOf = new Map(groups.map((g) => [g.id, g.code]));
	for (const cell of await planCells(db, campaignId, campaign.k_threshold)) {
		if (cell.belowK)
			reasons.push({
				key: 'campaign.guard.groupBelowK',
				params: { group: codeOf.get(cell.groupId) ?? '', count: cell.count, k: campaign.k_threshold }
			});
	}
	return reasons;
}

async function planCells(db: Db, campaignId: number, k: number): Promise<PlannedCell[]> {
	const units = await db.selectFrom('unit').select(['id', 'parent_id']).execute();
	const counts = await db
		.selectFrom('person')
		.select(['group_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('campaign_id', '=', campaignId)
		.groupBy(['group_id', 'unit_id'])
		.execute();
	return planReportingCells(
		units.map((u) => ({ id: u.id, parentId: u.parent_id })),
		counts.map((c) => ({ groupId: c.group_id, unitId: c.unit_id, count: Number(c.n) })),
		k
	);
}

export async function openCampaign(
	db: Db,
	appKey: AppKey,
	campaignId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; cells: number; people: number } | { ok: false; reasons: Reason[] }> {
	const reasons = await checkCampaignCanOpen(db, campaignId, now);
	if (reasons.length) return { ok: false, reasons };
	const campaign = (await db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirst())!;
	const cells = await planCells(db, campaignId, campaign.k_threshold);
	// Key generation is slow (~0.2–1 s per RSA-3072 key) and CPU-bound: done before the write transaction.
	const keys: CellKeyPair[] = await generateCellKeyPairs(
		appKey,
		cells.map((cell) => cellKeyContext(campaignId, cell.groupId, cell.unitId))
	);

	return db.transaction().execute(async (trx) => {
		// Keys took a while: the roster, groups or k may have changed meanwhile. Inside the write
		// transaction nothing else can change them, so check and plan again and compare.
		const again = await checkCampaignCanOpen(trx, campaignId, now);
		if (again.length) return { ok: false as const, reasons: again };
		const k = (
			await trx.selectFrom('campaign').select('k_threshold').where('id', '=', campaignId).executeTakeFirstOrThrow()
		).k_threshold;
		if (k !== campaign.k_threshold || JSON.stringify(await planCells(trx, campaignId, k)) !== JSON.stringify(cells)) {
			return { ok: false as const, reasons: [message('campaign.error.changedWhileOpening')] };
		}
		// Two organisers pressing "open" at once open it once.
		const moved = await trx
			.updateTable('campaign')
			.set({ state: 'open', opened_at: now, updated_at: now })
			.where('id', '=', campaignId)
			.where('state', '=', 'draft')
			.executeTakeFirst();
		if (Number(moved.numUpdatedRows) !== 1)
			return { ok: false as const, reasons: [message('campaign.error.badTransition')] };
		let people = 0;
		for (const [i, cell] of cells.entries()) {
			const { id: cellId } = await trx
				.insertInto('reporting_cell')
				.values({
					campaign_id: campaignId,
					group_id: cell.groupId,
					unit_id: cell.unitId,
					invitee_count: cell.count,
					below_k: cell.belowK ? 1 : 0,
					public_key: keys[i].publicKey,
					private_key_enc: keys[i].privateKeyEnc,
					fingerprint: keys[i].fingerprint,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const assigned = await trx
				.updateTable('person')
				.set({ cell_id: cellId })
				.where('campaign_id', '=', campaignId)
				.where('group_id', '=', cell.groupId)
				.where('unit_id', 'in', cell.memberUnitIds)
				.executeTakeFirst();
			people += Number(assigned.numUpdatedRows);
		}
		const questionnaireIds = (
			await trx
				.selectFrom('respondent_group')
				.select('questionnaire_version_id')
				.where('campaign_id', '=', campaignId)
				.execute()
		)
			.map((g) => g.questionnaire_version_id)
			.filter((id): id is number => id !== null);
		await trx
			.updateTable('framework_version')
			.set({ frozen_at: now })
			.where('id', '=', campaign.framework_version_id)
			.where('frozen_at', 'is', null)
			.execute();
		if (questionnaireIds.length) {
			await trx
				.updateTable('questionnaire_version')
				.set({ frozen_at: now })
				.where('id', 'in', questionnaireIds)
				.where('frozen_at', 'is', null)
				.execute();
		}
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'campaign.opened',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: {
					cells: cells.length,
					people,
					belowK: cells.filter((c) => c.belowK).length,
					fingerprints: keys.map((k) => k.fingerprint)
				}
			},
			now
		);
		// The signed anchor of the head, after the event, in the same transaction (issue 14).
		const signer = checkpointSignerOf(db) ?? checkpointSignerFrom(appKey);
		await anchorAuditHead(trx, signer, { reason: 'campaign.opened', campaignId }, now);
		return { ok: true as const, cells: cells.length, people };
	});
}
