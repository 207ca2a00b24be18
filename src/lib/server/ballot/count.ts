// The one figure the ballot side gives away during a round: how many sheets a campaign holds (sealed
// before the opening, opened after it). A total, never per cell, answer or person.
import type { Db } from '../db/open';

export async function countSheets(db: Db, campaignId: number): Promise<number> {
	const sealed = await db
		.selectFrom('sealed_sheet')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	const opened = await db
		.selectFrom('opened_sheet')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return Number(sealed.n) + Number(opened.n);
}
