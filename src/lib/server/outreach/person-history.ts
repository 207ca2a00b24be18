// One person's participation history for the organiser: the facts buildTimeline shapes. Reads the
// participation tables only (person, invitation, invitation_link, delivery, otp_code, staff_user): never a
// table of the sealed side, a message body or a code.
import {
	buildTimeline,
	hasCredential,
	liveLinks,
	type HistoryEvent,
	type HistoryFacts,
	type LinkFact
} from '$lib/domain/person-history';
import type { Db } from '../db/open';
import { isUnitWithin } from '../units/units';
import { countLiveLinks } from './invitations';

export interface PersonHistory {
	person: { id: number; fullName: string; unitName: string; groupCode: string; hasContact: boolean };
	events: HistoryEvent[];
	live: LinkFact[];
	credentialed: boolean;
}

/** null: no such person in this campaign, or outside a scoped organiser's subtree. */
export async function loadPersonHistory(
	db: Db,
	campaignId: number,
	personId: number,
	scopeUnitId: number | null
): Promise<PersonHistory | null> {
	const person = await db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.innerJoin('respondent_group as g', 'g.id', 'p.group_id')
		.select(['p.id', 'p.full_name', 'p.unit_id', 'p.email', 'p.phone', 'u.name as unit_name', 'g.code as group_code'])
		.where('p.id', '=', personId)
		.where('p.campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!person) return null;
	if (scopeUnitId !== null && !(await isUnitWithin(db, person.unit_id, scopeUnitId))) return null;
	const facts = await readFacts(db, campaignId, personId);
	return {
		person: {
			id: person.id,
			fullName: person.full_name,
			unitName: person.unit_name,
			groupCode: person.group_code,
			hasContact: Boolean(person.email || person.phone)
		},
		events: buildTimeline(facts),
		live: liveLinks(facts),
		credentialed: hasCredential(facts)
	};
}

async function readFacts(db: Db, campaignId: number, personId: number): Promise<HistoryFacts> {
	const links = await db
		.selectFrom('invitation_link as l')
		.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
		.leftJoin('staff_user as ib', 'ib.id', 'l.issued_by')
		.leftJoin('staff_user as rb', 'rb.id', 'l.revoked_by')
		.select([
			'l.id',
			'l.channel',
			'l.issued_at',
			'l.revoked_at',
			'l.revoked_reason',
			'ib.display_name as issued_by',
			'rb.display_name as revoked_by'
		])
		.where('i.person_id', '=', personId)
		.where('i.campaign_id', '=', campaignId)
		.orderBy('l.id')
		.execute();
	// Status and times only: never the address it went to, the sealed body or the last error's text.
	const messages = await db
		.selectFrom('delivery')
		.select(['kind', 'channel', 'status', 'created_at', 'sent_at'])
		.where('person_id', '=', personId)
		.where('campaign_id', '=', campaignId)
		.where('kind', 'in', ['invitation', 'reminder'])
		.orderBy('id')
		.execute();
	const codes = await db
		.selectFrom('otp_code as o')
		.innerJoin('invitation as i', 'i.id', 'o.invitation_id')
		.select(['o.channel', 'o.created_at'])
		.where('i.person_id', '=', personId)
		.orderBy('o.id')
		.execute();
	const progress = await db
		.selectFrom('invitation')
		.select(['opened_at', 'verified_at', 'attested_at', 'attestation', 'credential_at'])
		.where('person_id', '=', personId)
		.where('campaign_id', '=', campaignId)
		.orderBy('id')
		.execute();
	return {
		links: links.map((l) => ({
			id: l.id,
			channel: l.channel,
			issuedAt: l.issued_at,
			issuedBy: l.issued_by,
			revokedAt: l.revoked_at,
			revokedReason: l.revoked_reason,
			revokedBy: l.revoked_by
		})),
		messages: messages.map((m) => ({
			kind: m.kind as 'invitation' | 'reminder',
			channel: m.channel,
			status: m.status,
			createdAt: m.created_at,
			sentAt: m.sent_at
		})),
		codes: codes.map((c) => ({ channel: c.channel, createdAt: c.created_at })),
		progress: progress.map((p) => ({
			openedAt: p.opened_at,
			verifiedAt: p.verified_at,
			attestedAt: p.attested_at,
			attestation: p.attestation,
			credentialAt: p.credential_at
		}))
	};
}

/** Who "Thu hồi tất cả" would hit and how many live links it kills; null outside the campaign or the scope. */
export async function revocationPreview(
	db: Db,
	campaignId: number,
	personId: number,
	scopeUnitId: number | null
): Promise<{ name: string; links: number; credentialed: boolean } | null> {
	const person = await db
		.selectFrom('person')
		.select(['id', 'full_name', 'unit_id'])
		.where('id', '=', personId)
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!person) return null;
	if (scopeUnitId !== null && !(await isUnitWithin(db, person.unit_id, scopeUnitId))) return null;
	const live = await countLiveLinks(db, campaignId, [personId]);
	const credential = await db
		.selectFrom('invitation')
		.select('id')
		.where('person_id', '=', personId)
		.where('credential_at', 'is not', null)
		.executeTakeFirst();
	return { name: person.full_name, links: live.links, credentialed: Boolean(credential) };
}
