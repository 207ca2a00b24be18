// Personal links (docs/integrity.md step 1): random 160-bit tokens, only their SHA-256 stored (invitation_link,
// migration 0012). Re-issuing (resend, reminder, letter) adds a link to the person's one invitation: every
// link they were sent keeps working until they answer or an organiser revokes it on purpose ("Thu hồi"), up
// to MAX_LIVE_LINKS per person. A token is shown once, to the organiser who issued it, or travels sealed in
// the delivery queue until it is sent (then erased).
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import { inIds } from '../db/portable';
import { inTransaction } from '../db/transaction';
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { CampaignRow, Database, LinkChannel } from '../db/schema';
import { message, refuse, type Message } from '$lib/domain/message';
import { nowSeconds } from '../time';
import { randomToken, sha256Hex } from '../respondent/cookies';
import { cancelQueued, createBatch } from '../delivery/queue';
import { translator } from '$lib/i18n';
import { linkMessageRenderer } from '../campaigns/messages';
import type { OutgoingMessage, Sender } from './outbox';
import { refreshParticipation } from '../monitoring/counts';

export interface IssuedLink {
	personId: number;
	fullName: string;
	unitName: string;
	token: string;
}

type Fail = { ok: false; error: Message };

export const linkPath = (token: string) => `/s/${token}`;

/** Live links one person may hold; a new one beyond this revokes their oldest (reason 'limit'). */
export const MAX_LIVE_LINKS = 10;

/**
 * Person `p` holds no credential through any of their links: someone whose credential came through a since-revoked
 * link is done, not "missing". By person only (a person belongs to one campaign): a campaign filter here makes
 * SQLite scan every invitation per person.
 */
export const neverCredentialed = ({ not, exists, selectFrom }: ExpressionBuilder<PersonP, 'p'>) =>
	not(
		exists(
			selectFrom('invitation as c')
				.select('c.id')
				.whereRef('c.person_id', '=', 'p.id')
				.where('c.credential_at', 'is not', null)
		)
	);
type PersonP = Database & { p: Database['person'] };

async function eligiblePeople(
	db: Db,
	campaignId: number,
	personIds: number[] | 'missing',
	page?: { afterId: number; limit: number }
) {
	const q = db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.leftJoin('invitation as i', (j) => j.onRef('i.person_id', '=', 'p.id').on('i.status', '=', 'active'))
		.select([
			'p.id',
			'p.full_name',
			'p.email',
			'p.phone',
			'u.code as unit_code',
			'u.name as unit_name',
			'i.id as active_id',
			'i.credential_at'
		])
		.where('p.campaign_id', '=', campaignId);
	// The list as one parameter: a reminder to every non-respondent of a large round names more people than a
	// statement may bind one by one (SQLite 32,766, PostgreSQL 65,535). The caller sorts the links for showing.
	if (personIds !== 'missing') return q.where(inIds(db, 'p.id', personIds)).execute();
	const missing = q.where('i.id', 'is', null).where(neverCredentialed);
	// Parts walk the roster by id (cheap), not by unit and name (a sort of everyone left, per part).
	if (page) return missing.where('p.id', '>', page.afterId).orderBy('p.id').limit(page.limit).execute();
	return missing.orderBy('u.code').orderBy('p.full_name').orderBy('p.id').execute();
}

export interface IssueOptions {
	sender: Sender;
	origin: string;
	/** Demo mode: links also go to the demo outbox (as `deliver`), and all of them are returned. */
	demo: boolean;
	/** Queue an invitation to each person through their own channel, in one delivery batch. */
	deliver?: boolean;
	/** What the queued message says: an invitation (default) or a reminder (reminders.ts), each with the fresh link. */
	kind?: 'invitation' | 'reminder';
	/** Where the links go when not by a delivery route: 'letter' (printed) or, by default, 'screen'. */
	channel?: LinkChannel;
}

export interface IssueResult {
	ok: true;
	/** Links to show once: all of them when printing; when delivering only those no channel reaches (and all in the demo). */
	links: IssuedLink[];
	/** The delivery batch (for batchProgress), or null when nothing was queued. */
	batchId: number | null;
	queued: number;
	/** People issued a link that no channel reaches: hand them a printed letter. */
	notReached: number[];
}

