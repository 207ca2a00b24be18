// Anonymity at rest (docs/integrity.md, promise 3): someone holding a full copy of the database cannot link
// an answer sheet to a person. 24 respondents in four reporting cells cast distinct sheets in a known
// order, some revising once. During the round the copy holds sealed sheets only: nothing readable, and
// no way back to a person. After the close and the opening it holds opened sheets that share nothing
// with the sealed rows (which are gone from the file), stored in an order unrelated to the casting.
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetAnswers } from '$lib/domain/ballot';
import { encodeBase32, formatRevisionCode } from '$lib/domain/codes';
import { toBase64url } from '$lib/respondent/blind-client';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { sqliteOnly, type SqliteTestDb } from './support';
import { removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';
import { castChosen, closeAndOpen, type Chooser } from './results-support';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const PARTICIPATION_TABLES = [
	'invitation',
	'invitation_device',
	'invitation_link',
	'otp_code',
	'respondent_session',
	'person',
	'audit_event',
	'demo_outbox',
	'login_throttle',
	'delivery',
	'delivery_batch'
] as const;
/** Ballot-side tables keyed by content, not by arrival: no rowid. */
const BALLOT_TABLES = ['sealed_sheet', 'opened_sheet', 'opened_tally', 'counted_receipt'] as const;
const MIN_LENGTH = 8;

interface Done {
	receipt: string;
	secret: Uint8Array;
	message: Uint8Array;
	cellId: number;
	/** The sheet as last cast (after a revision, the revised one). */
	sheet: SheetAnswers;
}

let t: SqliteTestDb;
let key: AppKey;
let links: IssuedLink[];
let shares: DemoShare[];
/** In the order they were cast. */
const done: Done[] = [];
/** Tokens that only ever lived in URLs and cookies, never stored in clear. */
const clientSecrets: string[] = [];
let revisions = 0;

function leaves(value: unknown, out: string[] = []): string[] {
	if (value === null || value === undefined) return out;
	if (Array.isArray(value)) for (const v of value) leaves(v, out);
	else if (typeof value === 'object') for (const v of Object.values(value as Record<string, unknown>)) leaves(v, out);
	else out.push(String(value));
	return out;
}

/** A sheet that differs from every other: its number written in the options of the first four questions. */
const numbered =
	(n: number): Chooser =>
	(question, index, unitId) => {
		const size = question.options.length;
		const digit = index < 4 ? Math.floor(n / size ** index) % size : (n + index + (unitId ? Number(unitId) : 0)) % size;
		return question.options[digit].id;
	};

const canonical = (s: SheetAnswers) =>
	JSON.stringify({ answers: Object.fromEntries(Object.entries(s.answers).sort()), comments: s.comments });

/** Spearman's rank correlation between two orders of the same items. */
function spearman(a: string[], b: string[]): number {
	const position = new Map(b.map((x, i) => [x, i]));
	const n = a.length;
	const d2 = a.reduce((sum, x, i) => sum + (position.get(x)! - i) ** 2, 0);
	return 1 - (6 * d2) / (n * (n * n - 1));
}

/** Every participation value (and each word inside one), plus the secrets that only lived client-side. */
function participationValues(): Set<string> {
	const participation = new Set<string>();
	const add = (v: unknown) => {
		if (v === null || v === undefined) return;
		const s = String(v);
		participation.add(s);
		// Words inside longer texts too (the outbox body carries the link and the code).
		for (const word of s.split(/[\s"'“”,]+/)) participation.add(word);
	};
	for (const table of PARTICIPATION_TABLES) {
		const rows = t.sqlite.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
		expect(rows.length, table).toBeGreaterThan(0);
		for (const row of rows) {
			for (const [column, value] of Object.entries(row)) {
				add(value);
				if (table === 'audit_event' && column === 'payload')
					for (const leaf of leaves(JSON.parse(String(value)))) add(leaf);
			}
		}
	}
	for (const s of clientSecrets) add(s);
	return participation;
}

/** The participation values long enough to search for, and the SHA-256 of every one. */
function needlesOf(participation: Set<string>): Set<string> {
	const needles = new Set<string>();
	for (const v of participation) {
		if (v.length >= MIN_LENGTH) needles.add(v);
		needles.add(sha256Hex(v));
	}
	return needles;
}

function hitsIn(values: string[], needles: Set<string>): string[] {
	const hits: string[] = [];
	for (const v of values)
		for (const n of needles) if (v.includes(n)) hits.push(`${v.slice(0, 40)} ⊇ ${n.slice(0, 40)}`);
	return hits;
}

/** No revision secret and no m in any form; returns what was found. */
function secretsIn(file: Buffer): string[] {
	const found: string[] = [];
	for (const d of done) {
		const base32 = encodeBase32(d.secret);
		const forms = [
			base32,
			base32.toLowerCase(),
			formatRevisionCode(d.secret),
			Buffer.from(d.secret).toString('hex'),
			toBase64url(d.secret),
			Buffer.from(d.message).toString('hex'),
			toBase64url(d.message)
		];
		for (const f of forms) if (file.includes(Buffer.from(f, 'utf8'))) found.push(f);
		if (file.includes(Buffer.from(d.secret))) found.push(`raw secret of ${d.receipt}`);
		if (file.includes(Buffer.from(d.message))) found.push(`raw m of ${d.receipt}`);
	}
	return found;
}

/** The sealed rows as they were during the round (key, receipt, sealed bytes). */
let sealedRows: { key_hash: string; receipt: string; sealed: Buffer }[] = [];

beforeAll(async () => {
	{
		const seeded = await seededCopy();
		t = sqliteOnly(seeded.t);
		({ key, links, shares } = seeded);
	}
	// Pick 12 people from the pooled province cell (LDS, 24 members) and 4 from each of three commune
	// cells (5 members each), and interleave the cells in the order of completion.
	const cellOf = new Map(
		(await t.db.selectFrom('person').select(['id', 'cell_id']).execute()).map((p) => [p.id, p.cell_id!])
	);
	const byCell = new Map<number, IssuedLink[]>();
	for (const link of links)
		byCell.set(cellOf.get(link.personId)!, [...(byCell.get(cellOf.get(link.personId)!) ?? []), link]);
	const cells = [...byCell.entries()].sort((a, b) => b[1].length - a[1].length);
	const pooled = cells[0][1].slice(0, 12);
	const communes = cells.slice(1, 4).flatMap(([, l]) => l.slice(0, 4));
	expect(cells[0][1].length).toBeGreaterThanOrEqual(12);
	const order = pooled.flatMap((l, i) => [l, communes[(i * 5) % 12]]);
	expect(new Set(order).size).toBe(24);

	const revise: ((choose: Chooser) => Promise<SheetAnswers>)[] = [];
	for (const [i, link] of order.entries()) {
		const { ctx, sessionToken } = await verifiedRespondent(t.db, key, link.token, `device-${i}-${link.personId}`);
		clientSecrets.push(link.token, sessionToken, `device-${i}-${link.personId}`);
		const sub = await castChosen(t.db, key, ctx, numbered(i));
		done.push({ receipt: sub.receipt, secret: sub.secret, message: sub.message, cellId: sub.cellId, sheet: sub.sheet });
		revise.push(sub.revise);
		// Every third respondent revises once, after the next person has cast.
		if (i % 3 === 1) {
			done[i - 1].sheet = await revise[i - 1](numbered(100 + i));
			revisions++;
		}
	}
	sealedRows = t.sqlite.prepare('select key_hash, receipt, sealed from sealed_sheet').all() as typeof sealedRows;
	// As the operator's maintenance does: fold the WAL into the file and truncate it.
	t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}, 120_000);

afterAll(async () => {
	await t?.close();
	removeTemplate();
});

describe('during the round: sealed sheets only', () => {
	it('completed as planned: 24 distinct sheets sealed in 4 cells, 8 of them revised, nothing counted', async () => {
		expect(done).toHaveLength(24);
		expect(revisions).toBe(8);
		expect(new Set(done.map((d) => d.cellId)).size).toBe(4);
		expect(new Set(done.map((d) => canonical(d.sheet))).size).toBe(24);
		expect(sealedRows).toHaveLength(24);
		for (const table of ['counted_cell', 'opened_sheet', 'opened_tally', 'counted_receipt'] as const)
			expect(await t.db.selectFrom(table).selectAll().execute(), table).toEqual([]);
	});

	it('no sealed sheet can be read: no answer, no question key, no sheet text appears in the file', () => {
		const file = readFileSync(t.file);
		expect(statSync(`${t.file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
		// Question keys of rated-unit answers ("q:unitId") exist nowhere but in sheets: none may be in the file.
		const unitKeys = new Set(done.flatMap((d) => Object.keys(d.sheet.answers).filter((k) => k.includes(':'))));
		expect(unitKeys.size).toBeGreaterThan(0);
		for (const k of unitKeys) expect(file.includes(Buffer.from(`"${k}"`, 'utf8')), k).toBe(false);
		for (const d of done) expect(file.includes(Buffer.from(canonical(d.sheet).slice(0, 60), 'utf8'))).toBe(false);
		// The search is not blind: the receipts stored beside the sealed bytes are found.
		for (const d of done) expect(file.includes(Buffer.from(d.receipt, 'utf8'))).toBe(true);
	});

	it('no ballot value equals or contains a participation value or its SHA-256, and the log names no sheet', () => {
		const participation = participationValues();
		const needles = needlesOf(participation);
		// campaign_id and cell_id are left out on purpose: they are structural. A cell is a group of at
		// least k invitees by construction (docs/integrity.md, reporting cells), so naming it names no one.
		const ballotValues = sealedRows.flatMap((s) => [
			s.key_hash,
			s.receipt,
			Buffer.from(s.sealed).toString('latin1'),
			Buffer.from(s.sealed).toString('base64url')
		]);
		expect(hitsIn(ballotValues, needles)).toEqual([]);
		// The search is not blind: it would catch a sheet keyed by a hashed link token or carrying a
		// person's e-mail, a device id or a session token.
		const person = t.sqlite.prepare('select email from person where email is not null limit 1').get() as {
			email: string;
		};
		expect(needles.has(sha256Hex(links[0].token))).toBe(true);
		expect(
			hitsIn([sha256Hex(links[0].token), `{"q":"${person.email}"}`, `x${clientSecrets[2]}x`, clientSecrets[1]], needles)
				.length
		).toBeGreaterThanOrEqual(4);

		// The other way round: nothing on the participation side holds a key, a receipt, m or a secret.
		const ballotSecrets = [
			...sealedRows.flatMap((s) => [s.key_hash, s.receipt]),
			...done.flatMap((d) => [
				Buffer.from(d.message).toString('hex'),
				toBase64url(d.message),
				Buffer.from(d.secret).toString('hex'),
				encodeBase32(d.secret)
			])
		];
		const back: string[] = [];
		for (const p of participation)
			for (const b of ballotSecrets) if (p.includes(b)) back.push(`${p.slice(0, 40)} ⊇ ${b}`);
		expect(back).toEqual([]);
		const payloads = (t.sqlite.prepare('select payload from audit_event').all() as { payload: string }[]).map(
			(r) => r.payload
		);
		for (const s of sealedRows)
			for (const p of payloads) expect(p.includes(s.key_hash) || p.includes(s.receipt)).toBe(false);
	});

	it('the database file holds no copy of a revision secret or of m', () => {
		expect(statSync(`${t.file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
		expect(secretsIn(readFileSync(t.file))).toEqual([]);
	});
});

describe('after the close and the opening', () => {
	let opened: { id: string; cell_id: number; body: string }[] = [];

	beforeAll(async () => {
		expect(await closeAndOpen(t, shares)).toMatchObject({ status: 'finished', sheets: 24, invalid: 0 });
		// No ORDER BY: whatever order the file hands the rows out in.
		opened = t.sqlite.prepare('select id, cell_id, body from opened_sheet').all() as typeof opened;
	}, 60_000);

	it('counted every sheet once, as last revised', () => {
		expect(opened.map((o) => canonical(JSON.parse(o.body))).sort()).toEqual(done.map((d) => canonical(d.sheet)).sort());
		expect(
			(t.sqlite.prepare('select receipt from counted_receipt order by receipt').all() as { receipt: string }[]).map(
				(r) => r.receipt
			)
		).toEqual(done.map((d) => d.receipt).sort());
	});

	it('no sealed row survives in the file or the WAL: no key hash, no sealed bytes, no free page', () => {
		expect(t.sqlite.prepare('select count(*) as n from sealed_sheet').get()).toEqual({ n: 0 });
		expect(statSync(`${t.file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
		// Rebuilt (VACUUM): no free page keeps old content.
		expect(t.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
		const file = readFileSync(t.file);
		const left: string[] = [];
		for (const s of sealedRows) {
			if (file.includes(Buffer.from(s.key_hash, 'utf8'))) left.push(`key hash of ${s.receipt}`);
			if (file.includes(Buffer.from(s.sealed).subarray(0, 48))) left.push(`sealed bytes of ${s.receipt}`);
		}
		expect(left).toEqual([]);
		expect(secretsIn(file)).toEqual([]);
		// The search is not blind: the opened sheets and the counted receipts are in the file.
		for (const d of done) expect(file.includes(Buffer.from(d.receipt, 'utf8'))).toBe(true);
		expect(file.includes(Buffer.from(opened[0].body.slice(0, 60), 'utf8'))).toBe(true);
		const unitKeys = new Set(done.flatMap((d) => Object.keys(d.sheet.answers).filter((k) => k.includes(':'))));
		for (const k of unitKeys) expect(file.includes(Buffer.from(`"${k}"`, 'utf8')), k).toBe(true);
	});

	it('an opened sheet shares no value with a sealed row, a receipt or the participation side', () => {
		const sealedValues = sealedRows.flatMap((s) => [s.key_hash, s.receipt]);
		const openedValues = opened.flatMap((o) => [o.id, o.body, ...leaves(JSON.parse(o.body))]);
		const overlap = openedValues.filter((v) =>
			sealedValues.some((s) => v.includes(s) || (v.length >= MIN_LENGTH && s.includes(v)))
		);
		expect(overlap).toEqual([]);
		expect(hitsIn(openedValues, needlesOf(participationValues()))).toEqual([]);
		// The opened sheet's id is random, not derived from m, the receipt or the key hash.
		const derived = new Set(
			done.flatMap((d) => [
				sha256Hex(Buffer.from(d.message).toString('hex')),
				Buffer.from(d.message).toString('hex').slice(0, 32)
			])
		);
		for (const o of opened) expect(o.id).toMatch(/^[0-9a-f]{32}$/);
		for (const o of opened) expect(derived.has(o.id)).toBe(false);
		// Nothing in an opened sheet but its cell and the answers.
		expect(Object.keys(opened[0]).sort()).toEqual(['body', 'cell_id', 'id']);
		const columns = (t.sqlite.prepare("select name from pragma_table_info('opened_sheet')").all() as { name: string }[])
			.map((c) => c.name)
			.sort();
		expect(columns).toEqual(['body', 'campaign_id', 'cell_id', 'id']);
	});

	it('the storage order of the opened sheets is not the order they were cast in', () => {
		const castOrder = done.map((d) => canonical(d.sheet));
		const stored = opened.map((o) => canonical(JSON.parse(o.body)));
		expect([...stored].sort()).toEqual([...castOrder].sort());
		// With 24 sheets in random order an identical order would be a 1-in-24! accident.
		expect(stored).not.toEqual(castOrder);
		expect(Math.abs(spearman(stored, castOrder))).toBeLessThan(0.9);
		// The same for the receipts still listed: sorted, not in casting order.
		const receipts = (t.sqlite.prepare('select receipt from counted_receipt').all() as { receipt: string }[]).map(
			(r) => r.receipt
		);
		expect(receipts).toEqual([...receipts].sort());
	});

	it('the ballot tables have no rowid (the participation tables do)', () => {
		for (const table of BALLOT_TABLES)
			expect(() => t.sqlite.prepare(`select rowid from ${table}`).all(), table).toThrow(/rowid/);
		expect(t.sqlite.prepare('select rowid from invitation').all().length).toBeGreaterThan(0);
	});
});
