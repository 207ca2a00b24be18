// Campaigns: creation within the organiser's unit scope and the guarded lifecycle
// draft → open → closed → published, each transition an audit event. Groups live in ./groups.
import type { NewCampaignInput, Transition } from '$lib/domain/campaign';
import { nextState } from '$lib/domain/campaign';
import { message, type FieldErrors } from '$lib/domain/message';
import type { Db } from '../db/open';
import type { CampaignRow, CampaignState } from '../db/schema';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { anchorStateChange } from '../audit-checkpoint';
import type { Staff } from '../auth/staff';
import { findUnitByCode, isUnitWithin } from '../units/units';
import { ensureDefaultDocuments } from '../templates/documents';
import { nowSeconds } from '../time';
import { recountParticipation } from '../monitoring/counts';

/** The acting staff member's type moved to auth/staff; re-exported for the many services that name it here. */
export type { Staff } from '../auth/staff';
export { deleteGroup, listGroups, saveGroup, type GroupInput } from './groups';

type Refused = { ok: false; errors: FieldErrors };

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
): Promise<{ ok: true; id: number } | Refused> {
	let scopeUnitId: number | null = null;
	const scopeCode = input.scopeUnitCode ?? null;
	if (scopeCode) {
		const unit = await findUnitByCode(db, scopeCode);
		if (!unit) return { ok: false, errors: { scopeUnitCode: message('error.unitUnknown') } };
		scopeUnitId = unit.id;
	} else if (staff.role === 'organiser' && staff.unitId !== null) {
		scopeUnitId = staff.unitId;
	}
	if (
		staff.role === 'organiser' &&
		staff.unitId !== null &&
		(scopeUnitId === null || !(await isUnitWithin(db, scopeUnitId, staff.unitId)))
	) {
		return { ok: false, errors: { scopeUnitCode: message('campaign.error.scopeOutside') } };
	}
	return db.transaction().execute(async (trx): Promise<{ ok: true; id: number } | Refused> => {
		if (await trx.selectFrom('campaign').select('id').where('slug', '=', input.slug).executeTakeFirst()) {
			return { ok: false, errors: { slug: message('campaign.error.slugTaken') } };
		}
		const frameworkVersionId =
			input.frameworkVersionId ?? (await ensureDefaultDocuments(trx, staffActor(staff), meta, now)).frameworkVersionId;
		const framework = await trx
			.selectFrom('framework_version')
			.select('id')
			.where('id', '=', frameworkVersionId)
			.executeTakeFirst();
		if (!framework) return { ok: false, errors: { frameworkVersionId: message('campaign.error.frameworkUnknown') } };
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

/** Moves a campaign one step; opening has its own function because it plans cells and keys. */
export async function advanceCampaign(
	db: Db,
	campaignId: number,
	transition: Exclude<Transition, 'open'>,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; state: CampaignState } | Refused> {
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'counted_at'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false as const, errors: { form: message('campaign.error.notFound') } };
		const to = nextState(campaign.state, transition);
		if (!to) return { ok: false as const, errors: { form: message('campaign.error.badTransition') } };
		// Results exist only after the committee opened the sealed sheets (kiểm phiếu).
		if (transition === 'publish' && campaign.counted_at === null)
			return { ok: false as const, errors: { form: message('campaign.error.notCounted') } };
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
		// The signed anchor of the head, after the event, in the same transaction (issue 14).
		const action = transition === 'close' ? 'campaign.closed' : 'campaign.published';
		await anchorStateChange(db, trx, action, campaignId, now);
		return { ok: true as const, state: to };
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
): Promise<{ ok: true } | Refused> {
	return db.transaction().execute(async (trx): Promise<{ ok: true } | Refused> => {
		const before = await trx.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirst();
		if (!before) return { ok: false, errors: { form: message('campaign.error.notFound') } };
		if (before.state !== 'draft') return { ok: false, errors: { form: message('campaign.error.notDraft') } };
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

/** Empties the roster of a draft campaign, e.g. before importing a corrected file from scratch. */
export async function clearRoster(
	db: Db,
	campaignId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; removed: number } | Refused> {
	return db.transaction().execute(async (trx): Promise<{ ok: true; removed: number } | Refused> => {
		const campaign = await trx.selectFrom('campaign').select('state').where('id', '=', campaignId).executeTakeFirst();
		if (!campaign) return { ok: false, errors: { form: message('campaign.error.notFound') } };
		if (campaign.state !== 'draft') return { ok: false, errors: { form: message('campaign.error.notDraft') } };
		const res = await trx.deleteFrom('person').where('campaign_id', '=', campaignId).executeTakeFirst();
		const removed = Number(res.numDeletedRows);
		await recountParticipation(trx, campaignId);
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
