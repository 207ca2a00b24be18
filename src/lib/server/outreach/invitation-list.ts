// The organiser's list of a campaign's people and the state of each one's personal link.
import type { Db } from '../db/open';
import { likeOperator } from '../db/portable';

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

export async function listInvitations(
	db: Db,
	campaignId: number,
	options: { offset: number; limit: number; query?: string }
): Promise<{ rows: InvitationListRow[]; total: number; counts: Record<LinkStatus, number> }> {
	const base = db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.innerJoin('respondent_group as g', 'g.id', 'p.group_id')
		.leftJoin('invitation as i', (j) => j.onRef('i.person_id', '=', 'p.id').on('i.status', '=', 'active'))
		.where('p.campaign_id', '=', campaignId);
	const filtered = options.query
		? base.where((eb) =>
				eb.or([
					eb('p.full_name', likeOperator(db), `%${options.query}%`),
					eb('u.name', likeOperator(db), `%${options.query}%`)
				])
			)
		: base;
	const rows = await filtered
		.select([
			'p.id',
			'p.full_name',
			'p.email',
			'p.phone',
			'u.name as unit_name',
			'g.code as group_code',
			'i.id as inv_id',
			'i.issued_at',
			'i.opened_at',
			'i.verified_at',
			'i.credential_at',
			'i.attestation'
		])
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
	const filteredTotal = options.query
		? (await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
		: totals.people;
	const statusOf = (r: (typeof rows)[number]): LinkStatus =>
		r.inv_id === null
			? 'none'
			: r.credential_at
				? 'credentialed'
				: r.verified_at
					? 'verified'
					: r.opened_at
						? 'opened'
						: 'issued';
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
