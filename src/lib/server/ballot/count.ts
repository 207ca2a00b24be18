// The one figure the ballot side gives away during a round: how many sheets a campaign holds (sealed
// before the opening, opened after it). A total, never per cell, answer or person.
import type { Db } from '../db/open';

/** Up to this many sheets, one count; beyond, the count goes in parts with the event loop free between them. */
const ONE_GO = 20_000;
/** Sealed sheets' keys are hex digests: their first character splits the table into 16 ranges that cover everything. */
const BOUNDS = [null, ...'123456789abcdef'.split(''), null];
/** Opened sheets are counted a few cells at a time, along the (campaign, cell) index. */
const CELLS_PER_PART = 20;

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/** At most ONE_GO, along the index: enough to know whether the exact count must go in parts. */
async function cappedCount(db: Db, table: 'sealed_sheet' | 'opened_sheet', campaignId: number): Promise<number> {
	const row = await db
		.selectFrom((eb) =>
			eb.selectFrom(table).select('campaign_id').where('campaign_id', '=', campaignId).limit(ONE_GO).as('s')
		)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

// A million sheets take ~50 ms to count in one statement: in parts, no request holds the process that long.
async function countSealed(db: Db, campaignId: number): Promise<number> {
	const capped = await cappedCount(db, 'sealed_sheet', campaignId);
	if (capped < ONE_GO) return capped;
	let n = 0;
	for (let i = 0; i + 1 < BOUNDS.length; i++) {
		const [from, to] = [BOUNDS[i], BOUNDS[i + 1]];
		const part = await db
			.selectFrom('sealed_sheet')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('campaign_id', '=', campaignId)
			.$if(from !== null, (q) => q.where('key_hash', '>=', from!))
			.$if(to !== null, (q) => q.where('key_hash', '<', to!))
			.executeTakeFirstOrThrow();
		n += Number(part.n);
		await yieldToEventLoop();
	}
	return n;
}

async function countOpened(db: Db, campaignId: number): Promise<number> {
	const capped = await cappedCount(db, 'opened_sheet', campaignId);
	if (capped < ONE_GO) return capped;
	const cells = (
		await db.selectFrom('counted_cell').select('id').where('campaign_id', '=', campaignId).orderBy('id').execute()
	).map((c) => c.id);
	let n = 0;
	for (let i = 0; i < cells.length; i += CELLS_PER_PART) {
		const part = await db
			.selectFrom('opened_sheet')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('campaign_id', '=', campaignId)
			.where('cell_id', 'in', cells.slice(i, i + CELLS_PER_PART))
			.executeTakeFirstOrThrow();
		n += Number(part.n);
		await yieldToEventLoop();
	}
	return n;
}

export async function countSheets(db: Db, campaignId: number): Promise<number> {
	return (await countSealed(db, campaignId)) + (await countOpened(db, campaignId));
}
