// Personal links (docs/integrity.md step 1): a random 160-bit token per person, only its SHA-256 stored;
// re-issuing revokes the previous link. The token is shown once, to the organiser who issued it, or
// travels sealed in the delivery queue until it is sent (then erased).
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { Transaction } from 'kysely';
import type { CampaignRow, Database } from '../db/schema';
import { message, refuse, type Message } from '$lib/domain/message';
import { nowSeconds } from '../time';
import { randomToken, sha256Hex } from '../respondent/cookies';
import { cancelQueued, createBatch } from '../delivery/queue';
import { invitationMessage, reminderMessage } from '../delivery/templates';
import type { OutgoingMessage, Sender } from './outbox';

export interface IssuedLink {
	personId: number;
	fullName: string;
	unitName: string;
	token: string;
}

type Fail = { ok: false; error: Message };

export const linkPath = (token: string) => `/s/${token}`;

async function eligiblePeople(
	db: Db,
	campaignId: number,
	personIds: number[] | 'missing',
	page?: { afterId: number; limit: number }
) {
	let q = db
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
	q =
		personIds === 'missing'
			? q
					.where('i.id', 'is', null)
					// Someone whose credential came through a since-revoked link is done, not "missing". By person
					// only (a person belongs to one campaign): a campaign filter here makes SQLite scan every invitation per person.
					.where(({ not, exists, selectFrom }) =>
						not(
							exists(
								selectFrom('invitation as c')
									.select('c.id')
									.whereRef('c.person_id', '=', 'p.id')
									.where('c.credential_at', 'is not', null)
							)
						)
					)
			: q.where('p.id', 'in', personIds.length ? personIds : [-1]);
	// Parts walk the roster by id (cheap), not by unit and name (a sort of everyone left, per part).
	if (page) return q.where('p.id', '>', page.afterId).orderBy('p.id').limit(page.limit).execute();
	return q.orderBy('u.code').orderBy('p.full_name').orderBy('p.id').execute();
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
			.where('person_id', 'in', people.length ? people.map((p) => p.id) : [-1])
			.executeTakeFirst());
	if (credentialed) return refuse(message('invitation.error.alreadyCredentialed'));
	const reissued = people.filter((p) => p.active_id !== null);
	for (let i = 0; i < reissued.length; i += CHUNK) {
		await trx
			.updateTable('invitation')
			.set({ status: 'revoked', revoked_at: now })
			.where(
				'id',
				'in',
				reissued.slice(i, i + CHUNK).map((p) => p.active_id!)
			)
			.execute();
	}
	// A queued letter would carry the old, now dead link.
	await cancelQueued(
		trx,
		{ personIds: reissued.map((p) => p.id), kinds: ['invitation', 'reminder'] },
		'delivery.error.cancelledReissued',
		now
	);
	const links: IssuedLink[] = people.map((p) => ({
		personId: p.id,
		fullName: p.full_name,
		unitName: p.unit_name,
		token: randomToken()
	}));
	for (let i = 0; i < links.length; i += CHUNK) {
		const rows = links.slice(i, i + CHUNK).map((l) => ({
			campaign_id: campaign.id,
			person_id: l.personId,
			token_hash: sha256Hex(l.token),
			status: 'active' as const,
			issued_at: now,
			issued_by: staff?.id ?? null
		}));
		await trx.insertInto('invitation').values(rows).execute();
	}
	const kind = options.kind ?? 'invitation';
	const messages: OutgoingMessage[] = [];
	const notReached: IssuedLink[] = [];
	if (options.deliver) {
		people.forEach((p, i) => {
			const route = options.sender.routeFor(p);
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
				content: kind === 'reminder' ? reminderMessage(vars, route) : invitationMessage(vars, route)
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

export async function revokeInvitation(
	db: Db,
	campaign: Pick<CampaignRow, 'id'>,
	personId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true } | Fail> {
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
		await trx.updateTable('invitation').set({ status: 'revoked', revoked_at: now }).where('id', '=', inv.id).execute();
		await cancelQueued(
			trx,
			{ personIds: [personId], kinds: ['invitation', 'reminder'] },
			'delivery.error.cancelledRevoked',
			now
		);
		await trx.deleteFrom('respondent_session').where('invitation_id', '=', inv.id).execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'invitation.revoked',
				subject: { type: 'person', id: personId },
				meta,
				payload: { campaign: campaign.id, invitation: inv.id }
			},
			now
		);
		return { ok: true } as const;
	});
}