type Campaign = Pick<CampaignRow, 'id' | 'state' | 'title'> & Partial<Pick<CampaignRow, 'closes_on'>>;
const CHUNK = 500;
// "Everyone missing" runs in parts of this size, each its own transaction and audit event, so a
// 100,000-person campaign never holds the database (and this process) long enough to stall respondents.
const PART = 2000;

/**
 * Issues links for the given people (all or nothing), or for everyone without a live link, and (with
 * `deliver`) queues the invitations in the same transaction as the links, in one delivery batch. A
 * person who already holds a credential keeps it: their link cannot be re-issued. `staff` null: the
 * system (scheduled reminders).
 */
export async function issueInvitations(
	db: Db,
	campaign: Campaign,
	personIds: number[] | 'missing',
	staff: Staff | null,
	meta: RequestMeta,
	options: IssueOptions,
	now = nowSeconds()
): Promise<IssueResult | Fail> {
	if (campaign.state !== 'open') return refuse(message('invitation.error.notOpen'));
	const deliver = options.deliver ?? options.demo;
	// Nothing configured: refuse before writing anything rather than issue links nobody sends.
	if (deliver && !options.sender.available) return refuse(message('delivery.error.noChannel'));
	const result: IssueResult = { ok: true, links: [], batchId: null, queued: 0, notReached: [] };
	const unitCodes = new Map<number, string>();
	for (let afterId = 0, first = true; ; first = false) {
		const part = await inTransaction(db, (trx) =>
			issuePart(
				trx,
				campaign,
				personIds,
				staff,
				meta,
				{ ...options, deliver },
				{ batchId: result.batchId, first, afterId },
				now
			)
		);
		if (!part.ok) return part;
		result.links.push(...part.links);
		result.batchId ??= part.batchId;
		result.queued += part.queued;
		result.notReached.push(...part.notReached);
		part.unitCodes.forEach((code, id) => unitCodes.set(id, code));
		afterId = part.lastId;
		if (personIds !== 'missing' || part.people < PART) {
			// Shown (or printed) by unit, then name, as the organiser expects.
			const key = (l: IssuedLink) => unitCodes.get(l.personId) ?? '';
			result.links.sort(
				(a, b) => key(a).localeCompare(key(b)) || a.fullName.localeCompare(b.fullName, 'vi') || a.personId - b.personId
			);
			return result;
		}
		// better-sqlite3 never yields: let other requests run between parts.
		await new Promise((resolve) => setImmediate(resolve));
	}
}

