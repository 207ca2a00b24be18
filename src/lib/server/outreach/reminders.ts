// Reminders to people who have not submitted (issue 5): the campaign's policy, who would get one
// now (and why the others are skipped), and the scheduled runs 7 and 3 days before the close.
import {
	DEFAULT_POLICY,
	dueScheduledRuns,
	reminderDecision,
	type ReminderCandidate,
	type ReminderPolicy,
	type SkipReason
} from '$lib/domain/reminders';
import { message, refuse, type Message } from '$lib/domain/message';
import { vietnamDate } from '$lib/domain/vietnam-time';
import { appendAuditEvent, NO_REQUEST, staffActor, type Actor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import type { CampaignRow } from '../db/schema';
import type { AppKey } from '../crypto/keyring';
import { issueInvitations } from './invitations';
import { senderFor, type Sender } from './outbox';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import { nowSeconds } from '../time';
import { findUnitInScope, listUnitTree } from '../units/units';
import { listGroups } from '../campaigns/groups';

export async function readPolicy(db: Db, campaignId: number): Promise<ReminderPolicy> {
	const row = await db
		.selectFrom('reminder_policy')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!row) return { ...DEFAULT_POLICY };
	return {
		autoEnabled: row.auto_enabled === 1,
		daysBefore: row.days_before.split(',').map(Number),
		minIntervalHours: row.min_interval_hours,
		maxPerPerson: row.max_per_person
	};
}

export async function savePolicy(
	db: Db,
	campaignId: number,
	policy: ReminderPolicy,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<void> {
	const values = {
		auto_enabled: policy.autoEnabled ? 1 : 0,
		days_before: policy.daysBefore.join(','),
		min_interval_hours: policy.minIntervalHours,
		max_per_person: policy.maxPerPerson,
		updated_at: now
	};
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('reminder_policy')
			.values({ campaign_id: campaignId, ...values })
			.onConflict((oc) => oc.column('campaign_id').doUpdateSet(values))
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor,
				action: 'reminder.policy_saved',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { ...policy }
			},
			now
		);
	});
}

export interface ReminderSelection {
	/** A unit and its subtree; null for the whole campaign (within the viewer's scope). */
	unitId: number | null;
	groupId: number | null;
	/** A scoped organiser's subtree root. */
	scopeUnitId: number | null;
}

/** A selection by codes, resolved inside the viewer's scope; null when a code is unknown or out of scope. */
export async function resolveSelection(
	db: Db,
	campaignId: number,
	codes: { unit: string; group: string },
	scopeUnitId: number | null
): Promise<(ReminderSelection & { unitCode: string; groupCode: string }) | null> {
	const unit = codes.unit ? await findUnitInScope(db, codes.unit, scopeUnitId) : null;
	const group = codes.group ? (await listGroups(db, campaignId)).find((g) => g.code === codes.group) : null;
	if ((codes.unit && !unit) || (codes.group && !group)) return null;
	return {
		unitId: unit?.id ?? null,
		groupId: group?.id ?? null,
		scopeUnitId,
		unitCode: unit?.code ?? '',
		groupCode: group?.code ?? ''
	};
}

export interface ReminderPlan {
	send: number[];
	skipped: Record<SkipReason, number>;
}

async function unitsOf(db: Db, rootId: number | null): Promise<number[] | null> {
	return rootId === null ? null : (await listUnitTree(db, rootId)).map((u) => u.id);
}

/** Everyone selected, each with the decision for now: send, or the reason to skip. */
export async function planReminders(
	db: Db,
	campaignId: number,
	selection: ReminderSelection,
	policy: ReminderPolicy,
	now = nowSeconds()
): Promise<ReminderPlan> {
	let q = db
		.selectFrom('person as p')
		.select((eb) => [
			'p.id',
			'p.email',
			'p.phone',
			eb
				.exists(
					eb
						.selectFrom('invitation as i')
						.select('i.id')
						.whereRef('i.person_id', '=', 'p.id')
						.where('i.credential_at', 'is not', null)
				)
				.as('credentialed'),
			eb
				.selectFrom('delivery as d')
				.select((d) => d.fn.countAll<number>().as('n'))
				.whereRef('d.person_id', '=', 'p.id')
				.where('d.kind', '=', 'reminder')
				.where('d.status', 'in', ['queued', 'sending', 'sent'])
				.as('reminders'),
			eb
				.selectFrom('delivery as d')
				.select((d) => d.fn.max('d.created_at').as('at'))
				.whereRef('d.person_id', '=', 'p.id')
				.where('d.kind', '=', 'reminder')
				.where('d.status', 'in', ['queued', 'sending', 'sent'])
				.as('last_reminder'),
			eb
				.selectFrom('respondent_session as s')
				.innerJoin('invitation as i', 'i.id', 's.invitation_id')
				.select((s) => s.fn.max('s.last_seen_at').as('at'))
				.whereRef('i.person_id', '=', 'p.id')
				.as('last_active')
		])
		.where('p.campaign_id', '=', campaignId);
	for (const root of [selection.unitId, selection.scopeUnitId]) {
		const units = await unitsOf(db, root);
		if (units) q = q.where('p.unit_id', 'in', units.length ? units : [-1]);
	}
	if (selection.groupId !== null) q = q.where('p.group_id', '=', selection.groupId);
	const rows = await q.orderBy('p.id').execute();
	const plan: ReminderPlan = {
		send: [],
		skipped: { submitted: 0, noContact: 0, capReached: 0, tooSoon: 0, active: 0 }
	};
	for (const r of rows) {
		const candidate: ReminderCandidate = {
			personId: r.id,
			hasCredential: Boolean(r.credentialed),
			hasContact: Boolean(r.email || r.phone),
			remindersSent: Number(r.reminders ?? 0),
			lastReminderAt: r.last_reminder === null ? null : Number(r.last_reminder),
			lastActiveAt: r.last_active === null ? null : Number(r.last_active)
		};
		const decision = reminderDecision(candidate, policy, now);
		if (decision.send) plan.send.push(r.id);
		else plan.skipped[decision.reason]++;
	}
	return plan;
}

