// The opening's one write and its clean-up. The write puts the opened sheets in shuffled order under
// random ids, the tallies, the counted receipts, deletes the sealed sheets and marks the campaign
// counted, in ONE transaction with cache spill off (a crash before the commit leaves no plaintext);
// the clean-up then rebuilds the file (VACUUM) and truncates the WAL, and the next start finishes it
// should the process die in between (resumeOpenings). On PostgreSQL the clean-up rewrites the ballot tables
// (VACUUM FULL): one transaction gave every opened row the same xmin, the rewrite leaves no dead sealed row
// and lays the opened rows out in their shuffled order.
import { randomBytes } from 'node:crypto';
import { sql, type Insertable, type Transaction } from 'kysely';
import { placeKey, type Place } from '$lib/domain/cell-merge';
import { appendAuditEvent, NO_REQUEST } from '../audit';
import { anchorStateChange } from '../audit-checkpoint';
import type { Database } from '../db/schema';
import { engineOf, type Db } from '../db/open';
import { nowSeconds } from '../time';
import type { OpeningHandle, OpeningHooks } from './opening-job';

const INSERT_BATCH = 200;
/** Joins a tally's question, rated unit and option into one map key. */
export const TALLY_SEPARATOR = '\u0000';

/**
 * The one write: opened sheets in shuffled order under random ids, the tallies, the counted receipts,
 * the sealed sheets deleted, the campaign marked counted, the audit event — one transaction, with cache
 * spill off so no page of it reaches the WAL before the commit.
 */
export async function writeOpening(
	{ db, hooks }: OpeningHandle,
	campaignId: number,
	placed: { place: Place; body: string }[],
	cellTallies: { place: Place; counts: Map<string, number> }[],
	receipts: string[],
	result: { sheets: number; invalid: number; mergedCells: number },
	members: { username: string; slot: number }[],
	now: number
): Promise<boolean> {
	// Counted cells in (group, unit) order: their ids say nothing of who came when.
	const places = new Map<string, { place: Place; sheets: number }>();
	for (const p of placed) {
		const entry = places.get(placeKey(p.place)) ?? { place: p.place, sheets: 0 };
		entry.sheets++;
		places.set(placeKey(p.place), entry);
	}
	const ordered = [...places.values()].sort(
		(a, b) => a.place.groupId - b.place.groupId || a.place.unitId - b.place.unitId
	);
	const restoreSpill = await keepPagesInMemory(db);
	try {
		return await db.transaction().execute(async (trx) => {
			const campaign = await trx
				.selectFrom('campaign')
				.select(['state', 'counted_at'])
				.where('id', '=', campaignId)
				.executeTakeFirst();
			if (!campaign || (campaign.state !== 'closed' && campaign.state !== 'published') || campaign.counted_at !== null)
				return false;
			const cellIds = new Map<string, number>();
			for (const { place, sheets } of ordered) {
				const row = await trx
					.insertInto('counted_cell')
					.values({ campaign_id: campaignId, group_id: place.groupId, unit_id: place.unitId, sheets })
					.returning('id')
					.executeTakeFirstOrThrow();
				cellIds.set(placeKey(place), row.id);
			}
			const tallies = new Map<
				string,
				{ cell_id: number; question_id: string; unit_key: string; option_id: string; count: number }
			>();
			for (const { place, counts } of cellTallies) {
				const cell = cellIds.get(placeKey(place))!;
				for (const [id, n] of counts) {
					const row = tallies.get(`${cell}${TALLY_SEPARATOR}${id}`);
					if (row) row.count += n;
					else {
						const [question_id, unit_key, option_id] = id.split(TALLY_SEPARATOR);
						tallies.set(`${cell}${TALLY_SEPARATOR}${id}`, {
							cell_id: cell,
							question_id,
							unit_key,
							option_id,
							count: n
						});
					}
				}
			}
			await insertBatches(
				trx,
				'opened_sheet',
				placed.map((p) => ({
					id: randomBytes(16).toString('hex'),
					campaign_id: campaignId,
					cell_id: cellIds.get(placeKey(p.place))!,
					body: p.body
				}))
			);
			await insertBatches(trx, 'opened_tally', [...tallies.values()]);
			await insertBatches(
				trx,
				'counted_receipt',
				receipts.map((receipt) => ({ campaign_id: campaignId, receipt }))
			);
			await trx.deleteFrom('sealed_sheet').where('campaign_id', '=', campaignId).execute();
			await trx
				.updateTable('campaign')
				.set({ counted_at: now, updated_at: now })
				.where('id', '=', campaignId)
				.execute();
			await trx
				.insertInto('opening_job')
				.values({
					campaign_id: campaignId,
					status: 'committed',
					sheets: result.sheets,
					invalid: result.invalid,
					merged_cells: result.mergedCells,
					committed_at: now,
					finished_at: null
				})
				.execute();
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system', label: 'opening' },
					action: 'opening.committed',
					subject: { type: 'campaign', id: campaignId },
					meta: NO_REQUEST,
					payload: { ...result, members }
				},
				now
			);
			// The signed anchor of the head, after the event, in the same transaction (issue 14).
			await anchorStateChange(db, trx, 'opening.committed', campaignId, now);
			await hooks?.beforeCommit?.();
			return true;
		});
	} finally {
		await restoreSpill();
	}
}