async function issuePart(
	trx: Transaction<Database>,
	campaign: Campaign,
	personIds: number[] | 'missing',
	staff: Staff | null,
	meta: RequestMeta,
	options: IssueOptions & { deliver: boolean },
	state: { batchId: number | null; first: boolean; afterId: number },
	now: number
): Promise<(IssueResult & { people: number; lastId: number; unitCodes: Map<number, string> }) | Fail> {
	const people = await eligiblePeople(
		trx,
		campaign.id,
		personIds,
		personIds === 'missing' ? { afterId: state.afterId, limit: PART } : undefined
	);
	const unitCodes = new Map(people.map((p) => [p.id, p.unit_code]));
	const lastId = people.length ? people[people.length - 1].id : state.afterId;
	if (!people.length && !state.first)
		return { ok: true, links: [], batchId: null, queued: 0, notReached: [], people: 0, lastId, unitCodes };
	if (personIds !== 'missing' && people.length !== new Set(personIds).size)
		return refuse(message('invitation.error.unknownPerson'));
	if (people.some((p) => p.credential_at !== null)) return refuse(message('invitation.error.alreadyCredentialed'));
	// A credential given on a revoked link still counts: never issue a second link to that person
	// ('missing' already leaves such people out).
	const credentialed =
		personIds !== 'missing' &&
		(await trx
			.selectFrom('invitation')
			.select('person_id')
			.where('campaign_id', '=', campaign.id)
			.where('credential_at', 'is not', null)
			.where(
				inIds(
					trx,
					'person_id',
					people.map((p) => p.id)
				)
			)
			.executeTakeFirst());
	if (credentialed) return refuse(message('invitation.error.alreadyCredentialed'));
	// Re-issuing adds a link: the links sent before stay live (and so do the messages queued with them).
	const reissued = people.filter((p) => p.active_id !== null);
	const links: IssuedLink[] = people.map((p) => ({
		personId: p.id,
		fullName: p.full_name,
		unitName: p.unit_name,
		token: randomToken()
	}));
	const routes = people.map((p) => (options.deliver ? options.sender.routeFor(p) : null));
	const invitationIds = await openInvitations(trx, campaign.id, people, links, staff, now);
	const linkRows = links.map((l, i) => ({
		invitation_id: invitationIds.get(l.personId)!,
		token_hash: sha256Hex(l.token),
		channel: options.channel ?? routes[i]?.channel ?? ('screen' as const),
		issued_at: now,
		issued_by: staff?.id ?? null
	}));
	for (let i = 0; i < linkRows.length; i += CHUNK)
		await trx
			.insertInto('invitation_link')
			.values(linkRows.slice(i, i + CHUNK))
			.execute();
	const capped = await capLiveLinks(
		trx,
		reissued.map((p) => p.active_id!),
		now
	);
	const kind = options.kind ?? 'invitation';
	const messages: OutgoingMessage[] = [];
	const notReached: IssuedLink[] = [];
	if (options.deliver) {
		// The campaign's own texts (or the defaults) and letterhead, read once per part, not per person.
		const render = await linkMessageRenderer(trx, campaign.id, kind);
		people.forEach((p, i) => {
			const route = routes[i];
			if (!route) return void notReached.push(links[i]);
			const vars = {
				fullName: p.full_name,
				title: campaign.title,
				url: `${options.origin}${linkPath(links[i].token)}`,
				closesOn: campaign.closes_on
			};
			messages.push({
				campaignId: campaign.id,
				personId: p.id,
				kind,
				route,
				content: render({ ...vars, unitName: p.unit_name }, route)
			});
		});
	}
	let batchId = state.batchId;
	if (messages.length && batchId === null)
		batchId = await createBatch(
			trx,
			{ campaignId: campaign.id, kind, total: messages.length, createdBy: staff?.id ?? null },
			now
		);
	else if (messages.length)
		await trx
			.updateTable('delivery_batch')
			.set((eb) => ({ total: eb('total', '+', messages.length) }))
			.where('id', '=', batchId!)
			.execute();
	await options.sender.send(
		trx,
		messages.map((m) => ({ ...m, batchId })),
		now
	);
	await appendAuditEvent(
		trx,
		{
			actor: staff ? staffActor(staff) : { type: 'system', label: 'scheduler' },
			action: 'invitation.issued',
			subject:
				personIds !== 'missing' && people.length === 1
					? { type: 'person', id: people[0].id }
					: { type: 'campaign', id: campaign.id },
			meta,
			payload: {
				campaign: campaign.id,
				count: links.length,
				reissued: reissued.length,
				...(capped ? { capped } : {}),
				...(options.deliver ? { kind, queued: messages.length, batch: batchId, notReached: notReached.length } : {})
			}
		},
		now
	);
	const shown = !options.deliver || options.demo ? links : notReached;
	return {
		ok: true,
		links: shown,
		batchId,
		queued: messages.length,
		notReached: notReached.map((l) => l.personId),
		people: people.length,
		lastId,
		unitCodes
	};
}

/**
 * The person's active invitation, opened now for those without one (its `token_hash` keeps the first link's
 * hash: see migration 0012). Returns person id → invitation id.
 */
async function openInvitations(
	trx: Transaction<Database>,
	campaignId: number,
	people: { id: number; active_id: number | null }[],
	links: IssuedLink[],
	staff: Staff | null,
	now: number
): Promise<Map<number, number>> {
	const ids = new Map<number, number>();
	const fresh: { personId: number; hash: string }[] = [];
	people.forEach((p, i) => {
		if (p.active_id !== null) ids.set(p.id, p.active_id);
		else fresh.push({ personId: p.id, hash: sha256Hex(links[i].token) });
	});
	for (let i = 0; i < fresh.length; i += CHUNK) {
		const part = fresh.slice(i, i + CHUNK);
		await trx
			.insertInto('invitation')
			.values(
				part.map((f) => ({
					campaign_id: campaignId,
					person_id: f.personId,
					token_hash: f.hash,
					status: 'active' as const,
					issued_at: now,
					issued_by: staff?.id ?? null
				}))
			)
			.execute();
		const rows = await trx
			.selectFrom('invitation')
			.select(['id', 'person_id'])
			.where('status', '=', 'active')
			.where(
				'person_id',
				'in',
				part.map((f) => f.personId)
			)
			.execute();
		for (const r of rows) ids.set(r.person_id, r.id);
	}
	await refreshParticipation(
		trx,
		fresh.map((f) => f.personId)
	);
	return ids;
}

