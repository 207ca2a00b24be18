// Campaigns and their respondent groups: creation within the organiser's unit scope and the
// guarded lifecycle draft → open → closed → published, each transition an audit event.
import type { NewCampaignInput, Transition } from '$lib/domain/campaign';
import { nextState } from '$lib/domain/campaign';
import type { Role } from '$lib/domain/roles';
import type { Db } from '../db/open';
import type { CampaignRow, CampaignState } from '../db/schema';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { findUnitByCode, isUnitWithin } from '../units/units';
import { ensureDefaultDocuments } from '../templates/documents';
import { nowSeconds } from '../time';

export interface Staff {
	id: number;
	username: string;
	role: Role;
	unitId: number | null;
}

type Errors = Record<string, string>;

/** Organisers scoped to a unit act only on campaigns scoped inside their subtree. */
export async function canManageCampaign(
	db: Db,
	staff: Staff,
	campaign: Pick<CampaignRow, 'scope_unit_id'>
): Promise<boolean> {
	if (staff.role === 'admin') return true;
	if (staff.role !== 'organiser') return false;
	if (staff.unitId === null) return true;
	return campaign.scope_unit_id !== null && (await isUnitWithin(db, campaign.scope_unit_id, staff.unitId));
}

export async function createCampaign(
	db: Db,
	/** Without a framework, the campaign starts from the default template (created on first use). */
	input: NewCampaignInput & { frameworkVersionId: number | null },
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors }> {
	let scopeUnitId: number | null = null;
	const scopeCode = input.scopeUnitCode ?? null;
	if (scopeCode) {
		const unit = await findUnitByCode(db, scopeCode);
		if (!unit) return { ok: false, errors: { scopeUnitCode: 'error.unitUnknown' } };
		scopeUnitId = unit.id;
	} else if (staff.role === 'organiser' && staff.unitId !== null) {
		scopeUnitId = staff.unitId;
	}
	if (
		staff.role === 'organiser' &&
		staff.unitId !== null &&
		(scopeUnitId === null || !(await isUnitWithin(db, scopeUnitId, staff.unitId)))
	) {
		return { ok: false, errors: { scopeUnitCode: 'campaign.error.scopeOutside' } };
	}
	return db.transaction().execute(async (trx): Promise<{ ok: true; id: number } | { ok: false; errors: Errors }> => {
		if (await trx.selectFrom('campaign').select('id').where('slug', '=', input.slug).executeTakeFirst()) {
			return { ok: false, errors: { slug: 'campaign.error.slugTaken' } };
		}
		const frameworkVersionId =
			input.frameworkVersionId ?? (await ensureDefaultDocuments(trx, staffActor(staff), meta, now)).frameworkVersionId;
		const framework = await trx
			.selectFrom('framework_version')
			.select('id')
			.where('id', '=', frameworkVersionId)
			.executeTakeFirst();
		if (!framework) return { ok: false, errors: { frameworkVersionId: 'campaign.error.frameworkUnknown' } };
		const { id } = await trx
			.insertInto('campaign')
			.values({
				slug: input.slug,
				title: input.title,
				year: input.year,
				state: 'draft',
				framework_version_id: frameworkVersionId,
				scope_unit_id: scopeUnitId,
				k_threshold: input.kThreshold,
				opens_on: input.opensOn,
				closes_on: input.closesOn,
				created_by: staff.id,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'campaign.created',
				subject: { type: 'campaign', id },
				meta,
				payload: { slug: input.slug, title: input.title }
			},
			now
		);
		return { ok: true as const, id };
	});
}

