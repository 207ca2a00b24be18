// The attacker's test of anonymity at rest on PostgreSQL (issue 17), the counterpart of sealed-attack.test.ts
// (which reads SQLite's file, WAL and pages). Every invitee of the demo round (64: eight commune cells of 5, one
// pooled cell of 24) casts a sheet of distinct answers, in a known order, through the real protocol; every eighth
// revises it once after the next person has cast. The attacker holds what the promise names on this engine:
// `xmin` and `ctid` of the sealed rows polled after every cast, the pg_stat_user_tables / pg_statio_user_tables
// counters, plain pg_dumps taken during the round, inside the opening (before its commit) and after it.
//
// What is true, and asserted as such. During the round the sealed rows follow arrival order — their xmin and
// ctid, and so a dump's row order, as the participation side's own invitation rows (xmin, credential_at, the
// audit log's credential.issued events) do: polled xmins link each sealed row to the person who had just
// received a credential exactly as well as the participation side's order does (all 64 here), which ties a
// person to a receipt and a ciphertext, never to an answer. Two things the participation side does not record
// are visible too: a revision gives the row a new xmin (which receipts were revised, and when — as SQLite's WAL
// shows it to the same poller), and n_tup_upd counts the revisions. No sealed row, dump or counter holds a
// readable sheet or a person. After the opening, every opened row has ONE xmin (one transaction), the opened
// sheets lie in the opening's shuffled order (ctid, a scan without ORDER BY, a dump) both right after the commit
// and after the clean-up's VACUUM FULL, no sealed row, page or TOAST chunk remains, and the attacker's best
// simple guess links opened sheets to people at chance. The cluster's WAL is read too, and differs from SQLite's:
// the opening's plaintext reaches pg_wal before its commit whenever anything flushes the WAL (in the same shuffled
// order under random ids: no arrival order), and pg_wal keeps the sealed rows (ciphertext and receipt) after the
// opening until the server recycles the segment — an archive or replica keeps them for good. Neither is an
// application's to erase on PostgreSQL (SQLite's cache_spill off and WAL truncation have no counterpart).
// Planner statistics are read as well: an ANALYZE during the round (autovacuum's, after 50 changed rows) samples
// key hashes, receipts and ciphertexts into pg_statistic, which an ANALYZE of the emptied table keeps; the
// clean-up (rebuildBallotStorage) drops them, and this test failed (64 of 64 found) before it did.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { TestDb } from './support';
import { removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';
import {
	castMarked,
	chanceLinkBound,
	closeRound,
	hasPrintableRun,
	occurrences,
	openRound,
	prng,
	ranks,
	reviseMarked,
	rhoBound,
	shuffled,
	spearman,
	withinPageKendall,
	Z_1E6,
	type Cast,
	type MarkedSheet
} from './attack-support';
import { runPostgresProgram } from '../support/postgres-cluster';

/** Byte patterns every readable sheet contains: if none is in a dump, no sheet (whole or cut) is. */
const SHEET_PATTERNS = ['"answers":', '"comments":', '"q1.1.1":"'];

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let shares: DemoShare[];
let campaignId: number;
/** In cast order, with the person who cast; `marked` is the sheet that counts (after any revision). */
const casts: (Cast & { personId: number })[] = [];
const replaced: MarkedSheet[] = [];
/** What the poller saw: each receipt's first xmin and ctid, and the xmin of the invitation just credentialed. */
const firstXmin = new Map<string, number>();
const firstCtid = new Map<string, Ctid>();
const invitationXmin: number[] = [];
const dumps: { where: string; text: string }[] = [];
let sealedAtClose: { receipt: string; xmin: number; ctid: Ctid; sealed: Buffer; key_hash: string }[] = [];
let statsAtClose: Record<string, unknown>;
let statioAtClose: Record<string, unknown>;
let sealedColumns: string[] = [];
let physicalAfterCommit: string[] = [];
/** Each counted sheet's position in pg_wal after a checkpoint inside the opening (before its commit) and after it. */
let walBefore: number[] = [];
let walAfter: number[] = [];
let sealedInWalAfter = 0;
let sampledInRound = 0;
let credentialed = 0;

interface Ctid {
	page: number;
	item: number;
}
const parseCtid = (text: string): Ctid => {
	const [page, item] = text.slice(1, -1).split(',').map(Number);
	return { page, item };
};
const ctidOrder = (a: Ctid, b: Ctid) => a.page - b.page || a.item - b.item;

/** A plain-SQL pg_dump of the test's database, as the cluster's user would take it. */
function dump(where: string): string {
	const text = runPostgresProgram('pg_dump', ['--format=plain', '--no-owner', `--dbname=${t.file}`]).toString('utf8');
	dumps.push({ where, text });
	return text;
}

/** The COPY block of one table in a plain dump (its rows, in the order the dump scanned them). */
function copyBlock(text: string, table: string): string {
	const start = text.indexOf(`COPY public.${table} `);
	if (start < 0) throw new Error(`no COPY of ${table} in the dump`);
	return text.slice(start, text.indexOf('\n\\.\n', start));
}

/**
 * Where each needle first occurs in the cluster's WAL after a CHECKPOINT (which flushes every record before it,
 * committed or not): segment order × 2^24 + offset, or -1. The WAL is the cluster's, shared by the run's databases.
 */
async function walPositions(needles: Buffer[]): Promise<number[]> {
	await sql`checkpoint`.execute(t.db);
	const dir = path.join(inject('postgresDir'), 'data', 'pg_wal');
	const segments = readdirSync(dir)
		.filter((f) => /^[0-9A-F]{24}$/.test(f))
		.sort();
	const found = needles.map(() => -1);
	segments.forEach((name, k) => {
		const bytes = readFileSync(path.join(dir, name));
		needles.forEach((needle, i) => {
			if (found[i] >= 0) return;
			const at = bytes.indexOf(needle);
			if (at >= 0) found[i] = k * 2 ** 24 + at;
		});
	});
	return found;
}

/** How many sealed rows' key hash, receipt or ciphertext the planner statistics of sealed_sheet hold (pg_stats). */
async function sampledSealed(): Promise<number> {
	const { rows } = await sql<{ text: string }>`
		select coalesce(histogram_bounds::text, '') || coalesce(most_common_vals::text, '') as text
		from pg_stats where schemaname = 'public' and tablename = 'sealed_sheet'`.execute(t.db);
	const text = rows.map((r) => r.text).join('\n');
	return sealedAtClose.filter(
		(r) =>
			text.includes(r.key_hash) ||
			text.includes(r.receipt) ||
			text.includes(Buffer.from(r.sealed).subarray(64, 96).toString('hex'))
	).length;
}

async function sealedRows() {
	const { rows } = await sql<{ receipt: string; xmin: string; ctid: string; sealed: Buffer; key_hash: string }>`
		select receipt, xmin::text as xmin, ctid::text as ctid, sealed, key_hash
		from sealed_sheet where campaign_id = ${campaignId}`.execute(t.db);
	return rows.map((r) => ({ ...r, xmin: Number(r.xmin), ctid: parseCtid(r.ctid) }));
}

/** The opened sheets of the round in physical order: a scan of the whole table, no ORDER BY, no index. */
async function openedPhysical(): Promise<{ body: string; ctid: Ctid; xmin: number; cell_id: number }[]> {
	const { rows } = await sql<{ body: string; ctid: string; xmin: string; cell_id: number; campaign_id: number }>`
		select body, ctid::text as ctid, xmin::text as xmin, cell_id, campaign_id from opened_sheet`.execute(t.db);
	return rows
		.filter((r) => r.campaign_id === campaignId)
		.map((r) => ({ body: r.body, ctid: parseCtid(r.ctid), xmin: Number(r.xmin), cell_id: r.cell_id }));
}

const allMarkers = () => [...casts.map((c) => c.marked), ...replaced].flatMap((m) => [m.body, m.fragment]);

beforeAll(async () => {
	({ t, key, links, shares, campaignId } = await seededCopy());
	if (t.engine !== 'postgres') throw new Error('postgres-attack reads PostgreSQL storage: integration-pg only');
	const random = prng(20261117);
	const order = shuffled(links, random);
	expect(order.length).toBe(64);

	for (const [i, link] of order.entries()) {
		const { ctx } = await verifiedRespondent(t.db, key, link.token, `device-${i}`);
		casts.push({ ...(await castMarked(t.db, key, ctx, i, random)), personId: link.personId });
		const { rows } = await sql<{ xmin: string }>`select xmin::text as xmin from invitation
			where campaign_id = ${campaignId} and person_id = ${link.personId}`.execute(t.db);
		invitationXmin.push(Number(rows[0].xmin));
		if (i % 8 === 1) {
			const earlier = casts[i - 1];
			replaced.push(earlier.marked);
			earlier.marked = await reviseMarked(t.db, earlier, 64 + replaced.length, random);
		}
		// The poller: every sealed row's xmin and ctid, as often as it likes.
		for (const row of await sealedRows()) {
			if (!firstXmin.has(row.receipt)) firstXmin.set(row.receipt, row.xmin);
			if (!firstCtid.has(row.receipt)) firstCtid.set(row.receipt, row.ctid);
		}
		if (i === 20 || i === 42) dump(`dump after cast ${i}`);
	}
	sealedAtClose = await sealedRows();
	// What autovacuum does once 50 rows changed: planner statistics of the sealed store, sampled from its rows.
	await sql`analyze sealed_sheet`.execute(t.db);
	sampledInRound = await sampledSealed();
	sealedColumns = (
		await sql<{ column_name: string }>`select column_name from information_schema.columns
			where table_schema = 'public' and table_name = 'sealed_sheet' order by column_name`.execute(t.db)
	).rows.map((r) => r.column_name);
	credentialed = Number(
		(
			await t.db
				.selectFrom('invitation')
				.select((eb) => eb.fn.count<number>('credential_at').as('n'))
				.where('campaign_id', '=', campaignId)
				.executeTakeFirstOrThrow()
		).n
	);
	await closeRound(t.db, campaignId);
	dump('dump after the close');
	// Counters reach the shared statistics when the writing backends flush them (within about a second of idling).
	for (let tries = 0; tries < 300; tries++) {
		const { rows } = await sql<Record<string, unknown>>`select * from pg_stat_user_tables
			where relname = 'sealed_sheet'`.execute(t.db);
		statsAtClose = rows[0];
		if (Number(statsAtClose.n_tup_ins) >= casts.length && Number(statsAtClose.n_tup_upd) >= replaced.length) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	statioAtClose = (
		await sql<Record<string, unknown>>`select * from pg_statio_user_tables
			where relname = 'sealed_sheet'`.execute(t.db)
	).rows[0];

	const done = await openRound(t.db, shares, {
		// A dump taken by another connection while the opening's one transaction is still open.
		beforeCommit: async () => {
			dump('dump inside the opening');
			walBefore = await walPositions(casts.map((c) => Buffer.from(c.marked.body)));
		},
		afterCommit: async () => void (physicalAfterCommit = (await openedPhysical()).map((r) => r.body))
	});
	expect(done?.phase, done?.error).toBe('done');
	dump('dump after the opening');
	walAfter = await walPositions(casts.map((c) => Buffer.from(c.marked.body)));
	// Two slices of each ciphertext, 400 bytes apart: a WAL page header (every 8 KiB) can cut one, never both.
	const slice = (at: number) => sealedAtClose.map((r) => Buffer.from(r.sealed).subarray(at, at + 32));
	const [early, late] = [await walPositions(slice(64)), await walPositions(slice(464))];
	sealedInWalAfter = early.filter((p, i) => p >= 0 || late[i] >= 0).length;
}, 180_000);

afterAll(async () => {
	await t?.close();
	removeTemplate();
});

/** Guess "k-th item of a group in the attacker's order ↔ k-th person of that group to get a credential". */
function linkByOrder(groupOf: (c: Cast) => number, position: (c: Cast) => number) {
	const groups = new Map<number, Cast[]>();
	for (const c of casts) groups.set(groupOf(c), [...(groups.get(groupOf(c)) ?? []), c]);
	let correct = 0;
	for (const people of groups.values()) {
		const items = [...people].sort((a, b) => position(a) - position(b));
		items.forEach((item, k) => (correct += item === people[k] ? 1 : 0));
	}
	return { correct, sizes: [...groups.values()].map((g) => g.length) };
}

describe('an attacker reading PostgreSQL during the round', () => {
	it('finds no sheet, answer pattern or marker in any dump, sealed row or audit row', async () => {
		expect(casts).toHaveLength(64);
		expect(new Set(casts.map((c) => c.marked.body)).size).toBe(64);
		expect(replaced).toHaveLength(8);
		expect(dumps.map((d) => d.where)).toEqual([
			'dump after cast 20',
			'dump after cast 42',
			'dump after the close',
			'dump inside the opening',
			'dump after the opening'
		]);
		// Every dump before the commit: no sheet, whole or cut. (The search is not blind: the dump after the commit
		// holds every counted sheet once.)
		for (const d of dumps.slice(0, 4))
			for (const p of [...SHEET_PATTERNS, ...allMarkers()])
				expect(d.text.includes(p), `${d.where}: ${p.slice(0, 30)}`).toBe(false);
		for (const c of casts) expect(occurrences(Buffer.from(dumps[4].text), c.marked.body), c.marked.fragment).toBe(1);
		// The dumps during the round do hold the sealed rows: as hex bytea, with their receipts.
		for (const c of casts) expect(dumps[2].text.includes(c.receipt), c.receipt).toBe(true);

		expect(sealedAtClose).toHaveLength(64);
		const byKey = new Map(casts.map((c) => [c.keyHash, c]));
		for (const row of sealedAtClose) {
			const cast = byKey.get(row.key_hash)!;
			expect(cast.receipt).toBe(row.receipt);
			const sealed = Buffer.from(row.sealed);
			expect(sealed.length).toBe(32 + Buffer.byteLength(cast.marked.body) + 16);
			expect(sealed.includes(cast.marked.fragment)).toBe(false);
			expect(hasPrintableRun(sealed, 24)).toBe(false);
		}
		// A sealed row names no person, device, session or time: only its key, round, cell, receipt and ciphertext.
		expect(sealedColumns).toEqual(['campaign_id', 'cell_id', 'key_hash', 'receipt', 'sealed']);

		const audit = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
		for (const p of [...SHEET_PATTERNS, ...allMarkers()]) expect(audit.includes(p), p.slice(0, 30)).toBe(false);
		for (const c of casts) expect(audit.includes(c.receipt) || audit.includes(c.keyHash), c.receipt).toBe(false);
	});

	it('orders sealed rows by arrival (xmin, ctid, a dump), linking people to receipts exactly as the participation side orders them, no better', () => {
		const n = casts.length;
		const castIndex = casts.map((_, i) => i);
		// The participation side's own engine metadata: each credentialed invitation row's xmin is in cast order.
		const participation = linkByOrder(
			(c) => c.cellId,
			(c) => invitationXmin[casts.indexOf(c as (typeof casts)[number])]
		);
		expect(spearman(castIndex, invitationXmin)).toBe(1);
		expect(participation.correct).toBe(n);

		// Polled xmins of sealed rows interleave with the invitations' — each sealed row was written between its
		// person's credential and the next person's: this is what the sealed store adds (a receipt and ciphertext
		// per person), never an answer.
		const xmins = casts.map((c) => firstXmin.get(c.receipt)!);
		casts.forEach((c, i) => {
			expect(xmins[i], c.receipt).toBeGreaterThan(invitationXmin[i]);
			if (i + 1 < n) expect(xmins[i], c.receipt).toBeLessThan(invitationXmin[i + 1]);
		});
		const byXmin = linkByOrder(
			(c) => c.cellId,
			(c) => firstXmin.get(c.receipt)!
		);
		const byCtid = linkByOrder(
			(c) => c.cellId,
			(c) => {
				const at = firstCtid.get(c.receipt)!;
				return at.page * 10_000 + at.item;
			}
		);
		const dumpOrder = copyBlock(dumps[2].text, 'sealed_sheet');
		const byDump = linkByOrder(
			(c) => c.cellId,
			(c) => dumpOrder.indexOf(c.receipt)
		);
		for (const [source, link] of Object.entries({ byXmin, byCtid, byDump }))
			expect(link.correct, `${source}: ${link.correct} of ${n}`).toBeLessThanOrEqual(participation.correct);
		// Measured, and what the header says: polled xmins link all 64. Polled ctids and a dump at the close link
		// most (50 and 46 of 64 in this run; a revision's new row version can land in space freed earlier) — far
		// past chance either way: the order is there, and it is the participation side's.
		expect(byXmin.correct).toBe(n);
		const chance = chanceLinkBound(byXmin.sizes);
		for (const [source, link] of Object.entries({ byCtid, byDump }))
			expect(link.correct, `${source}: ${link.correct} of ${n}, chance bound ${chance}`).toBeGreaterThanOrEqual(chance);

		// A single look at the close: the live rows' xmin and ctid still follow arrival (rho far past the
		// chance bound), and the revised rows are the ones whose xmin is newer than their place in line.
		const atClose = new Map(sealedAtClose.map((r) => [r.receipt, r]));
		const xminAtClose = casts.map((c) => atClose.get(c.receipt)!.xmin);
		expect(spearman(castIndex, xminAtClose)).toBeGreaterThan(rhoBound(n));
		const revisedSeen = casts.filter((c) => atClose.get(c.receipt)!.xmin !== firstXmin.get(c.receipt)).length;
		expect(revisedSeen).toBe(replaced.length);
	});

	it('shows in pg_stat counters only counts: the casts the participation side knows, and how many revisions', () => {
		// The counters of this database's sealed_sheet (a fresh copy: nothing before the round).
		expect(credentialed).toBe(64);
		expect(Number(statsAtClose.n_tup_ins)).toBe(credentialed);
		expect(Number(statsAtClose.n_tup_upd)).toBe(replaced.length);
		expect(Number(statsAtClose.n_tup_del)).toBe(0);
		// No column of either view is a row, a key or a text of the table: numbers, times and the table's name.
		for (const view of [statsAtClose, statioAtClose])
			for (const [column, value] of Object.entries(view)) {
				if (column === 'relname' || column === 'schemaname') continue;
				expect(
					value === null || typeof value === 'number' || value instanceof Date || /^\d+$/.test(String(value)),
					`${column}: ${String(value)}`
				).toBe(true);
			}
	});
});

describe('the same attacker after the opening', () => {
	it('finds one xmin on every opened row, no sealed row, page or TOAST chunk, and nothing sealed in a dump', async () => {
		const { rows } = await sql<{ source: string; xmin: string }>`
			select 'opened_sheet' as source, xmin::text as xmin from opened_sheet where campaign_id = ${campaignId}
			union all select 'opened_tally', t.xmin::text from opened_tally t
				join counted_cell c on c.id = t.cell_id where c.campaign_id = ${campaignId}
			union all select 'counted_cell', xmin::text from counted_cell where campaign_id = ${campaignId}
			union all select 'counted_receipt', xmin::text from counted_receipt where campaign_id = ${campaignId}`.execute(t.db);
		expect(new Set(rows.map((r) => r.source))).toEqual(
			new Set(['opened_sheet', 'opened_tally', 'counted_cell', 'counted_receipt'])
		);
		expect(rows.filter((r) => r.source === 'opened_sheet')).toHaveLength(64);
		const xmins = new Set(rows.map((r) => r.xmin));
		expect([...xmins], 'one transaction wrote every opened row').toHaveLength(1);
		// …and it is no cast's: it comes after every sealed row.
		expect(Number([...xmins][0])).toBeGreaterThan(Math.max(...sealedAtClose.map((r) => r.xmin)));

		expect(await t.db.selectFrom('sealed_sheet').select('key_hash').execute()).toEqual([]);
		const { rows: sizes } = await sql<{ relname: string; heap: string; toast: string; toast_rows: string | null }>`
			select c.relname, pg_relation_size(c.oid)::text as heap,
				coalesce(pg_relation_size(nullif(c.reltoastrelid, 0)), 0)::text as toast
			from pg_class c where c.relname in ('sealed_sheet', 'opened_sheet')`.execute(t.db);
		const size = new Map(sizes.map((s) => [s.relname, s]));
		expect(Number(size.get('sealed_sheet')!.heap)).toBe(0);
		expect(Number(size.get('sealed_sheet')!.toast)).toBe(0);
		expect(Number(size.get('opened_sheet')!.heap)).toBeGreaterThan(0);
		// TOAST: the chunks of any body stored out of line (none is expected: a sheet is a kilobyte or two).
		for (const table of ['sealed_sheet', 'opened_sheet']) {
			const { rows: toast } = await sql<{ name: string | null }>`
				select nullif(reltoastrelid, 0)::regclass::text as name from pg_class where relname = ${table}`.execute(t.db);
			if (!toast[0].name) continue;
			const { rows: chunks } = await sql<{
				n: string;
			}>`select count(*)::text as n from ${sql.raw(toast[0].name)}`.execute(t.db);
			expect(Number(chunks[0].n), `${table}: TOAST chunks`).toBe(0);
		}

		// Planner statistics: the ANALYZE during the round sampled key hashes, receipts and ciphertexts into
		// pg_statistic, and an ANALYZE of the emptied table would keep them; the clean-up drops them.
		expect(sampledInRound, "the round's ANALYZE sampled sealed rows").toBeGreaterThan(0);
		expect(await sampledSealed(), 'sealed rows sampled in pg_stats after the opening').toBe(0);
		await sql`analyze sealed_sheet`.execute(t.db);
		expect(await sampledSealed(), 'after another ANALYZE').toBe(0);

		const after = dumps[4].text;
		for (const c of casts) {
			expect(after.includes(c.keyHash), 'key hash').toBe(false);
			expect(after.includes(Buffer.from(c.message).toString('hex')), 'm').toBe(false);
		}
		for (const row of sealedAtClose) {
			const sealed = Buffer.from(row.sealed);
			expect(after.includes(sealed.subarray(0, 32).toString('hex')), 'enc').toBe(false);
			expect(after.includes(sealed.subarray(100, 132).toString('hex')), 'ciphertext').toBe(false);
		}
		for (const m of replaced) expect(after.includes(m.fragment)).toBe(false);
	});

	it('lays opened sheets out in no cast or receipt order (ctid, a scan, a dump, the key), before and after VACUUM FULL', async () => {
		const n = casts.length;
		const bound = rhoBound(n);
		const castIndex = casts.map((_, i) => i);
		const receiptRank = ranks(casts.map((c) => parseInt(c.keyHash.slice(0, 12), 16)));
		const physical = await openedPhysical();
		// The clean-up's rewrite keeps the shuffled order the one transaction inserted.
		expect(physical.map((r) => r.body)).toEqual(physicalAfterCommit);
		const sortedByCtid = [...physical].sort((a, b) => ctidOrder(a.ctid, b.ctid)).map((r) => r.body);
		expect(sortedByCtid).toEqual(physical.map((r) => r.body));
		const byId = (
			await t.db
				.selectFrom('opened_sheet')
				.select(['body'])
				.where('campaign_id', '=', campaignId)
				.orderBy('id')
				.execute()
		).map((r) => r.body);
		const dumpBlock = copyBlock(dumps[4].text, 'opened_sheet');
		const sources = {
			scanAfterCommit: casts.map((c) => physicalAfterCommit.indexOf(c.marked.body)),
			ctid: casts.map((c) => sortedByCtid.indexOf(c.marked.body)),
			dump: casts.map((c) => dumpBlock.indexOf(c.marked.body)),
			primaryKey: casts.map((c) => byId.indexOf(c.marked.body))
		};
		for (const [source, positions] of Object.entries(sources)) {
			expect(
				positions.every((p) => p >= 0),
				source
			).toBe(true);
			for (const [against, order] of [
				['cast order', castIndex],
				['receipt order', receiptRank]
			] as const) {
				const rho = spearman(order, positions);
				expect(Math.abs(rho), `${source} vs ${against}: rho ${rho.toFixed(3)}, bound ${bound.toFixed(3)}`).toBeLessThan(
					bound
				);
			}
		}
		// Inside pages: the item order within each heap page keeps neither order.
		const ctidOf = new Map(physical.map((r) => [r.body, r.ctid]));
		for (const [against, order] of [
			['cast order', castIndex],
			['receipt order', receiptRank]
		] as const) {
			const layout = withinPageKendall(
				casts.map((c, i) => {
					const at = ctidOf.get(c.marked.body)!;
					return { page: at.page, physical: at.item, order: order[i] };
				})
			);
			expect(layout.pairs).toBeGreaterThan(30);
			expect(
				Math.abs(layout.z),
				`pages vs ${against}: z ${layout.z.toFixed(2)} over ${layout.pairs} pairs`
			).toBeLessThan(Z_1E6);
		}
		// The published receipts lie in receipt order, which says nothing of the cast order.
		const { rows } = await sql<{ receipt: string; campaign_id: number }>`
			select receipt, campaign_id from counted_receipt`.execute(t.db);
		const receipts = rows.filter((r) => r.campaign_id === campaignId).map((r) => r.receipt);
		expect([...receipts].sort()).toEqual(casts.map((c) => c.receipt).sort());
		const receiptPositions = casts.map((c) => receipts.indexOf(c.receipt));
		expect(Math.abs(spearman(castIndex, receiptPositions))).toBeLessThan(bound);
		// The check is not blind: the same statistic sees the sealed rows' arrival order during the round.
		expect(
			spearman(
				castIndex,
				casts.map((c) => firstXmin.get(c.receipt)!)
			)
		).toBeGreaterThan(bound);
	});

	it('links opened sheets to people no better than chance, where the sealed rows linked them all', async () => {
		const countedCell = new Map((await openedPhysical()).map((r) => [r.body, r.cell_id]));
		const physical = (await openedPhysical()).map((r) => r.body);
		const dumpBlock = copyBlock(dumps[4].text, 'opened_sheet');
		const sealed = linkByOrder(
			(c) => c.cellId,
			(c) => firstXmin.get(c.receipt)!
		);
		for (const [source, position] of [
			['ctid', (c: Cast) => physical.indexOf(c.marked.body)],
			['dump', (c: Cast) => dumpBlock.indexOf(c.marked.body)]
		] as const) {
			const opened = linkByOrder((c) => countedCell.get(c.marked.body)!, position);
			expect(opened.sizes.sort((a, b) => a - b)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 24]);
			const bound = chanceLinkBound(opened.sizes);
			expect(bound).toBeLessThan(sealed.correct);
			expect(opened.correct, `${source}: ${opened.correct} linked, chance bound ${bound}`).toBeLessThan(bound);
		}
	});
	it("finds the opening's sheets in the WAL only in the shuffled order, and says what else the WAL keeps", () => {
		// PostgreSQL logs each insert as it happens: unlike SQLite with cache spill off, the opening's plaintext is in
		// pg_wal before the commit once anything flushes it (here a checkpoint). Measured and stated; it carries no
		// order, being the same shuffled rows under random ids. A sheet cut by a WAL page header is not found whole
		// (about one in twelve): the order is measured on the sheets found.
		const found = (positions: number[]) => positions.filter((p) => p >= 0).length;
		console.info(
			`[postgres-attack] WAL: ${found(walBefore)}/64 sheets whole before the commit, ${found(walAfter)}/64 after; ` +
				`${sealedInWalAfter}/64 sealed rows still in pg_wal after the opening`
		);
		const castIndex = casts.map((_, i) => i);
		const receiptRank = ranks(casts.map((c) => parseInt(c.keyHash.slice(0, 12), 16)));
		for (const [when, positions] of [
			['before the commit', walBefore],
			['after the opening', walAfter]
		] as const) {
			const kept = castIndex.filter((i) => positions[i] >= 0);
			expect(kept.length, `${when}: sheets found whole`).toBeGreaterThanOrEqual(48);
			for (const [against, order] of [
				['cast order', castIndex],
				['receipt order', receiptRank]
			] as const) {
				const rho = spearman(
					kept.map((i) => order[i]),
					kept.map((i) => positions[i])
				);
				expect(Math.abs(rho), `WAL ${when} vs ${against}: rho ${rho.toFixed(3)}`).toBeLessThan(rhoBound(kept.length));
			}
		}
		// The WAL still holds the sealed rows (ciphertext beside its receipt) until the server recycles the segment,
		// and an archive or replica keeps them: unreadable without the committee's shares, as a dump of the round.
		expect(sealedInWalAfter).toBe(64);
	});
});