/** Keeps at most MAX_LIVE_LINKS live links per invitation: the oldest go, reason 'limit'. Returns how many. */
async function capLiveLinks(trx: Transaction<Database>, invitationIds: number[], now: number): Promise<number> {
	let revoked = 0;
	for (let i = 0; i < invitationIds.length; i += CHUNK) {
		const over = await trx
			.selectFrom('invitation_link')
			.select('invitation_id')
			.where('invitation_id', 'in', invitationIds.slice(i, i + CHUNK))
			.where('revoked_at', 'is', null)
			.groupBy('invitation_id')
			.having((eb) => eb.fn.countAll(), '>', MAX_LIVE_LINKS)
			.execute();
		for (const { invitation_id } of over) {
			const live = await trx
				.selectFrom('invitation_link')
				.select('id')
				.where('invitation_id', '=', invitation_id)
				.where('revoked_at', 'is', null)
				.orderBy('issued_at', 'desc')
				.orderBy('id', 'desc')
				.execute();
			const oldest = live.slice(MAX_LIVE_LINKS).map((l) => l.id);
			await trx
				.updateTable('invitation_link')
				.set({ revoked_at: now, revoked_reason: 'limit' })
				.where('id', 'in', oldest)
				.execute();
			await trx.deleteFrom('respondent_session').where('link_id', 'in', oldest).execute();
			revoked += oldest.length;
		}
	}
	return revoked;
}

/** How many of these people hold live links, and how many links: what a revocation would take away. */
export async function countLiveLinks(
	db: Db,
	campaignId: number,
	personIds: number[]
): Promise<{ people: number; links: number }> {
	const totals = { people: 0, links: 0 };
	for (let i = 0; i < personIds.length; i += CHUNK) {
		const row = await db
			.selectFrom('invitation_link as l')
			.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
			.select((eb) => [
				eb.fn.count<number>('i.person_id').distinct().as('people'),
				eb.fn.countAll<number>().as('links')
			])
			.where('i.campaign_id', '=', campaignId)
			.where('i.status', '=', 'active')
			.where('i.person_id', 'in', personIds.slice(i, i + CHUNK))
			.where('l.revoked_at', 'is', null)
			.executeTakeFirstOrThrow();
		totals.people += Number(row.people);
		totals.links += Number(row.links);
	}
	return totals;
}

export interface PersonLink {
	id: number;
	channel: LinkChannel;
	issuedAt: number;
	revokedAt: number | null;
	revokedReason: 'organiser' | 'limit' | 'credential' | 'legacy' | null;
	/** The person answered: every link of theirs now leads to "already answered". */
	answered: boolean;
}

/** Every link a person was sent in this campaign, newest first (the per-person history). */
export async function listPersonLinks(db: Db, campaignId: number, personId: number): Promise<PersonLink[]> {
	const rows = await db
		.selectFrom('invitation_link as l')
		.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
		.select(['l.id', 'l.channel', 'l.issued_at', 'l.revoked_at', 'l.revoked_reason', 'i.credential_at'])
		.where('i.campaign_id', '=', campaignId)
		.where('i.person_id', '=', personId)
		.orderBy('l.issued_at', 'desc')
		.orderBy('l.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		channel: r.channel,
		issuedAt: r.issued_at,
		revokedAt: r.revoked_at,
		revokedReason: r.revoked_reason,
		answered: r.credential_at !== null
	}));
}

