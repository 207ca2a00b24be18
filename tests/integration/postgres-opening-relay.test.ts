// The opening with several processes on PostgreSQL (issue 17): the committee's shares reach different processes;
// each is kept, sealed, for the round's host (the first process that received one), which opens the round once
// enough are in; the others show the host's progress. A dead host's shares are lost with its key: members
// supply again, and the round opens on a live process. Nothing readable of a share is stored.
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptShareCode } from '$lib/sealing/share-file';
import { toBase64url } from '$lib/sealing/bytes';
import { beat, PROCESS_STALE_SECONDS } from '$lib/server/cluster/processes';
import { checkTallies } from '$lib/server/results/recompute';
import {
	openingStatus,
	runOpening,
	supplyShare,
	waitForOpening,
	type OpeningHandle
} from '$lib/server/sealing/opening';
import { dropDeadHostsShares, processRelayKey, serveHostedOpenings } from '$lib/server/sealing/share-relay';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { nowSeconds } from '$lib/server/time';
import { NO_REQUEST, storedBytes, type TestDb } from './support';
import { removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';
import { castMarked, closeRound, committeeMembers, openRound, prng } from './attack-support';

let t: TestDb;
let shares: DemoShare[];
let campaignId: number;

beforeEach(async () => {
	const seeded = await seededCopy();
	({ t, shares, campaignId } = seeded);
	expect(t.engine).toBe('postgres');
	const random = prng(3);
	for (const [i, link] of seeded.links.slice(0, 6).entries()) {
		const { ctx } = await verifiedRespondent(t.db, seeded.key, link.token, `device-${i}`);
		await castMarked(t.db, seeded.key, ctx, i, random);
	}
	await closeRound(t.db, campaignId);
});
afterEach(() => t.close());
afterAll(removeTemplate);

/** Two processes as the server runs them: registered with this process's relay key, beating now. */
async function processes(...ids: string[]): Promise<Record<string, OpeningHandle>> {
	const { publicKey } = await processRelayKey();
	for (const id of ids) await beat(t.db, id, nowSeconds(), publicKey);
	return Object.fromEntries(ids.map((id) => [id, { db: t.db, relayAs: id }]));
}

async function supply(handle: OpeningHandle, share: DemoShare) {
	const members = await committeeMembers(t.db);
	return supplyShare(handle, campaignId, members.get(share.username)!, share, NO_REQUEST);
}

describe('shares across processes', () => {
	it("opens on the host with shares that reached two processes; the other shows the host's progress", async () => {
		const { A, B } = await processes('A', 'B');
		expect(await supply(B, shares[0])).toEqual({ ok: true, held: 1, threshold: 2, started: false });
		// The share is kept for B, sealed: nothing readable of it is stored.
		const raw = await decryptShareCode(shares[0].code, shares[0].passphrase);
		if (!raw.ok) throw new Error(raw.error);
		const stored = await storedBytes(t);
		expect(stored.some((bytes) => bytes.includes(Buffer.from(raw.share).toString('latin1')))).toBe(false);
		expect(stored.some((bytes) => bytes.includes(toBase64url(raw.share)))).toBe(false);
		// The search is not blind: the sealed row is there.
		const { sealed } = await t.db.selectFrom('relayed_share').select('sealed').executeTakeFirstOrThrow();
		expect(stored.some((bytes) => bytes.includes(sealed))).toBe(true);
		expect((await openingStatus(t.db, campaignId)).heldSlots).toEqual([shares[0].slot]);

		// The second share reaches A: kept for B too; A starts nothing, B takes both up on its beat.
		expect(await supply(A, shares[1])).toEqual({ ok: true, held: 2, threshold: 2, started: true });
		expect((await openingStatus(t.db, campaignId)).progress?.phase).toBe('decrypting');
		expect(await serveHostedOpenings(t.db, 'A', (id) => runOpening(A, id))).toEqual([]);
		expect(await serveHostedOpenings(t.db, 'B', (id) => runOpening(B, id))).toEqual([campaignId]);
		expect((await waitForOpening(campaignId))?.phase).toBe('done');
		expect(await t.db.selectFrom('relayed_share').selectAll().execute()).toEqual([]);

		// What another process shows: the host's mirrored progress, and the counted round.
		for (;;) {
			const run = await t.db.selectFrom('opening_run').select('phase').executeTakeFirstOrThrow();
			if (run.phase === 'done') break;
			await new Promise((r) => setTimeout(r, 50));
		}
		const seen = await openingStatus(t.db, campaignId);
		expect(seen.counted).toBe(true);
		expect(seen.job).toMatchObject({ status: 'finished', sheets: 6, invalid: 0 });
		const campaign = await t.db
			.selectFrom('campaign')
			.selectAll()
			.where('id', '=', campaignId)
			.executeTakeFirstOrThrow();
		expect((await checkTallies(t.db, campaign)).ok).toBe(true);
		const events = await t.db
			.selectFrom('audit_event')
			.select('action')
			.where('action', 'like', 'opening.%')
			.orderBy('seq')
			.execute();
		expect(events.map((e) => e.action)).toEqual([
			'opening.share_supplied',
			'opening.share_supplied',
			'opening.committed',
			'opening.finished'
		]);
	});

	it("loses a dead host's shares with its key: the round opens once members supply again to a live process", async () => {
		const { A, B } = await processes('A', 'B');
		expect(await supply(B, shares[0])).toMatchObject({ ok: true, held: 1 });
		// B stops beating: the others take it for dead.
		await beat(t.db, 'B', nowSeconds() - PROCESS_STALE_SECONDS - 5, (await processRelayKey()).publicKey);
		expect((await openingStatus(t.db, campaignId)).heldSlots).toEqual([]);
		expect(await supply(A, shares[1])).toEqual({ ok: true, held: 1, threshold: 2, started: false });
		expect(await t.db.selectFrom('relayed_share').select(['slot', 'host']).execute()).toEqual([
			{ slot: shares[1].slot, host: 'A' }
		]);
		// The same member again, while A holds it: refused, as on one process.
		const again = await supply(A, shares[1]);
		expect(again).toMatchObject({ ok: false, error: { key: 'opening.error.alreadySupplied' } });
		expect(await supply(A, shares[0])).toEqual({ ok: true, held: 2, threshold: 2, started: true });
		expect((await waitForOpening(campaignId))?.phase).toBe('done');
		expect((await openingStatus(t.db, campaignId)).counted).toBe(true);
	});

	it("the leader's sweep deletes the shares kept for a dead host, and only those", async () => {
		const { A, B } = await processes('A', 'B');
		expect(await supply(B, shares[0])).toMatchObject({ ok: true, held: 1 });
		const kept = () => t.db.selectFrom('relayed_share').select(['slot', 'host']).execute();
		// Both alive: the sweep keeps B's share.
		await dropDeadHostsShares(t.db);
		expect(await kept()).toEqual([{ slot: shares[0].slot, host: 'B' }]);
		// B stops beating: its share can never be opened now, and the sweep deletes it.
		await beat(t.db, 'B', nowSeconds() - PROCESS_STALE_SECONDS - 5, (await processRelayKey()).publicKey);
		await dropDeadHostsShares(t.db);
		expect(await kept()).toEqual([]);
		expect(await supply(A, shares[1])).toEqual({ ok: true, held: 1, threshold: 2, started: false });
		await dropDeadHostsShares(t.db);
		expect(await kept()).toEqual([{ slot: shares[1].slot, host: 'A' }]);
	});

	it('the clean-up waits for a transaction older than itself: VACUUM FULL then copies no deleted sealed row', async () => {
		if (t.engine !== 'postgres') throw new Error('PostgreSQL only');
		const reader = new pg.Client({ connectionString: t.url });
		await reader.connect();
		try {
			// A snapshot from before the opening deleted the sealed rows, on another table (it locks none of them).
			await reader.query('begin isolation level repeatable read');
			await reader.query('select count(*) from person');
			let older = 0;
			const done = await openRound(t.db, shares, {
				async olderTransactions(count) {
					older = count;
					await reader.query('commit');
				}
			});
			expect(done?.phase).toBe('done');
			const { rows } = await sql<{ heap: string }>`select pg_relation_size('sealed_sheet')::text as heap`.execute(t.db);
			expect(rows[0].heap).toBe('0');
			expect(older).toBeGreaterThanOrEqual(1);
		} finally {
			await reader.end();
		}
	});
});
