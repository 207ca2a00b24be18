// Loads one campaign's participation-side rows and turns them into proxy-completion flags.
// Reads people, invitations, devices and respondent events only: never answer_sheet, ballot_tally
// or ballot_cell_count (docs/integrity.md, "Two stores that never meet").
import { sql } from 'kysely';
import {
	FLAG_EVENT_ACTIONS,
	FLAG_KINDS,
	FLAG_SEVERITY,
	computeProxyFlags,
	type FlagDevice,
	type FlagEvent,
	type FlagEventAction,
	type FlagPerson,
	type ProxyFlag,
	type ProxyFlagOptions
} from '$lib/domain/proxy-flags';
import { flagIdentity } from '$lib/domain/flag-review';
import { maskEmail, maskPhone } from '$lib/domain/mask';
import { vietnamDate } from '$lib/domain/vietnam-time';
import type { Role } from '$lib/domain/roles';
import type { Staff } from '../auth/staff';
import { canManageCampaign } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import { jsonValue } from '../db/portable';
import type { CampaignRow } from '../db/schema';

// SQLite caps bound parameters per statement; ids are looked up in slices of this size.
const CHUNK = 500;

/** Roles that may see flags at all; analysts read results, not who took part or how. */
export const PROXY_FLAG_ROLES: readonly Role[] = ['admin', 'auditor', 'organiser'];

/** Admins and auditors see every campaign's flags; organisers those of campaigns they manage. */
export async function canViewProxyFlags(
	db: Db,
	staff: Staff,
	campaign: Pick<CampaignRow, 'scope_unit_id'>
): Promise<boolean> {
	if (staff.role === 'admin' || staff.role === 'auditor') return true;
	if (staff.role === 'organiser') return canManageCampaign(db, staff, campaign);
	return false;
}

function chunks<T>(values: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
	return out;
}

/** People whose e-mail or phone is also someone else's in this campaign (grouped in SQL). */
async function peopleSharingContact(db: Db, campaignId: number): Promise<FlagPerson[]> {
	const sharedEmails = db
		.selectFrom('person')
		.select(sql<string>`lower(trim(email))`.as('v'))
		.where('campaign_id', '=', campaignId)
		.where('email', 'is not', null)
		.groupBy(sql`lower(trim(email))`)
		.having(sql`count(*)`, '>', 1);
	const sharedPhones = db
		.selectFrom('person')
		.select(sql<string>`trim(phone)`.as('v'))
		.where('campaign_id', '=', campaignId)
		.where('phone', 'is not', null)
		.groupBy(sql`trim(phone)`)
		.having(sql`count(*)`, '>', 1);
	return db
		.selectFrom('person')
		.select(['id', 'email', 'phone'])
		.where('campaign_id', '=', campaignId)
		.where((eb) => eb.or([eb(sql`lower(trim(email))`, 'in', sharedEmails), eb(sql`trim(phone)`, 'in', sharedPhones)]))
		.execute();
}

/**
 * Device rows that can matter: a device used on two or more links, or a link verified on two or
 * more devices. Everything else (one device, one link — nearly everyone) stays in the database.
 */
async function devicesOfInterest(db: Db, campaignId: number): Promise<FlagDevice[]> {
	const used = db
		.selectFrom('invitation_device as d')
		.innerJoin('invitation as i', 'i.id', 'd.invitation_id')
		.where('i.campaign_id', '=', campaignId)
		.where((eb) => eb.or([eb('d.verified_at', 'is not', null), eb('d.credential_at', 'is not', null)]));
	const sharedDevices = used
		.select('d.device_hash')
		.groupBy('d.device_hash')
		.having(sql`count(distinct d.invitation_id)`, '>', 1);
	const multiDeviceLinks = used
		.select('d.invitation_id')
		.where('d.verified_at', 'is not', null)
		.groupBy('d.invitation_id')
		.having(sql`count(*)`, '>', 1);
	const rows = await used
		.select(['d.invitation_id', 'd.device_hash', 'd.verified_at', 'd.credential_at'])
		.where((eb) => eb.or([eb('d.device_hash', 'in', sharedDevices), eb('d.invitation_id', 'in', multiDeviceLinks)]))
		.execute();
	return rows.map((r) => ({
		invitationId: r.invitation_id,
		deviceHash: r.device_hash,
		verifiedAt: r.verified_at,
		credentialAt: r.credential_at
	}));
}

/** Respondent events of the campaign's links, with the payload fields the rules read (via the actor index). */
async function respondentEvents(db: Db, campaignId: number, actions: readonly FlagEventAction[]): Promise<FlagEvent[]> {
	// CROSS JOIN fixes SQLite's join order: the campaign's links first, then each link's events
	// through audit_event_actor_idx. The other order would scan every respondent event ever logged.
	const rows = await db
		.selectFrom('invitation as i')
		.crossJoin('audit_event as e')
		.select([
			'e.seq',
			'e.at',
			'i.id as invitation_id',
			'e.action',
			'e.ip',
			jsonValue<string>(db, 'e.payload', 'device').as('device'),
			jsonValue<number>(db, 'e.payload', 'otherDevice').as('other_device'),
			jsonValue<string>(db, 'e.payload', 'channel').as('channel'),
			jsonValue<string>(db, 'e.payload', 'fingerprint').as('fingerprint')
		])
		.where('i.campaign_id', '=', campaignId)
		.where('e.actor_type', '=', 'invitation')
		.where('e.actor_id', '=', sql<string>`cast(i.id as text)`)
		.where('e.action', 'in', [...actions])
		.execute();
	return rows.map((r) => ({
		seq: r.seq,
		at: r.at,
		invitationId: r.invitation_id,
		action: r.action as FlagEventAction,
		ip: r.ip,
		device: r.device,
		otherDevice: r.other_device === 1,
		channel: r.channel,
		fingerprint: r.fingerprint
	}));
}

