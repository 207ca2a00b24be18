// A campaign's respondent groups: who answers which questionnaire, rating which units. Groups change
// only while the campaign is a draft; each change is an audit event.
import { message, type FieldErrors } from '$lib/domain/message';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import type { Staff } from '../auth/staff';
import { nowSeconds } from '../time';

type Refused = { ok: false; errors: FieldErrors };

/** A campaign's respondent groups, by code. */
export async function listGroups(db: Db, campaignId: number): Promise<{ id: number; code: string; name: string }[]> {
	return db
		.selectFrom('respondent_group')
		.select(['id', 'code', 'name'])
		.where('campaign_id', '=', campaignId)
		.orderBy('code')
		.execute();
}

export interface GroupInput {
	code: string;
	name: string;
	questionnaireVersionId: number | null;
	ratedUnitCodes: string[];
}

/** Creates or replaces a respondent group of a draft campaign, with its list of rated units. */
export async function saveGroup(
	db: Db,
	campaignId: number,
	input: GroupInput,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; id: number } | Refused> {
	return db.transaction().execute(async (trx): Promise<{ ok: true; id: number } | Refused> => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'framework_version_id'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false, errors: { form: message('campaign.error.notFound') } };
		if (campaign.state !== 'draft') return { ok: false, errors: { form: message('campaign.error.notDraft') } };
		if (input.questionnaireVersionId !== null) {
			const q = await trx
				.selectFrom('questionnaire_version')
				.select('framework_version_id')
				.where('id', '=', input.questionnaireVersionId)
				.executeTakeFirst();
			if (!q) return { ok: false, errors: { questionnaireVersionId: message('campaign.error.questionnaireUnknown') } };
			if (q.framework_version_id !== campaign.framework_version_id)
				return { ok: false, errors: { questionnaireVersionId: message('campaign.error.questionnaireOtherFramework') } };
		}
		const unitIds: number[] = [];
		for (const code of new Set(input.ratedUnitCodes)) {
			const unit = await trx
				.selectFrom('unit')
				.select('id')
				.where('code', '=', code)
				.where('retired_at', 'is', null)
				.executeTakeFirst();
			if (!unit) return { ok: false, errors: { ratedUnitCodes: message('campaign.error.ratedUnitUnknown') } };
			unitIds.push(unit.id);
		}
		const existing = await trx
			.selectFrom('respondent_group')
			.select('id')
			.where('campaign_id', '=', campaignId)
			.where('code', '=', input.code)
			.executeTakeFirst();
		let id: number;
		if (existing) {
			id = existing.id;
			await trx
				.updateTable('respondent_group')
				.set({ name: input.name, questionnaire_version_id: input.questionnaireVersionId })
				.where('id', '=', id)
				.execute();
			await trx.deleteFrom('group_rated_unit').where('group_id', '=', id).execute();
		} else {
			({ id } = await trx
				.insertInto('respondent_group')
				.values({
					campaign_id: campaignId,
					code: input.code,
					name: input.name,
					questionnaire_version_id: input.questionnaireVersionId,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow());
		}
		if (unitIds.length)
			await trx
				.insertInto('group_rated_unit')
				.values(unitIds.map((unit_id) => ({ group_id: id, unit_id })))
				.execute();
		await trx.updateTable('campaign').set({ updated_at: now }).where('id', '=', campaignId).execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'campaign.group_saved',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: {
					group: input.code,
					questionnaireVersionId: input.questionnaireVersionId,
					ratedUnits: input.ratedUnitCodes.length
				}
			},
			now
		);
		return { ok: true, id };
	});
}

/** Removes a group of a draft campaign; its people must be removed (or moved) first. */
export async function deleteGroup(
	db: Db,
	campaignId: number,
	code: string,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true } | Refused> {
	return db.transaction().execute(async (trx): Promise<{ ok: true } | Refused> => {
		const campaign = await trx.selectFrom('campaign').select('state').where('id', '=', campaignId).executeTakeFirst();
		if (!campaign) return { ok: false, errors: { form: message('campaign.error.notFound') } };
		if (campaign.state !== 'draft') return { ok: false, errors: { form: message('campaign.error.notDraft') } };
		const group = await trx
			.selectFrom('respondent_group')
			.select('id')
			.where('campaign_id', '=', campaignId)
			.where('code', '=', code)
			.executeTakeFirst();
		if (!group) return { ok: false, errors: { form: message('campaign.error.groupNotFound') } };
		if (await trx.selectFrom('person').select('id').where('group_id', '=', group.id).executeTakeFirst())
			return { ok: false, errors: { form: message('campaign.error.groupHasPeople') } };
		await trx.deleteFrom('respondent_group').where('id', '=', group.id).execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'campaign.group_deleted',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { group: code }
			},
			now
		);
		return { ok: true };
	});
}
