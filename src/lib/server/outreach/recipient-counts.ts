// What a bulk action will do, before it does it: who it reaches and by which channel. The confirm
// panel and the action read the same people here, so the count shown is the count acted on.
import type { Db } from '../db/open';
import { listUnitTree } from '../units/units';
import { neverCredentialed } from './invitations';
import type { Sender } from './outbox';

export interface Recipient {
	id: number;
	unitId: number;
	email: string | null;
	phone: string | null;
}

export interface RecipientCounts {
	people: number;
	units: number;
	email: number;
	sms: number;
	/** No configured channel reaches them: they need a printed letter. */
	none: number;
}

const CHUNK = 500;

/** Counts people by the contact their message would go to (the demo outbox counts as the contact it stands for). */
export function countByRoute(people: readonly Recipient[], sender: Pick<Sender, 'routeFor'>): RecipientCounts {
	const counts: RecipientCounts = {
		people: people.length,
		units: new Set(people.map((p) => p.unitId)).size,
		email: 0,
		sms: 0,
		none: 0
	};
	for (const p of people) {
		const route = sender.routeFor(p);
		if (!route) counts.none++;
		else counts[route.contact === 'email' ? 'email' : 'sms']++;
	}
	return counts;
}

/** The given people's contacts (for a list an action already chose). */
export async function recipientsOf(db: Db, personIds: readonly number[]): Promise<Recipient[]> {
	const out: Recipient[] = [];
	for (let i = 0; i < personIds.length; i += CHUNK) {
		const rows = await db
			.selectFrom('person')
			.select(['id', 'unit_id', 'email', 'phone'])
			.where('id', 'in', personIds.slice(i, i + CHUNK))
			.execute();
		out.push(...rows.map((r) => ({ id: r.id, unitId: r.unit_id, email: r.email, phone: r.phone })));
	}
	return out;
}

/**
 * Everyone without a live link and without a credential (as `issueInvitations(…, 'missing')` picks them),
 * within a scoped organiser's subtree. `target` is what to hand to issueInvitations: 'missing' (walked in
 * parts) for the whole campaign, the listed ids for a subtree.
 */
export async function missingRecipients(
	db: Db,
	campaignId: number,
	scopeUnitId: number | null
): Promise<{ people: Recipient[]; target: 'missing' | number[] }> {
	let q = db
		.selectFrom('person as p')
		.leftJoin('invitation as i', (j) => j.onRef('i.person_id', '=', 'p.id').on('i.status', '=', 'active'))
		.select(['p.id', 'p.unit_id', 'p.email', 'p.phone'])
		.where('p.campaign_id', '=', campaignId)
		.where('i.id', 'is', null)
		.where(neverCredentialed);
	if (scopeUnitId !== null) {
		const units = (await listUnitTree(db, scopeUnitId)).map((u) => u.id);
		q = q.where('p.unit_id', 'in', units.length ? units : [-1]);
	}
	const rows = await q.orderBy('p.id').execute();
	const people = rows.map((r) => ({ id: r.id, unitId: r.unit_id, email: r.email, phone: r.phone }));
	return { people, target: scopeUnitId === null ? 'missing' : people.map((p) => p.id) };
}
