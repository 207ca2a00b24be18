// The attacker's test of anonymity at rest with sealed answers (issue 11, docs/integrity.md steps 7–9).
// Every invitee of the demo round (64: eight commune cells of 5, one pooled cell of 24) casts a sheet
// of distinct answers, in a known order, through the real protocol; every eighth revises it once after
// the next person has cast (the replaced sheet must never become readable either). The attacker holds what the
// promise names: raw copies of the database, its -wal and -shm taken after every cast (read while the
// connection is open: what `cp` gets), online backups at several points, copies taken inside the
// opening (before its commit, right after it, after the clean-up), the audit log and everything the
// process printed. Before the opening nothing readable exists; after it, nothing orders or keys the
// opened sheets by who cast them, and the attacker's best simple guess links them at chance.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '$lib/server/db/open';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import type { AppKey } from '$lib/server/crypto/keyring';
import { sqliteOnly, type SqliteTestDb } from './support';
import { removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';
import {
	castMarked,
	reviseMarked,
	chanceLinkBound,
	closeRound,
	copyFiles,
	hasPrintableRun,
	occurrences,
	openRound,
	pageOf,
	prng,
	ranks,
	receiptsIn,
	rhoBound,
	shuffled,
	spearman,
	withinPageKendall,
	Z_1E6,
	type Cast,
	type FileCopy,
	type MarkedSheet
} from './attack-support';

/** Byte patterns every readable sheet contains: if none is in a copy, no sheet (whole or cut) is. */
const SHEET_PATTERNS = ['"answers":', '"comments":', '"q1.1.1":"'];

interface Seen {
	where: string;
	what: string;
}

let t: SqliteTestDb;
let key: AppKey;
let links: IssuedLink[];
let shares: DemoShare[];
let campaignId: number;
/** In cast order, with the person who cast; `marked` is the sheet that counts (after any revision). */
const casts: (Cast & { personId: number })[] = [];
/** Sheets replaced by a revision: never readable, never counted. */
const replaced: MarkedSheet[] = [];
const replacedSealed: Buffer[] = [];
/** Anything readable found where it must not be, before the opening. */
const leaks: Seen[] = [];
/** For each receipt: the index of the first per-cast WAL copy that contains it. */
const firstInWal = new Map<string, number>();
const backups: { where: string; bytes: Buffer }[] = [];
let sealedRows: { key_hash: string; receipt: string; sealed: Uint8Array }[] = [];
let beforeCommit: FileCopy | null = null;
let afterCommit: FileCopy | null = null;
let final: FileCopy;
let printed = '';
let restoreOutput: () => void = () => {};

const CANARY = '[attack] output captured';

/** The process's output, as the server log would hold it. */
function captureOutput() {
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const saved = methods.map((m) => console[m]);
	methods.forEach((m, i) => {
		console[m] = (...args: unknown[]) => {
			const line = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
			printed += `${line}\n`;
			if (line !== CANARY) saved[i].apply(console, args);
		};
	});
	const out = process.stdout.write.bind(process.stdout);
	const err = process.stderr.write.bind(process.stderr);
	process.stdout.write = ((chunk: unknown, ...rest: never[]) => (
		(printed += String(chunk)),
		out(chunk as string, ...rest)
	)) as typeof process.stdout.write;
	process.stderr.write = ((chunk: unknown, ...rest: never[]) => (
		(printed += String(chunk)),
		err(chunk as string, ...rest)
	)) as typeof process.stderr.write;
	restoreOutput = () => {
		methods.forEach((m, i) => (console[m] = saved[i]));
		process.stdout.write = out;
		process.stderr.write = err;
	};
}

/** Records any sheet pattern found in a copy taken before the opening. */
function searchBeforeOpening(where: string, bytes: Buffer, markers: string[] = []) {
	for (const p of [...SHEET_PATTERNS, ...markers]) if (bytes.includes(p)) leaks.push({ where, what: p.slice(0, 40) });
}

function searchCopy(where: string, copy: FileCopy, markers: string[] = []) {
	searchBeforeOpening(`${where} db`, copy.db, markers);
	searchBeforeOpening(`${where} wal`, copy.wal, markers);
	searchBeforeOpening(`${where} shm`, copy.shm, markers);
}

async function backup(where: string) {
	const file = path.join(t.dir, `backup-${backups.length}.sqlite`);
	await backupDatabase(t.sqlite, file);
	backups.push({ where, bytes: readFileSync(file) });
}

const allMarkers = () => [...casts.map((c) => c.marked), ...replaced].flatMap((m) => [m.body, m.fragment]);

beforeAll(async () => {
	captureOutput();
	// Proves the capture sees what the process prints.
	console.info(CANARY);
	{
		const seeded = await seededCopy();
		t = sqliteOnly(seeded.t);
		({ key, links, shares, campaignId } = seeded);
	}
	const random = prng(20261115);
	// Everyone, in an order that interleaves the cells; the attacker knows this order anyway (the
	// audit log's credential.issued events give it).
	const order = shuffled(links, random);
	expect(order.length).toBe(64);

	for (const [i, link] of order.entries()) {
		const { ctx } = await verifiedRespondent(t.db, key, link.token, `device-${i}`);
		casts.push({ ...(await castMarked(t.db, key, ctx, i, random)), personId: link.personId });
		if (i % 8 === 1) {
			const earlier = casts[i - 1];
			replaced.push(earlier.marked);
			const before = await t.db
				.selectFrom('sealed_sheet')
				.select('sealed')
				.where('key_hash', '=', earlier.keyHash)
				.executeTakeFirstOrThrow();
			replacedSealed.push(Buffer.from(before.sealed));
			earlier.marked = await reviseMarked(t.db, earlier, 64 + replaced.length, random);
		}
		const copy = copyFiles(t.file);
		searchCopy(`after cast ${i}`, copy);
		for (const r of receiptsIn(copy.wal)) if (!firstInWal.has(r)) firstInWal.set(r, i);
		if (i === 20 || i === 42) await backup(`backup after cast ${i}`);
	}
	// The copy after the last cast and the backups are also searched for every sheet's own bytes.
	searchCopy('after the last cast', copyFiles(t.file), allMarkers());
	sealedRows = await t.db
		.selectFrom('sealed_sheet')
		.select(['key_hash', 'receipt', 'sealed'])
		.where('campaign_id', '=', campaignId)
		.execute();

	await closeRound(t.db, campaignId);
	searchCopy('after the close', copyFiles(t.file), allMarkers());
	await backup('backup after the close');
	for (const b of backups) searchBeforeOpening(b.where, b.bytes, allMarkers());

	const done = await openRound(t.db, shares, {
		beforeCommit: async () => void (beforeCommit = copyFiles(t.file)),
		afterCommit: async () => void (afterCommit = copyFiles(t.file))
	});
	expect(done?.phase, done?.error).toBe('done');
	final = copyFiles(t.file);
	await backup('backup after the opening');
	restoreOutput();
}, 180_000);

afterAll(async () => {
	restoreOutput();
	await t?.close();
	removeTemplate();
});

describe('an attacker holding copies taken during the round', () => {
	it('finds no sheet, answer pattern or marker in any copy, backup, audit row or printed line', async () => {
		expect(casts).toHaveLength(64);
		expect(new Set(casts.map((c) => c.marked.body)).size).toBe(64);
		expect(replaced).toHaveLength(8);
		// 64 per-cast copies × 3 files, the copy after the last cast and after the close, 3 backups
		// (a 4th is taken after the opening).
		expect(backups).toHaveLength(4);
		expect(leaks).toEqual([]);

		const audit = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
		const outputs: [string, string][] = [
			['audit log', audit],
			['printed output', printed]
		];
		for (const [where, text] of outputs) {
			for (const p of [...SHEET_PATTERNS, ...allMarkers()])
				expect(text.includes(p), `${where}: ${p.slice(0, 30)}`).toBe(false);
			// Neither names a sealed sheet: no receipt and no key (the audit log knows who, never which).
			for (const c of casts)
				expect(text.includes(c.receipt) || text.includes(c.keyHash), `${where}: ${c.receipt}`).toBe(false);
		}
		expect(printed).toContain(CANARY);
	});

	it('stored each sheet sealed: ciphertext bytes, not the plaintext', () => {
		expect(sealedRows).toHaveLength(64);
		const byKey = new Map(casts.map((c) => [c.keyHash, c]));
		for (const row of sealedRows) {
			const cast = byKey.get(row.key_hash)!;
			expect(cast.receipt).toBe(row.receipt);
			const sealed = Buffer.from(row.sealed);
			// enc (32) ‖ AES-GCM ciphertext (as long as the plaintext) ‖ tag (16)
			expect(sealed.length).toBe(32 + Buffer.byteLength(cast.marked.body) + 16);
			expect(sealed.includes(cast.marked.fragment)).toBe(false);
			expect(sealed.includes('"answers"')).toBe(false);
			// A JSON sheet is one long printable run; 24 printable bytes in a row at random is ~3e-6 here.
			expect(hasPrintableRun(sealed, 24)).toBe(false);
		}
	});

	it('finds no plaintext in the copies taken inside the opening before its commit', () => {
		expect(beforeCommit).not.toBeNull();
		for (const [name, bytes] of Object.entries(beforeCommit!)) {
			for (const p of [...SHEET_PATTERNS, ...allMarkers()])
				expect(bytes.includes(p), `${name}: ${p.slice(0, 30)}`).toBe(false);
		}
		// The copy right after the commit does hold them (in the WAL): the search finds what is there.
		for (const c of casts) expect(occurrences(afterCommit!.wal, c.marked.body), c.marked.fragment).toBeGreaterThan(0);
		// A replaced sheet is never opened: not even the copy inside the opening shows it.
		for (const m of replaced)
			for (const bytes of Object.values(afterCommit!)) expect(bytes.includes(m.fragment)).toBe(false);
	});
});

describe('the same attacker after the opening', () => {
	it('finds each sheet once, and no sealed row, key, receipt link or ciphertext left', async () => {
		expect(final.wal.length).toBe(0);
		expect(t.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
		for (const c of casts) expect(occurrences(final.db, c.marked.body), c.marked.fragment).toBe(1);
		for (const c of casts) expect(occurrences(backups[3].bytes, c.marked.body), `backup: ${c.marked.fragment}`).toBe(1);
		for (const m of replaced)
			expect(final.db.includes(m.fragment) || backups[3].bytes.includes(m.fragment)).toBe(false);
		expect(await t.db.selectFrom('sealed_sheet').select('key_hash').execute()).toEqual([]);

		const finalCopies: [string, Buffer][] = [
			['db', final.db],
			['wal', final.wal],
			['shm', final.shm],
			['backup', backups[3].bytes]
		];
		for (const [name, bytes] of finalCopies) {
			for (const c of casts) {
				expect(bytes.includes(c.keyHash), `${name}: key hash`).toBe(false);
				expect(bytes.includes(Buffer.from(c.keyHash, 'hex')), `${name}: raw key hash`).toBe(false);
				expect(bytes.includes(Buffer.from(c.message)), `${name}: m`).toBe(false);
			}
			for (const s of [...sealedRows.map((r) => Buffer.from(r.sealed)), ...replacedSealed]) {
				// The encapsulated key and a slice of the ciphertext body.
				expect(bytes.includes(s.subarray(0, 32)), `${name}: enc`).toBe(false);
				expect(bytes.includes(s.subarray(100, 132)), `${name}: ciphertext`).toBe(false);
			}
		}
		// Receipts are published after the opening, each once, in their own table only.
		for (const c of casts) expect(occurrences(final.db, c.receipt), c.receipt).toBe(1);

		// The opened tables hold no receipt and no key hash, in any column.
		const secrets = casts.flatMap((c) => [c.receipt, c.keyHash]);
		for (const table of ['opened_sheet', 'opened_tally', 'counted_cell', 'opening_job'] as const) {
			const text = JSON.stringify(await t.db.selectFrom(table).selectAll().execute());
			for (const s of secrets) expect(text.includes(s), `${table}: ${s}`).toBe(false);
		}
		const receiptRows = await t.db
			.selectFrom('counted_receipt')
			.select('receipt')
			.where('campaign_id', '=', campaignId)
			.orderBy('receipt')
			.execute();
		expect(receiptRows.map((r) => r.receipt)).toEqual(casts.map((c) => c.receipt).sort());

		// opened_sheet shares no column with a sealed row except ones no single sheet can be found by.
		const columns = (table: string) =>
			(t.sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
		expect(columns('opened_sheet').sort()).toEqual(['body', 'campaign_id', 'cell_id', 'id']);
		expect(
			columns('opened_sheet')
				.filter((c) => columns('sealed_sheet').includes(c))
				.sort()
		).toEqual(['campaign_id', 'cell_id']);
		const perCell = await t.db
			.selectFrom('opened_sheet')
			.select(['cell_id', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('cell_id')
			.execute();
		expect(perCell.every((c) => Number(c.n) >= 5)).toBe(true);
		const ids = await t.db.selectFrom('opened_sheet').select('id').execute();
		expect(ids.every((r) => /^[0-9a-f]{32}$/.test(r.id) && !casts.some((c) => c.keyHash.includes(r.id)))).toBe(true);
	});

	it('sees no cast order and no receipt order in the file, the WAL after the commit or the key order, while the same methods see it in the round', async () => {
		const n = casts.length;
		const bound = rhoBound(n);
		const castIndex = casts.map((_, i) => i);
		// The published receipts, sorted: also the sealed table's key order and the order the opening decrypts in.
		const receiptRank = ranks(casts.map((c) => parseInt(c.keyHash.slice(0, 12), 16)));
		const pageSize = Number(t.sqlite.pragma('page_size', { simple: true }));

		// The methods detect order where it exists. Receipts first show up in the per-cast WAL copies in
		// cast order; and inside the pages of the sealed sheets' index (campaign, receipt, key), entries
		// sit in the order they were written, as docs/integrity.md measured on the first ballot store. (Both
		// say only who cast *a* sealed sheet when, which the participation side records anyway.)
		const walOrder = casts.map((c) => firstInWal.get(c.receipt) ?? -1);
		expect(walOrder.every((i) => i >= 0)).toBe(true);
		const rhoRound = spearman(castIndex, walOrder);
		expect(rhoRound).toBeGreaterThan(0.9);
		expect(rhoRound).toBeGreaterThan(bound);
		const closedBackup = backups[2].bytes;
		const inSealedPages = casts.map((c, i) => {
			// An index entry holds the receipt then the key; the table row holds them apart.
			const at = closedBackup.indexOf(c.receipt + c.keyHash);
			return { page: pageOf(at, pageSize, false), physical: at, order: i };
		});
		expect(inSealedPages.every((p) => p.physical >= 0)).toBe(true);
		const sealedLayout = withinPageKendall(inSealedPages);
		// A power check, not a false-alarm bound: page splits vary with the random keys, and |z| here ranged
		// 4.2–8.2 over six runs; 3 (p ≈ 0.003 under no order) shows the method sees the order that exists.
		expect(
			Math.abs(sealedLayout.z),
			`sealed rows: z ${sealedLayout.z.toFixed(2)} over ${sealedLayout.pairs} pairs`
		).toBeGreaterThan(3);

		const inFile = casts.map((c) => final.db.indexOf(c.marked.body));
		const inWal = casts.map((c) => afterCommit!.wal.indexOf(c.marked.body));
		const byId = (
			await t.db
				.selectFrom('opened_sheet')
				.select(['id', 'body'])
				.where('campaign_id', '=', campaignId)
				.orderBy('id')
				.execute()
		).map((r) => r.body);
		const inKeys = casts.map((c) => byId.indexOf(c.marked.body));
		for (const positions of [inFile, inWal, inKeys]) expect(positions.every((p) => p >= 0)).toBe(true);
		const sources = { file: inFile, walAfterCommit: inWal, primaryKey: inKeys };
		for (const [source, positions] of Object.entries(sources)) {
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
		// Inside pages too: neither the rebuilt file nor the commit's WAL frames keep either order.
		for (const [source, positions, wal] of [
			['file', inFile, false],
			['walAfterCommit', inWal, true]
		] as const) {
			for (const [against, order] of [
				['cast order', castIndex],
				['receipt order', receiptRank]
			] as const) {
				const layout = withinPageKendall(
					positions.map((at, i) => ({ page: pageOf(at, pageSize, wal), physical: at, order: order[i] }))
				);
				expect(layout.pairs).toBeGreaterThan(30);
				expect(
					Math.abs(layout.z),
					`${source} pages vs ${against}: z ${layout.z.toFixed(2)} over ${layout.pairs} pairs`
				).toBeLessThan(Z_1E6);
			}
		}
	});

	it('links opened sheets to people no better than chance, where the sealed rows linked them all', async () => {
		// The attacker's view of who cast when: credential.issued events in log order (invitation → person).
		const events = await t.db
			.selectFrom('audit_event as a')
			.innerJoin('invitation as i', 'i.id', 'a.subject_id')
			.select(['i.person_id'])
			.where('a.action', '=', 'credential.issued')
			.orderBy('a.seq')
			.execute();
		const credentialOrder = events.map((e) => e.person_id);
		expect(credentialOrder).toEqual(casts.map((c) => c.personId));
		const castOf = new Map(casts.map((c) => [c.personId, c]));

		/** Guess "k-th item of a group in the attacker's order ↔ k-th person of that group to credential". */
		const linkByOrder = (groupOf: (c: Cast) => number, position: (c: Cast) => number) => {
			const groups = new Map<number, Cast[]>();
			for (const pid of credentialOrder) {
				const c = castOf.get(pid)!;
				groups.set(groupOf(c), [...(groups.get(groupOf(c)) ?? []), c]);
			}
			let correct = 0;
			for (const people of groups.values()) {
				const items = [...people].sort((a, b) => position(a) - position(b));
				// people[k] is the k-th to credential; items[k] the k-th in the attacker's order.
				items.forEach((item, k) => (correct += item === people[k] ? 1 : 0));
			}
			return { correct, sizes: [...groups.values()].map((g) => g.length) };
		};

		// During the round, sealed rows (by receipt, first seen in the per-cast WAL copies) link exactly —
		// harmless, since they cannot be read and the opening cuts every link from receipt to sheet.
		const sealed = linkByOrder(
			(c) => c.cellId,
			(c) => firstInWal.get(c.receipt)!
		);
		expect(sealed.correct).toBeGreaterThanOrEqual(Math.ceil(casts.length * 0.9));

		// After the opening: the opened sheets of each counted cell, in their order in the file.
		const countedCell = new Map(
			(await t.db.selectFrom('opened_sheet').select(['body', 'cell_id']).execute()).map((r) => [r.body, r.cell_id])
		);
		const opened = linkByOrder(
			(c) => countedCell.get(c.marked.body)!,
			(c) => final.db.indexOf(c.marked.body)
		);
		expect(opened.sizes.sort((a, b) => a - b)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 24]);
		// Chance gives about one right guess per cell (a random permutation's fixed points); the bound is
		// the exact total a random order reaches with probability below 1e-6 (chanceLinkBound).
		const bound = chanceLinkBound(opened.sizes);
		expect(bound).toBeLessThan(sealed.correct);
		expect(opened.correct, `${opened.correct} linked, chance bound ${bound}`).toBeLessThan(bound);
	});
});
