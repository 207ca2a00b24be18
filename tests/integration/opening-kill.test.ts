// kill -9 in the middle of the opening (kiểm phiếu) and in the middle of casting (issue 11): nothing
// lost, nothing counted twice, and never a half-done opening at rest. A child process runs the opening
// on a copy of a closed round (24 sealed sheets) and is SIGKILLed (a) with every sheet decrypted in
// memory, (b) inside the one write, every row in, before its commit, (c) after the commit, before the
// clean-up (VACUUM, WAL truncate). The next start (resumeOpenings) must leave either no plaintext at
// all, the sealed sheets intact, or the finished opening; then the committee opens (or has opened) the
// round, and the tallies equal the recount from the sheets. Every step waits on a line the child
// prints, never on a fixed delay.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit';
import { openSqlite, type SqliteHandle } from '$lib/server/db/open';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { resumeOpenings, supplyShare } from '$lib/server/sealing/opening';
import { checkTallies } from '$lib/server/results/recompute';
import { NO_REQUEST } from '$lib/server/audit';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';
import { sqliteOnly } from './support';
import {
	castMarked,
	closeRound,
	committeeMembers,
	copyFiles,
	occurrences,
	openRound,
	prng,
	runFixture,
	shuffled,
	type Cast
} from './attack-support';

const SHEETS = 24;
/** Byte patterns every readable sheet contains. */
const SHEET_PATTERNS = ['"answers":', '"comments":', '"q1.1.1":"'];

let closedTemplate: string;
let templateDir: string;
let shares: DemoShare[];
let links: IssuedLink[];
let campaignId: number;
const casts: Cast[] = [];
let sealedBefore: { key_hash: string; receipt: string; sealed: Uint8Array }[];

beforeAll(async () => {
	const seeded = await seededCopy();
	const { key } = seeded;
	const t = sqliteOnly(seeded.t);
	({ shares, links, campaignId } = seeded);
	// 24 of the 64 invitees: some commune cells get fewer than k = 5 sheets and roll up at the opening.
	const random = prng(7);
	for (const [i, link] of shuffled(links, random).slice(0, SHEETS).entries()) {
		const { ctx } = await verifiedRespondent(t.db, key, link.token, `device-${i}`);
		casts.push(await castMarked(t.db, key, ctx, i, random));
	}
	await closeRound(t.db, campaignId);
	sealedBefore = await t.db
		.selectFrom('sealed_sheet')
		.select(['key_hash', 'receipt', 'sealed'])
		.orderBy('key_hash')
		.execute();
	t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
	templateDir = mkdtempSync(path.join(tmpdir(), 'par-survey-closed-'));
	closedTemplate = path.join(templateDir, 'closed.sqlite');
	copyFileSync(t.file, closedTemplate);
	await t.close();
}, 120_000);

afterAll(() => {
	if (templateDir) rmSync(templateDir, { recursive: true, force: true });
	removeTemplate();
});

/** A private copy of the closed round, as the file the killed server leaves behind. */
function closedCopy() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-kill-'));
	const file = path.join(dir, 'test.sqlite');
	copyFileSync(closedTemplate, file);
	return { dir, file };
}