/** All rows the rules need for one campaign. */
export async function loadProxyFlagInput(db: Db, campaignId: number) {
	const people = await peopleSharingContact(db, campaignId);
	const invitations = (
		await db
			.selectFrom('invitation')
			.select(['id', 'person_id', 'attestation', 'assist_helper', 'assist_reason'])
			.where('campaign_id', '=', campaignId)
			.execute()
	).map((i) => ({
		id: i.id,
		personId: i.person_id,
		attestation: i.attestation,
		assistHelper: i.assist_helper,
		assistReason: i.assist_reason
	}));
	const devices = await devicesOfInterest(db, campaignId);
	// Every code request counts: it starts a session (serial completions) and carries the browser's
	// fingerprint (codes relayed), besides being the evidence of a shared contact.
	const events = await respondentEvents(db, campaignId, FLAG_EVENT_ACTIONS);
	events.sort((a, b) => a.seq - b.seq);
	return { people, invitations, devices, events };
}

export interface FlagEvidence {
	seq: number;
	action: FlagEventAction;
	at: number;
	/** The audit log filtered down to this event's link, action and day. */
	href: string;
}

/** The latest review of a flag (reviews are kept as a history: ./flag-reviews). */
export interface FlagReview {
	by: string;
	at: number;
	reason: string;
}

export interface FlagView extends Omit<ProxyFlag, 'evidenceSeqs'> {
	/** flagIdentity: what a review names. */
	key: string;
	people: { id: number; name: string; unit: string }[];
	evidence: FlagEvidence[];
	review: FlagReview | null;
}

/** The latest review of each reviewed flag of a campaign, by flag key. */
export async function latestFlagReviews(db: Db, campaignId: number): Promise<Map<string, FlagReview>> {
	const rows = await db
		.selectFrom('flag_review as r')
		.innerJoin('staff_user as s', 's.id', 'r.reviewed_by')
		.select(['r.flag_key', 'r.at', 'r.reason', 's.display_name', 's.username'])
		.where('r.campaign_id', '=', campaignId)
		.orderBy('r.id')
		.execute();
	const latest = new Map<string, FlagReview>();
	for (const r of rows) latest.set(r.flag_key, { by: r.display_name || r.username, at: r.at, reason: r.reason });
	return latest;
}

// The page shows whose contact it is by name; the address itself need not reach every auditor's screen.
const maskContact = (p: ProxyFlag['params']) =>
	p.channel === 'email' ? maskEmail(String(p.contact)) : maskPhone(String(p.contact));

export function auditHref(event: Pick<FlagEvent, 'invitationId' | 'action' | 'at'>): string {
	const day = vietnamDate(event.at);
	return `/audit?${new URLSearchParams({ actor: String(event.invitationId), action: event.action, from: day, to: day })}`;
}

/** The flags of one campaign, with names, units and links to the events behind each one. */
export async function listProxyFlags(
	db: Db,
	campaignId: number,
	options: Partial<ProxyFlagOptions> = {}
): Promise<FlagView[]> {
	const input = await loadProxyFlagInput(db, campaignId);
	const flags = computeProxyFlags(input, options);
	const personIds = [...new Set(flags.flatMap((f) => f.personIds))];
	const names = new Map<number, { name: string; unit: string }>();
	for (const ids of chunks(personIds)) {
		const rows = await db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(['p.id', 'p.full_name', 'u.name as unit_name'])
			.where('p.campaign_id', '=', campaignId)
			.where('p.id', 'in', ids)
			.execute();
		for (const r of rows) names.set(r.id, { name: r.full_name, unit: r.unit_name });
	}
	const bySeq = new Map(input.events.map((e) => [e.seq, e]));
	const reviews = flags.length > 0 ? await latestFlagReviews(db, campaignId) : new Map<string, FlagReview>();
	return flags.map(({ evidenceSeqs, ...f }) => ({
		...f,
		key: flagIdentity(f),
		review: reviews.get(flagIdentity(f)) ?? null,
		params: f.kind === 'sharedContact' ? { ...f.params, contact: maskContact(f.params) } : f.params,
		people: f.personIds
			.map((id) => ({ id, ...(names.get(id) ?? { name: `#${id}`, unit: '' }) }))
			.sort((a, b) => a.unit.localeCompare(b.unit, 'vi') || a.name.localeCompare(b.name, 'vi')),
		evidence: evidenceSeqs
			.map((seq) => bySeq.get(seq)!)
			.map((e) => ({ seq: e.seq, action: e.action, at: e.at, href: auditHref(e) }))
	}));
}

/** The flags grouped by kind, every kind listed (an empty group says "none found"), in the page's order. */
export async function listProxyFlagsByKind(db: Db, campaignId: number, options: Partial<ProxyFlagOptions> = {}) {
	const flags = await listProxyFlags(db, campaignId, options);
	return {
		total: flags.length,
		kinds: FLAG_KINDS.map((kind) => ({
			kind,
			severity: FLAG_SEVERITY[kind],
			flags: flags.filter((f) => f.kind === kind)
		}))
	};
}