export async function getCampaign(db: Db, id: number): Promise<CampaignRow | null> {
	return (await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listCampaignsFor(db: Db, staff: Staff): Promise<CampaignRow[]> {
	const all = await db.selectFrom('campaign').selectAll().orderBy('year', 'desc').orderBy('id', 'desc').execute();
	if (staff.role !== 'organiser' || staff.unitId === null) return all;
	const mine: CampaignRow[] = [];
	for (const c of all) if (await canManageCampaign(db, staff, c)) mine.push(c);
	return mine;
}

/** Every campaign past its draft, newest first (auditors reach each one's proxy-completion flags this way). */
export async function listStartedCampaigns(db: Db): Promise<{ id: number; title: string; year: number }[]> {
	return db
		.selectFrom('campaign')
		.select(['id', 'title', 'year'])
		.where('state', '!=', 'draft')
		.orderBy('year', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** A campaign's respondent groups, by code. */
export async function listGroups(db: Db, campaignId: number): Promise<{ id: number; code: string; name: string }[]> {
	return db
		.selectFrom('respondent_group')
		.select(['id', 'code', 'name'])
		.where('campaign_id', '=', campaignId)
		.orderBy('code')
		.execute();
}

/** Moves a campaign one step; opening has its own function because it plans cells and keys. */
export async function advanceCampaign(
	db: Db,
	campaignId: number,
	transition: Exclude<Transition, 'open'>,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; state: CampaignState } | { ok: false; errors: Errors }> {
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'counted_at'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false as const, errors: { form: 'campaign.error.notFound' } };
		const to = nextState(campaign.state, transition);
		if (!to) return { ok: false as const, errors: { form: 'campaign.error.badTransition' } };
		// Results exist only after the committee opened the sealed sheets (kiểm phiếu).
		if (transition === 'publish' && campaign.counted_at === null)
			return { ok: false as const, errors: { form: 'campaign.error.notCounted' } };
		const stamp = transition === 'close' ? { closed_at: now } : { published_at: now };
		await trx
			.updateTable('campaign')
			.set({ state: to, updated_at: now, ...stamp })
			.where('id', '=', campaignId)
			.where('state', '=', campaign.state)
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: transition === 'close' ? 'campaign.closed' : 'campaign.published',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { from: campaign.state, to }
			},
			now
		);
		return { ok: true as const, state: to };
	});
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
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors }> {
	return db.transaction().execute(async (trx): Promise<{ ok: true; id: number } | { ok: false; errors: Errors }> => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'framework_version_id'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false, errors: { form: 'campaign.error.notFound' } };
		if (campaign.state !== 'draft') return { ok: false, errors: { form: 'campaign.error.notDraft' } };
		if (input.questionnaireVersionId !== null) {
			const q = await trx
				.selectFrom('questionnaire_version')
				.select('framework_version_id')
				.where('id', '=', input.questionnaireVersionId)
				.executeTakeFirst();
			if (!q) return { ok: false, errors: { questionnaireVersionId: 'campaign.error.questionnaireUnknown' } };
			if (q.framework_version_id !== campaign.framework_version_id)
				return { ok: false, errors: { questionnaireVersionId: 'campaign.error.questionnaireOtherFramework' } };
		}
		const unitIds: number[] = [];
		for (const code of new Set(input.ratedUnitCodes)) {
			const unit = await trx
				.selectFrom('unit')
				.select('id')
				.where('code', '=', code)
				.where('retired_at', 'is', null)
				.executeTakeFirst();
			if (!unit) return { ok: false, errors: { ratedUnitCodes: 'campaign.error.ratedUnitUnknown' } };
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

export interface CampaignEdit {
	title: string;
	year: number;
	kThreshold: number;
	opensOn: string | null;
	closesOn: string | null;
}

/** A draft's title, year, dates and k may change; after opening they are part of the record. */
export async function updateCampaign(
	db: Db,
	campaignId: number,
	input: CampaignEdit,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	return db.transaction().execute(async (trx): Promise<{ ok: true } | { ok: false; errors: Errors }> => {
		const before = await trx.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirst();
		if (!before) return { ok: false, errors: { form: 'campaign.error.notFound' } };
		if (before.state !== 'draft') return { ok: false, errors: { form: 'campaign.error.notDraft' } };
		await trx
			.updateTable('campaign')
			.set({
				title: input.title,
				year: input.year,
				k_threshold: input.kThreshold,
				opens_on: input.opensOn,
				closes_on: input.closesOn,
				updated_at: now
			})
			.where('id', '=', campaignId)
			.execute();
		const changed = Object.fromEntries(
			(
				[
					['title', before.title, input.title],
					['year', before.year, input.year],
					['k', before.k_threshold, input.kThreshold],
					['opensOn', before.opens_on, input.opensOn],
					['closesOn', before.closes_on, input.closesOn]
				] as const
			)
				.filter(([, a, b]) => a !== b)
				.map(([k, a, b]) => [k, { from: a, to: b }])
		);
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'campaign.updated',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: changed
			},
			now
		);
		return { ok: true };
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
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	return db.transaction().execute(async (trx): Promise<{ ok: true } | { ok: false; errors: Errors }> => {
		const campaign = await trx.selectFrom('campaign').select('state').where('id', '=', campaignId).executeTakeFirst();
		if (!campaign) return { ok: false, errors: { form: 'campaign.error.notFound' } };
		if (campaign.state !== 'draft') return { ok: false, errors: { form: 'campaign.error.notDraft' } };
		const group = await trx
			.selectFrom('respondent_group')
			.select('id')
			.where('campaign_id', '=', campaignId)
			.where('code', '=', code)
			.executeTakeFirst();
		if (!group) return { ok: false, errors: { form: 'campaign.error.groupNotFound' } };
		if (await trx.selectFrom('person').select('id').where('group_id', '=', group.id).executeTakeFirst())
			return { ok: false, errors: { form: 'campaign.error.groupHasPeople' } };
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

/** Empties the roster of a draft campaign, e.g. before importing a corrected file from scratch. */
export async function clearRoster(
	db: Db,
	campaignId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; removed: number } | { ok: false; errors: Errors }> {
	return db
		.transaction()
		.execute(async (trx): Promise<{ ok: true; removed: number } | { ok: false; errors: Errors }> => {
			const campaign = await trx.selectFrom('campaign').select('state').where('id', '=', campaignId).executeTakeFirst();
			if (!campaign) return { ok: false, errors: { form: 'campaign.error.notFound' } };
			if (campaign.state !== 'draft') return { ok: false, errors: { form: 'campaign.error.notDraft' } };
			const res = await trx.deleteFrom('person').where('campaign_id', '=', campaignId).executeTakeFirst();
			const removed = Number(res.numDeletedRows);
			await appendAuditEvent(
				trx,
				{
					actor: staffActor(staff),
					action: 'roster.cleared',
					subject: { type: 'campaign', id: campaignId },
					meta,
					payload: { removed }
				},
				now
			);
			return { ok: true, removed };
		});
}
