// The campaign's public page: its cells' published keys and fingerprints (so a respondent's browser
// can check it was given one of them) and overall counts. Totals only, never per person.
import type { Db } from '../db/open';

export async function loadPublicCampaign(db: Db, slug: string) {
	const campaign = await db
		.selectFrom('campaign')
		.select(['id', 'slug', 'title', 'year', 'state', 'opens_on', 'closes_on', 'k_threshold'])
		.where('slug', '=', slug)
		.executeTakeFirst();
	if (!campaign || campaign.state === 'draft') return null;
	const cells = await db
		.selectFrom('reporting_cell as c')
		.innerJoin('respondent_group as g', 'g.id', 'c.group_id')
		.innerJoin('unit as u', 'u.id', 'c.unit_id')
		.select(['c.id', 'c.public_key', 'c.fingerprint', 'g.code as group_code', 'g.name as group_name', 'u.name as unit_name', 'u.code as unit_code'])
		.where('c.campaign_id', '=', campaign.id)
		.orderBy('g.code')
		.orderBy('u.code')
		.execute();
	const invitations = await db
		.selectFrom('invitation')
		.select((eb) => [eb.fn.countAll<number>().as('active'), eb.fn.count<number>('credential_at').as('credentials')])
		.where('campaign_id', '=', campaign.id)
		.where('status', '=', 'active')
		.executeTakeFirstOrThrow();
	// Credentials given on links revoked later still count.
	const revokedCredentials = await db
		.selectFrom('invitation')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaign.id)
		.where('status', '=', 'revoked')
		.where('credential_at', 'is not', null)
		.executeTakeFirstOrThrow();
	const sheets = await db
		.selectFrom('ballot_cell_count as b')
		.innerJoin('reporting_cell as c', 'c.id', 'b.cell_id')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('b.sheets'), eb.lit(0)).as('n'))
		.where('c.campaign_id', '=', campaign.id)
		.executeTakeFirstOrThrow();
	return {
		campaign,
		cells: cells.map((c) => ({ id: c.id, publicKey: c.public_key, fingerprint: c.fingerprint, group: `${c.group_code} — ${c.group_name}`, unit: c.unit_name })),
		counts: {
			invitations: Number(invitations.active),
			credentials: Number(invitations.credentials) + Number(revokedCredentials.n),
			sheets: Number(sheets.n)
		}
	};
}
