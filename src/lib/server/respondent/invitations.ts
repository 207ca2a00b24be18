// Personal links (integrity.md step 1): a random 160-bit token per person, only its SHA-256 stored;
// re-issuing revokes the previous link. The token is shown once, to the organiser who issued it.
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../campaigns';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { CampaignRow } from '../db/schema';
import { countFailure, secondsLocked } from '../auth/throttle';
import { nowSeconds } from '../time';
import { randomToken, sha256Hex } from './cookies';
import { contactOf, type Sender } from './outbox';
import { createRespondentSession } from './sessions';

export interface IssuedLink {
	personId: number;
	fullName: string;
	unitName: string;
	token: string;
}

type Fail = { ok: false; error: string };
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;
// Guessing a 160-bit token is hopeless; this only stops a flood of bad links from filling the log.
const BAD_LINK_POLICY = { maxFailures: 100, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

export const linkPath = (token: string) => `/s/${token}`;

async function eligiblePeople(db: Db, campaignId: number, personIds: number[] | 'missing') {
	let q = db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.leftJoin('invitation as i', (j) => j.onRef('i.person_id', '=', 'p.id').on('i.status', '=', 'active'))
		.select(['p.id', 'p.full_name', 'p.email', 'p.phone', 'u.name as unit_name', 'i.id as active_id', 'i.credential_at'])
		.where('p.campaign_id', '=', campaignId);
	q =
		personIds === 'missing'
			? q
					.where('i.id', 'is', null)
					// Someone whose credential came through a since-revoked link is done, not "missing".
					.where(({ not, exists, selectFrom }) =>
						not(exists(selectFrom('invitation as c').select('c.id').whereRef('c.person_id', '=', 'p.id').where('c.campaign_id', '=', campaignId).where('c.credential_at', 'is not', null)))
					)
			: q.where('p.id', 'in', personIds.length ? personIds : [-1]);
	return q.orderBy('u.code').orderBy('p.full_name').execute();
}

/**
 * Issues links for the given people, or for everyone without a live link. A person who already
 * holds a credential keeps it: their link cannot be re-issued (one credential per person).
 */
export async function issueInvitations(
	db: Db,
	campaign: Pick<CampaignRow, 'id' | 'state' | 'title'>,
	personIds: number[] | 'missing',
	staff: Staff,
	meta: RequestMeta,
	options: { sender: Sender; origin: string; demo: boolean },
	now = nowSeconds()
): Promise<{ ok: true; links: IssuedLink[] } | Fail> {
	if (campaign.state !== 'open') return { ok: false, error: 'invitation.error.notOpen' };
	return inTransaction(db, async (trx) => {
		const people = await eligiblePeople(trx, campaign.id, personIds);
		if (personIds !== 'missing' && people.length !== new Set(personIds).size) return { ok: false, error: 'invitation.error.unknownPerson' } as Fail;
		if (people.some((p) => p.credential_at !== null)) return { ok: false, error: 'invitation.error.alreadyCredentialed' } as Fail;
		// A credential given on a revoked link still counts: never issue a second link to that person.
		const credentialed = await trx
			.selectFrom('invitation')
			.select('person_id')
			.where('campaign_id', '=', campaign.id)
			.where('credential_at', 'is not', null)
			.where('person_id', 'in', people.length ? people.map((p) => p.id) : [-1])
			.executeTakeFirst();
		if (credentialed) return { ok: false, error: 'invitation.error.alreadyCredentialed' } as Fail;
		const links: IssuedLink[] = [];
		for (const p of people) {
			if (p.active_id !== null) {
				await trx.updateTable('invitation').set({ status: 'revoked', revoked_at: now }).where('id', '=', p.active_id).execute();
			}
			const token = randomToken();
			await trx
				.insertInto('invitation')
				.values({ campaign_id: campaign.id, person_id: p.id, token_hash: sha256Hex(token), status: 'active', issued_at: now, issued_by: staff.id })
				.execute();
			links.push({ personId: p.id, fullName: p.full_name, unitName: p.unit_name, token });
			const contact = contactOf(p);
			if (options.demo && contact) {
				await options.sender.send(
					trx,
					{
						...contact,
						subject: `Phiếu khảo sát: ${campaign.title}`,
						body: `Kính gửi ${p.full_name},\nĐây là liên kết cá nhân để ông/bà tự mình trả lời phiếu khảo sát: ${options.origin}${linkPath(token)}\nKhông chuyển liên kết này cho người khác trả lời thay.`
					},
					now
				);
			}
		}
		const reissued = people.filter((p) => p.active_id !== null).length;
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'invitation.issued',
				subject: personIds !== 'missing' && people.length === 1 ? { type: 'person', id: people[0].id } : { type: 'campaign', id: campaign.id },
				meta,
				payload: { campaign: campaign.id, count: links.length, reissued }
			},
			now
		);
		return { ok: true, links } as const;
	});
}

export async function revokeInvitation(db: Db, campaign: Pick<CampaignRow, 'id'>, personId: number, staff: Staff, meta: RequestMeta, now = nowSeconds()): Promise<{ ok: true } | Fail> {
	return inTransaction(db, async (trx) => {
		const inv = await trx
			.selectFrom('invitation')
			.select(['id', 'credential_at'])
			.where('campaign_id', '=', campaign.id)
			.where('person_id', '=', personId)
			.where('status', '=', 'active')
			.executeTakeFirst();
		if (!inv) return { ok: false, error: 'invitation.error.noActiveLink' } as Fail;
		// The credential is already given: revoking cannot take it back, it would only hide it from the list.
		if (inv.credential_at !== null) return { ok: false, error: 'invitation.error.revokeCredentialed' } as Fail;
		await trx.updateTable('invitation').set({ status: 'revoked', revoked_at: now }).where('id', '=', inv.id).execute();
		await trx.deleteFrom('respondent_session').where('invitation_id', '=', inv.id).execute();
		await appendAuditEvent(trx, { actor: staffActor(staff), action: 'invitation.revoked', subject: { type: 'person', id: personId }, meta, payload: { campaign: campaign.id, invitation: inv.id } }, now);
		return { ok: true } as const;
	});
}