/** SQLite: no page of the transaction reaches the WAL before the commit (cache spill off); returns the undo. */
async function keepPagesInMemory(db: Db): Promise<() => Promise<void>> {
	if (engineOf(db) !== 'sqlite') return async () => {};
	const spill = await sql<{ cache_spill: number }>`pragma cache_spill`.execute(db);
	await sql`pragma cache_spill = off`.execute(db);
	return async () => {
		await sql.raw(`pragma cache_spill = ${spill.rows[0]?.cache_spill ? 'on' : 'off'}`).execute(db);
	};
}

/**
 * SQLite: rebuild the whole file (VACUUM). PostgreSQL: rewrite the ballot tables (VACUUM FULL), then drop the
 * planner statistics of the sealed store: autovacuum's ANALYZE during the round sampled key hashes, receipts and
 * ciphertexts into pg_statistic, and ANALYZE of an emptied table keeps them. Re-declaring a column's own type
 * drops its statistics without a rewrite (the next ANALYZE samples whatever other rounds still hold).
 */
async function rebuildBallotStorage(db: Db, hooks?: OpeningHooks): Promise<void> {
	if (engineOf(db) === 'sqlite') {
		await sql`vacuum`.execute(db);
		return;
	}
	await waitForOlderTransactions(db, hooks);
	await sql`vacuum full sealed_sheet, counted_cell, opened_sheet, opened_tally, counted_receipt`.execute(db);
	await sql`alter table sealed_sheet alter column key_hash type text, alter column receipt type text,
		alter column sealed type bytea`.execute(db);
}

/** How long the clean-up waits for transactions older than itself before it gives up (and is tried again). */
const OLDER_TRANSACTIONS_WAIT_MS = 60_000;

/**
 * PostgreSQL: VACUUM FULL copies a deleted row into the new file while a transaction that began before the
 * deletion is open (an autovacuum ANALYZE, a slow request), in any database of the server: a snapshot taken
 * meanwhile, VACUUM FULL's own included, still counts it as running. Waits until none that began before this
 * clean-up is left; else throws, and the leader tries again later. Other roles' sessions (autovacuum's) are
 * visible only to a user with pg_read_all_stats (README).
 */
async function waitForOlderTransactions(db: Db, hooks?: OpeningHooks): Promise<void> {
	const { rows } = await sql<{ t: Date }>`select clock_timestamp() as t`.execute(db);
	const until = Date.now() + OLDER_TRANSACTIONS_WAIT_MS;
	let told = false;
	for (;;) {
		const older = await sql<{ n: number }>`select count(*) as n from pg_stat_activity
			where pid <> pg_backend_pid() and (backend_xid is not null or backend_xmin is not null)
			and xact_start < ${rows[0].t}`.execute(db);
		const count = Number(older.rows[0].n);
		if (count === 0) return;
		if (!told) await hooks?.olderTransactions?.(count);
		told = true;
		if (Date.now() > until) throw new Error('older transactions still open: the sealed rows could survive VACUUM FULL');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** SQLite: empty the WAL into the file and truncate it. PostgreSQL's WAL is the server's to recycle. */
async function truncateWal(db: Db): Promise<void> {
	if (engineOf(db) === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db);
}

type BulkTable = 'opened_sheet' | 'opened_tally' | 'counted_receipt';

async function insertBatches<T extends BulkTable>(
	trx: Transaction<Database>,
	table: T,
	rows: Insertable<Database[T]>[]
) {
	for (let i = 0; i < rows.length; i += INSERT_BATCH) {
		await trx
			.insertInto(table)
			.values(rows.slice(i, i + INSERT_BATCH) as never)
			.execute();
	}
}

/** After the commit: rebuild the file so no page remembers arrival order, then truncate the WAL. */
export async function finishOpening({ db, clock, hooks }: OpeningHandle, campaignId: number): Promise<void> {
	await rebuildBallotStorage(db, hooks);
	const now = clock?.() ?? nowSeconds();
	await db.transaction().execute(async (trx) => {
		const job = await trx
			.updateTable('opening_job')
			.set({ status: 'finished', finished_at: now })
			.where('campaign_id', '=', campaignId)
			.where('status', '=', 'committed')
			.returning(['sheets', 'invalid', 'merged_cells'])
			.executeTakeFirst();
		if (job)
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system', label: 'opening' },
					action: 'opening.finished',
					subject: { type: 'campaign', id: campaignId },
					meta: NO_REQUEST,
					payload: { sheets: job.sheets, invalid: job.invalid, mergedCells: job.merged_cells }
				},
				now
			);
	});
	await truncateWal(db);
}

/** At start: finish the clean-up of an opening that committed before a crash, and drop torn WAL frames. */
export async function resumeOpenings(handle: OpeningHandle): Promise<number> {
	await truncateWal(handle.db);
	const pending = await handle.db
		.selectFrom('opening_job')
		.select('campaign_id')
		.where('status', '=', 'committed')
		.execute();
	for (const job of pending) await finishOpening(handle, job.campaign_id);
	return pending.length;
}