/** Ends an invitation: all its live links, its queued messages and its sessions, in the caller's transaction. */
async function closeInvitation(
	trx: Transaction<Database>,
	invitationId: number,
	personId: number,
	staff: Staff,
	now: number
): Promise<number[]> {
	const live = await trx
		.selectFrom('invitation_link')
		.select('id')
		.where('invitation_id', '=', invitationId)
		.where('revoked_at', 'is', null)
		.execute();
	await trx
		.updateTable('invitation_link')
		.set({ revoked_at: now, revoked_reason: 'organiser', revoked_by: staff.id })
		.where('invitation_id', '=', invitationId)
		.where('revoked_at', 'is', null)
		.execute();
	await trx
		.updateTable('invitation')
		.set({ status: 'revoked', revoked_at: now })
		.where('id', '=', invitationId)
		.execute();
	await refreshParticipation(trx, personId);
	await cancelQueued(
		trx,
		{ personIds: [personId], kinds: ['invitation', 'reminder'] },
		'delivery.error.cancelledRevoked',
		now
	);
	await trx.deleteFrom('respondent_session').where('invitation_id', '=', invitationId).execute();
	return live.map((l) => l.id);
}

/** "Thu hồi": every live link of the person dies, with their queued messages and open sessions. */
export async function revokeInvitation(
	db: Db,
	campaign: Pick<CampaignRow, 'id'>,
	personId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; links: number } | Fail> {
	return inTransaction(db, async (trx) => {
		const inv = await trx
			.selectFrom('invitation')
			.select(['id', 'credential_at'])
			.where('campaign_id', '=', campaign.id)
			.where('person_id', '=', personId)
			.where('status', '=', 'active')
			.executeTakeFirst();
		if (!inv) return refuse(message('invitation.error.noActiveLink'));
		// The credential is already given: revoking cannot take it back, it would only hide it from the list.
		if (inv.credential_at !== null) return refuse(message('invitation.error.revokeCredentialed'));
		const links = await closeInvitation(trx, inv.id, personId, staff, now);
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'invitation.revoked',
				subject: { type: 'person', id: personId },
				meta,
				payload: { campaign: campaign.id, invitation: inv.id, links }
			},
			now
		);
		return { ok: true, links: links.length } as const;
	});
}

/**
 * Revokes one link (the per-person history's button). The sessions it opened end, and so do the messages
 * still queued with it (queued in the same transaction, so at the same second, for the same person). The
 * person's last live link takes the invitation with it, as "Thu hồi" does.
 */
export async function revokeLink(
	db: Db,
	campaign: Pick<CampaignRow, 'id'>,
	linkId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; invitationClosed: boolean } | Fail> {
	return inTransaction(db, async (trx) => {
		const link = await trx
			.selectFrom('invitation_link as l')
			.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
			.select([
				'l.id',
				'l.revoked_at',
				'l.issued_at',
				'i.id as invitation_id',
				'i.person_id',
				'i.status',
				'i.credential_at'
			])
			.where('l.id', '=', linkId)
			.where('i.campaign_id', '=', campaign.id)
			.executeTakeFirst();
		if (!link) return refuse(message('invitation.error.unknownLink'));
		if (link.revoked_at !== null || link.status !== 'active') return refuse(message('invitation.error.linkDead'));
		if (link.credential_at !== null) return refuse(message('invitation.error.revokeCredentialed'));
		const others = await trx
			.selectFrom('invitation_link')
			.select('id')
			.where('invitation_id', '=', link.invitation_id)
			.where('revoked_at', 'is', null)
			.where('id', '!=', link.id)
			.executeTakeFirst();
		if (!others) await closeInvitation(trx, link.invitation_id, link.person_id, staff, now);
		else {
			await trx
				.updateTable('invitation_link')
				.set({ revoked_at: now, revoked_reason: 'organiser', revoked_by: staff.id })
				.where('id', '=', link.id)
				.execute();
			await trx.deleteFrom('respondent_session').where('link_id', '=', link.id).execute();
			await trx
				.updateTable('delivery')
				.set({
					status: 'cancelled',
					body_enc: null,
					claimed_at: null,
					last_error: translator('vi')('delivery.error.cancelledRevoked'),
					next_attempt_at: now
				})
				.where('person_id', '=', link.person_id)
				.where('kind', 'in', ['invitation', 'reminder'])
				.where('status', '=', 'queued')
				.where('created_at', '=', link.issued_at)
				.execute();
		}
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'invitation.revoked',
				subject: { type: 'person', id: link.person_id },
				meta,
				payload: { campaign: campaign.id, invitation: link.invitation_id, links: [link.id], last: !others }
			},
			now
		);
		return { ok: true, invitationClosed: !others } as const;
	});
}