export type LinkStatus = 'none' | 'issued' | 'opened' | 'verified' | 'credentialed';

export interface InvitationListRow {
	personId: number;
	fullName: string;
	unitName: string;
	groupCode: string;
	hasContact: boolean;
	status: LinkStatus;
	attestation: 'personal' | 'assisted' | null;
	issuedAt: number | null;
}

export async function listInvitations(db: Db, campaignId: number, options: { offset: number; limit: number; query?: string }): Promise<{ rows: InvitationListRow[]; total: number; counts: Record<LinkStatus, number> }> {
	const base = db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.innerJoin('respondent_group as g', 'g.id', 'p.group_id')
		.leftJoin('invitation as i', (j) => j.onRef('i.person_id', '=', 'p.id').on('i.status', '=', 'active'))
		.where('p.campaign_id', '=', campaignId);
	const filtered = options.query ? base.where((eb) => eb.or([eb('p.full_name', 'like', `%${options.query}%`), eb('u.name', 'like', `%${options.query}%`)])) : base;
	const rows = await filtered
		.select(['p.id', 'p.full_name', 'p.email', 'p.phone', 'u.name as unit_name', 'g.code as group_code', 'i.id as inv_id', 'i.issued_at', 'i.opened_at', 'i.verified_at', 'i.credential_at', 'i.attestation'])
		.orderBy('u.code')
		.orderBy('p.full_name')
		// Namesakes in one unit are common: the id keeps the order stable from page to page.
		.orderBy('p.id')
		.offset(options.offset)
		.limit(options.limit)
		.execute();
	const totals = await base
		.select((eb) => [
			eb.fn.countAll<number>().as('people'),
			eb.fn.count<number>('i.id').as('issued'),
			eb.fn.count<number>('i.opened_at').as('opened'),
			eb.fn.count<number>('i.verified_at').as('verified'),
			eb.fn.count<number>('i.credential_at').as('credentialed')
		])
		.executeTakeFirstOrThrow();
	const filteredTotal = options.query ? (await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n : totals.people;
	const statusOf = (r: (typeof rows)[number]): LinkStatus =>
		r.inv_id === null ? 'none' : r.credential_at ? 'credentialed' : r.verified_at ? 'verified' : r.opened_at ? 'opened' : 'issued';
	return {
		rows: rows.map((r) => ({
			personId: r.id,
			fullName: r.full_name,
			unitName: r.unit_name,
			groupCode: r.group_code,
			hasContact: Boolean(r.email || r.phone),
			status: statusOf(r),
			attestation: r.attestation,
			issuedAt: r.issued_at
		})),
		total: Number(filteredTotal),
		counts: {
			none: Number(totals.people) - Number(totals.issued),
			issued: Number(totals.issued),
			opened: Number(totals.opened),
			verified: Number(totals.verified),
			credentialed: Number(totals.credentialed)
		}
	};
}

/**
 * Opening a link: a valid token becomes a respondent session bound to the invitation and the device
 * (the token leaves the URL at once). Forged, revoked and unknown tokens all get the same answer.
 */
export async function openLink(db: Db, token: string, deviceHash: string, meta: RequestMeta, now = nowSeconds()): Promise<{ ok: true; token: string; expiresAt: number } | { ok: false; error: string }> {
	const ipKey = `bad-link-ip:${meta.ip ?? 'unknown'}`;
	if ((await secondsLocked(db, ipKey, now)) > 0) return { ok: false, error: 'respondent.error.badLink' };
	const inv = TOKEN_PATTERN.test(token)
		? await db
				.selectFrom('invitation as i')
				.innerJoin('campaign as c', 'c.id', 'i.campaign_id')
				.select(['i.id', 'i.status', 'i.opened_at', 'c.state'])
				.where('i.token_hash', '=', sha256Hex(token))
				.executeTakeFirst()
		: undefined;
	if (!inv || inv.status !== 'active' || inv.state === 'draft') {
		await inTransaction(db, async (trx) => {
			await countFailure(trx, ipKey, BAD_LINK_POLICY, now);
			// Never the token itself: the log must not hold a key to anyone's questionnaire.
			await appendAuditEvent(trx, { actor: { type: 'anonymous' }, action: 'link.invalid', meta, payload: { device: deviceHash, revoked: inv?.status === 'revoked' } }, now);
		});
		return { ok: false, error: 'respondent.error.badLink' };
	}
	return inTransaction(db, async (trx) => {
		if (inv.opened_at === null) await trx.updateTable('invitation').set({ opened_at: now }).where('id', '=', inv.id).execute();
		const known = await trx.selectFrom('invitation_device').select('device_hash').where('invitation_id', '=', inv.id).where('device_hash', '=', deviceHash).executeTakeFirst();
		if (!known) {
			await trx.insertInto('invitation_device').values({ invitation_id: inv.id, device_hash: deviceHash, first_seen_at: now, verified_at: null, credential_at: null }).execute();
		}
		await appendAuditEvent(trx, { actor: { type: 'invitation', id: inv.id }, action: 'link.opened', subject: { type: 'invitation', id: inv.id }, meta, payload: { device: deviceHash, newDevice: !known } }, now);
		const session = await createRespondentSession(trx, inv.id, deviceHash, now);
		return { ok: true, ...session } as const;
	});
}