type CampaignLike = Pick<CampaignRow, 'id' | 'state' | 'title' | 'closes_on'>;

/**
 * Sends reminders now to the selection's people who should get one: each gets a fresh personal
 * link (added: the links sent before stay live) in a reminder message through their own channel, in one
 * delivery batch; each reminder is an audit event. `staff` null = the scheduler.
 */
export async function sendReminders(
	db: Db,
	app: { demo: boolean; appKey: AppKey },
	campaign: CampaignLike,
	selection: ReminderSelection,
	staff: Staff | null,
	meta: RequestMeta,
	origin: string,
	options: { sender?: Sender; now?: number; label?: string } = {}
): Promise<
	{ ok: true; sent: number; batchId: number | null; skipped: ReminderPlan['skipped'] } | { ok: false; error: Message }
> {
	const now = options.now ?? nowSeconds();
	if (campaign.state !== 'open') return refuse(message('invitation.error.notOpen'));
	const policy = await readPolicy(db, campaign.id);
	const plan = await planReminders(db, campaign.id, selection, policy, now);
	if (plan.send.length === 0) return refuse(message('reminder.error.nobody'));
	const sender = options.sender ?? senderFor(app);
	const issued = await issueInvitations(
		db,
		campaign,
		plan.send,
		staff,
		meta,
		{ sender, origin, demo: app.demo, deliver: true, kind: 'reminder' },
		now
	);
	if (!issued.ok) return issued;
	const reached = new Set(plan.send.filter((id) => !issued.notReached.includes(id)));
	const actor: Actor = staff ? staffActor(staff) : { type: 'system', label: options.label ?? 'reminder-scheduler' };
	await inTransaction(db, async (trx) => {
		for (const personId of reached) {
			await appendAuditEvent(
				trx,
				{
					actor,
					action: 'reminder.sent',
					subject: { type: 'person', id: personId },
					meta,
					payload: { campaign: campaign.id, batch: issued.batchId }
				},
				now
			);
		}
	});
	return { ok: true, sent: reached.size, batchId: issued.batchId, skipped: plan.skipped };
}

/** The scheduler's pass (every few minutes): each open campaign's due reminder, at most once per day set. */
export async function runScheduledReminders(
	db: Db,
	app: { demo: boolean; appKey: AppKey; config: { origin: string | null } },
	now = nowSeconds(),
	sender?: Sender
): Promise<number> {
	const campaigns = await db
		.selectFrom('campaign as c')
		.innerJoin('reminder_policy as r', 'r.campaign_id', 'c.id')
		.select(['c.id', 'c.state', 'c.title', 'c.closes_on'])
		.where('c.state', '=', 'open')
		.where('r.auto_enabled', '=', 1)
		.execute();
	let sent = 0;
	for (const campaign of campaigns) {
		const policy = await readPolicy(db, campaign.id);
		const done = new Set(
			(await db.selectFrom('reminder_run').select('days_before').where('campaign_id', '=', campaign.id).execute()).map(
				(r) => r.days_before
			)
		);
		const due = dueScheduledRuns(campaign.closes_on, policy, done, vietnamDate(now));
		if (due.run === null) continue;
		// Claimed first, so a second process or a crash mid-way never sends the same run twice.
		const claimed = await inTransaction(db, async (trx) => {
			const taken = await trx
				.selectFrom('reminder_run')
				.select('days_before')
				.where('campaign_id', '=', campaign.id)
				.where('days_before', '=', due.run!)
				.executeTakeFirst();
			if (taken) return false;
			for (const d of [due.run!, ...due.skip])
				await trx
					.insertInto('reminder_run')
					.values({ campaign_id: campaign.id, days_before: d, ran_at: now })
					.onConflict((oc) => oc.doNothing())
					.execute();
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system', label: 'reminder-scheduler' },
					action: 'reminder.scheduled_run',
					subject: { type: 'campaign', id: campaign.id },
					payload: { daysBefore: due.run, skipped: due.skip }
				},
				now
			);
			return true;
		});
		if (!claimed) continue;
		const origin = app.config.origin ?? 'http://localhost:3000';
		const result = await sendReminders(
			db,
			app,
			campaign,
			{ unitId: null, groupId: null, scopeUnitId: null },
			null,
			NO_REQUEST,
			origin,
			{ sender, now }
		);
		if (result.ok) sent += result.sent;
	}
	return sent;
}