async function count(
	h: SqliteHandle,
	table: 'sealed_sheet' | 'opened_sheet' | 'counted_cell' | 'counted_receipt' | 'opening_job'
): Promise<number> {
	const row = await h.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function tallyRows(h: SqliteHandle): Promise<number> {
	const row = await h.db
		.selectFrom('opened_tally as t')
		.innerJoin('counted_cell as c', 'c.id', 't.cell_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('c.campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function campaignRow(h: SqliteHandle) {
	return h.db
		.selectFrom('campaign')
		.select(['id', 'state', 'framework_version_id', 'scope_unit_id', 'k_threshold', 'counted_at'])
		.where('id', '=', campaignId)
		.executeTakeFirstOrThrow();
}

/** The finished opening: every cast counted once, tallies equal the recount, files clean, chain intact. */
async function expectFinished(h: SqliteHandle, file: string, counted: { receipt: string; fragment: string }[]) {
	const campaign = await campaignRow(h);
	expect(campaign.counted_at).not.toBeNull();
	expect(await count(h, 'sealed_sheet')).toBe(0);
	expect(
		(
			await h.db
				.selectFrom('opening_job')
				.select('status')
				.where('campaign_id', '=', campaignId)
				.executeTakeFirstOrThrow()
		).status
	).toBe('finished');
	const bodies = (
		await h.db.selectFrom('opened_sheet').select('body').where('campaign_id', '=', campaignId).execute()
	).map((r) => r.body);
	expect(bodies).toHaveLength(counted.length);
	for (const c of counted)
		expect(
			bodies.filter((b) => b.includes(c.fragment)),
			c.fragment
		).toHaveLength(1);
	const receipts = await h.db
		.selectFrom('counted_receipt')
		.select('receipt')
		.where('campaign_id', '=', campaignId)
		.orderBy('receipt')
		.execute();
	expect(receipts.map((r) => r.receipt)).toEqual(counted.map((c) => c.receipt).sort());
	const check = await checkTallies(h.db, campaign);
	expect(check.differences).toEqual([]);
	expect(check).toMatchObject({ ok: true, sheets: counted.length });
	expect(await tallyRows(h)).toBeGreaterThan(0);
	expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
	// At rest: the WAL truncated, no free page, each sheet once in the file.
	const files = copyFiles(file);
	expect(files.wal.length).toBe(0);
	expect(h.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
	for (const c of counted) expect(occurrences(files.db, c.fragment), c.fragment).toBe(1);
}

/** No plaintext anywhere: the sealed sheets as they were, nothing opened, not counted. */
async function expectUntouched(h: SqliteHandle, file: string) {
	expect((await campaignRow(h)).counted_at).toBeNull();
	const sealed = await h.db
		.selectFrom('sealed_sheet')
		.select(['key_hash', 'receipt', 'sealed'])
		.orderBy('key_hash')
		.execute();
	expect(sealed.map((r) => [r.key_hash, r.receipt, Buffer.from(r.sealed).toString('hex')])).toEqual(
		sealedBefore.map((r) => [r.key_hash, r.receipt, Buffer.from(r.sealed).toString('hex')])
	);
	for (const table of ['opened_sheet', 'counted_cell', 'counted_receipt', 'opening_job'] as const)
		expect(await count(h, table), table).toBe(0);
	expect(await tallyRows(h)).toBe(0);
	const files = copyFiles(file);
	for (const [name, bytes] of Object.entries(files)) {
		for (const p of [...SHEET_PATTERNS, ...casts.map((c) => c.marked.fragment)])
			expect(bytes.includes(p), `${name}: ${p}`).toBe(false);
	}
	expect(files.wal.length).toBe(0);
}

describe('an opening killed with SIGKILL', () => {
	const points = [
		{ stopAt: 'decrypted', left: 'nothing' },
		{ stopAt: 'beforeCommit', left: 'nothing' },
		{ stopAt: 'afterCommit', left: 'the finished opening' }
	] as const;

	for (const { stopAt, left } of points) {
		it(
			`at ${stopAt} leaves ${left} after the next start, and the round is counted once`,
			{ timeout: 60_000 },
			async () => {
				const { dir, file } = closedCopy();
				try {
					const worker = runFixture('opening-worker.ts', { file, stopAt, shares: shares.slice(0, 2) });
					await worker.line((l) => l === `stopped ${stopAt}`);
					worker.child.kill('SIGKILL');
					expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
					expect(worker.lines()).toContain(`decrypted ${SHEETS}/${SHEETS}`);
					// The process printed its progress, never a sheet.
					for (const p of [...SHEET_PATTERNS, ...casts.map((c) => c.marked.fragment)])
						expect(worker.output().includes(p)).toBe(false);

					// The next start.
					const h = openSqlite(file);
					try {
						expect(await resumeOpenings(h)).toBe(stopAt === 'afterCommit' ? 1 : 0);
						const actions = (
							await h.db
								.selectFrom('audit_event')
								.select('action')
								.where('action', 'like', 'opening.%')
								.orderBy('seq')
								.execute()
						).map((r) => r.action);
						const counted = casts.map((c) => ({ receipt: c.receipt, fragment: c.marked.fragment }));
						if (stopAt === 'afterCommit') {
							expect(actions).toEqual([
								'opening.share_supplied',
								'opening.share_supplied',
								'opening.committed',
								'opening.finished'
							]);
							await expectFinished(h, file, counted);
							// Counted once: the committee cannot open it again, and nothing moves.
							const members = await committeeMembers(h.db);
							const again = await supplyShare(
								h,
								campaignId,
								members.get(shares[0].username)!,
								{ code: shares[0].code, passphrase: shares[0].passphrase },
								NO_REQUEST
							);
							expect(again).toEqual({ ok: false, error: { key: 'opening.error.alreadyCounted' } });
							expect(await count(h, 'opened_sheet')).toBe(SHEETS);
						} else {
							expect(actions).toEqual(['opening.share_supplied', 'opening.share_supplied']);
							await expectUntouched(h, file);
							// The committee supplies its shares again (the killed process's memory is gone).
							const done = await openRound(h.db, shares);
							expect(done?.phase, done?.error).toBe('done');
							await expectFinished(h, file, counted);
						}
					} finally {
						await h.db.destroy();
					}
				} finally {
					rmSync(dir, { recursive: true, force: true });
				}
			}
		);
	}
});

describe('a server killed with SIGKILL while respondents cast', () => {
	it('keeps every acknowledged cast exactly once, and the opening counts each once', { timeout: 90_000 }, async () => {
		const { t } = await seededCopy();
		const { dir, file } = t;
		// The child is the only process on the file, as after a restart.
		await t.db.destroy();
		try {
			// All 64 invitees in the loop: the kill after the 8th acknowledgement lands mid-loop however slow the test is.
			const order = shuffled(links, prng(99));
			const worker = runFixture('cast-worker.ts', { dir, file, tokens: order.map((l) => l.token), seed: 99 });
			const KILL_AFTER = 8;
			await worker.line((l) => l.startsWith(`cast ${KILL_AFTER - 1} `));
			worker.child.kill('SIGKILL');
			expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
			const acknowledged = worker
				.lines()
				.filter((l) => l.startsWith('cast '))
				.map((l) => {
					const [, , receipt, fragment] = l.split(' ');
					return { receipt, fragment };
				});
			expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
			expect(acknowledged.length).toBeLessThan(order.length);

			const h = openSqlite(file);
			try {
				expect(await resumeOpenings(h)).toBe(0);
				const rows = await h.db
					.selectFrom('sealed_sheet')
					.select(['receipt', 'key_hash'])
					.where('campaign_id', '=', campaignId)
					.execute();
				const receipts = rows.map((r) => r.receipt);
				// Every acknowledged cast is there; at most the one in flight was also stored; none twice.
				for (const a of acknowledged) expect(receipts).toContain(a.receipt);
				expect(rows.length === acknowledged.length || rows.length === acknowledged.length + 1).toBe(true);
				expect(new Set(receipts).size).toBe(rows.length);
				const credentials = await h.db
					.selectFrom('invitation')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('credential_at', 'is not', null)
					.executeTakeFirstOrThrow();
				expect(Number(credentials.n)).toBeGreaterThanOrEqual(rows.length);
				expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
				// Still sealed at rest: no sheet readable in the files the crash left.
				for (const [name, bytes] of Object.entries(copyFiles(file))) {
					for (const p of [...SHEET_PATTERNS, ...acknowledged.map((a) => a.fragment)])
						expect(bytes.includes(p), `${name}: ${p}`).toBe(false);
				}

				// The round closes and opens: each stored sheet counted once.
				await closeRound(h.db, campaignId);
				const done = await openRound(h.db, shares);
				expect(done?.phase, done?.error).toBe('done');
				expect(done?.result).toEqual({ sheets: rows.length, invalid: 0, mergedCells: expect.any(Number) });
				const bodies = (
					await h.db.selectFrom('opened_sheet').select('body').where('campaign_id', '=', campaignId).execute()
				).map((r) => r.body);
				expect(bodies).toHaveLength(rows.length);
				for (const a of acknowledged)
					expect(
						bodies.filter((b) => b.includes(a.fragment)),
						a.fragment
					).toHaveLength(1);
				const check = await checkTallies(h.db, await campaignRow(h));
				expect(check).toMatchObject({ ok: true, sheets: rows.length });
				expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
			} finally {
				await h.db.destroy();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
