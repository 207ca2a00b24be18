// Anonymity at rest (integrity.md, promise 3): someone holding a full copy of the database cannot link
// an answer sheet to a person. 24 respondents in four reporting cells complete the demo campaign in a
// known order, some revising once; then the copy is searched for every way back from a sheet to a
// person: shared values, a rowid, the storage order, and the revision secrets.
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBase32, formatRevisionCode } from '$lib/domain/codes';
import { toBase64url } from '$lib/respondent/blind-client';
import { readSheetAnswers, writeSheetAnswers } from '$lib/server/ballot/sheet-store';
import { castBallot } from '$lib/server/ballot/cast';
import { loadCellForm } from '$lib/server/ballot/cell-form';
import type { AppKey } from '$lib/server/keyring';
import type { IssuedLink } from '$lib/server/respondent/invitations';
import type { TestDb } from './support';
import { SLUG, fullAnswers, removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const PARTICIPATION_TABLES = ['invitation', 'invitation_device', 'otp_code', 'respondent_session', 'person', 'audit_event', 'demo_outbox', 'login_throttle', 'delivery', 'delivery_batch'] as const;
const BALLOT_TABLES = ['answer_sheet', 'answer_chunk', 'ballot_tally', 'ballot_cell_count'] as const;
const MIN_LENGTH = 8;

interface Done {
	receipt: string;
	secret: Uint8Array;
	message: Uint8Array;
	cellId: number;
}

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
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

beforeAll(async () => {
	({ t, key, links } = await seededCopy());
	// Pick 12 people from the pooled province cell (LDS, 24 members) and 4 from each of three commune
	// cells (5 members each), and interleave the cells in the order of completion.
	const cellOf = new Map((await t.db.selectFrom('person').select(['id', 'cell_id']).execute()).map((p) => [p.id, p.cell_id!]));
	const byCell = new Map<number, IssuedLink[]>();
	for (const link of links) byCell.set(cellOf.get(link.personId)!, [...(byCell.get(cellOf.get(link.personId)!) ?? []), link]);
	const cells = [...byCell.entries()].sort((a, b) => b[1].length - a[1].length);
	const pooled = cells[0][1].slice(0, 12);
	const communes = cells.slice(1, 4).flatMap(([, l]) => l.slice(0, 4));
	expect(cells[0][1].length).toBeGreaterThanOrEqual(12);
	const order = pooled.flatMap((l, i) => [l, communes[(i * 5) % 12]]);
	expect(new Set(order).size).toBe(24);

	for (const [i, link] of order.entries()) {
		const { ctx, sessionToken } = await verifiedRespondent(t.db, key, link.token, `device-${i}-${link.personId}`);
		clientSecrets.push(link.token, sessionToken, `device-${i}-${link.personId}`);
		const sub = await submitAnswers(t.db, key, ctx, i % 3);
		done.push({ receipt: sub.receipt, secret: sub.secret, message: sub.message, cellId: sub.form.cellId });
		// Every third respondent revises once, after the next person has cast.
		if (i % 3 === 1) {
			const prev = done[i - 1];
			const f = (await loadCellForm(t.db, prev.cellId))!;
			const again = await castBallot(t.db, SLUG, { message: toBase64url(prev.message), answers: fullAnswers(f.questionnaire, f.ratedUnits.map((u) => u.id), 2) });
			expect(again).toMatchObject({ ok: true, revised: true, receipt: prev.receipt });
			revisions++;
		}
	}
	// As the operator's maintenance does: fold the WAL into the file and truncate it.
	t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}, 120_000);

afterAll(async () => {
	await t?.close();
	removeTemplate();
});

describe('anonymity at rest', () => {
	it('completed as planned: 24 sheets in 4 cells, 8 of them revised', async () => {
		expect(done).toHaveLength(24);
		expect(revisions).toBe(8);
		expect(new Set(done.map((d) => d.cellId)).size).toBe(4);
		const count = await t.db.selectFrom('answer_sheet').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(24);
	});

	it('no ballot value equals or contains a participation value or its SHA-256, and the log names no sheet', async () => {
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
					if (table === 'audit_event' && column === 'payload') for (const leaf of leaves(JSON.parse(String(value)))) add(leaf);
				}
			}
		}
		for (const s of clientSecrets) add(s);
		const needles = new Set<string>();
		for (const v of participation) {
			if (v.length >= MIN_LENGTH) needles.add(v);
			needles.add(sha256Hex(v));
		}

		// campaign_id and cell_id are left out on purpose: they are structural. A cell is a group of at
		// least k invitees by construction (integrity.md, reporting cells), so naming it names no one.
		const chunks = t.sqlite.prepare('select body from answer_chunk where key_hash = ? order by n');
		const sheets = (t.sqlite.prepare('select key_hash, receipt from answer_sheet').all() as { key_hash: string; receipt: string }[]).map((s) => ({
			...s,
			answers: (chunks.all(s.key_hash) as { body: string }[]).map((c) => c.body).join('')
		}));
		const ballotValues = sheets.flatMap((s) => [s.key_hash, s.receipt, s.answers, ...leaves(JSON.parse(s.answers))]);
		const hitsIn = (values: string[]) => {
			const hits: string[] = [];
			for (const v of values) for (const n of needles) if (v.includes(n)) hits.push(`${v.slice(0, 40)} ⊇ ${n.slice(0, 40)}`);
			return hits;
		};
		expect(hitsIn(ballotValues)).toEqual([]);
		// The search is not blind: it would catch a sheet keyed by a hashed link token or carrying a
		// person's e-mail, a device id or a session token.
		const person = t.sqlite.prepare('select email from person where email is not null limit 1').get() as { email: string };
		expect(needles.has(sha256Hex(links[0].token))).toBe(true);
		expect(hitsIn([sha256Hex(links[0].token), `{"q":"${person.email}"}`, `x${clientSecrets[2]}x`, clientSecrets[1]]).length).toBeGreaterThanOrEqual(4);

		// The other way round: nothing on the participation side holds a key, a receipt, m or a secret.
		const ballotSecrets = [
			...sheets.flatMap((s) => [s.key_hash, s.receipt]),
			...done.flatMap((d) => [Buffer.from(d.message).toString('hex'), toBase64url(d.message), Buffer.from(d.secret).toString('hex'), encodeBase32(d.secret)])
		];
		const back: string[] = [];
		for (const p of participation) for (const b of ballotSecrets) if (p.includes(b)) back.push(`${p.slice(0, 40)} ⊇ ${b}`);
		expect(back).toEqual([]);
		const payloads = (t.sqlite.prepare('select payload from audit_event').all() as { payload: string }[]).map((r) => r.payload);
		for (const s of sheets) for (const p of payloads) expect(p.includes(s.key_hash) || p.includes(s.receipt)).toBe(false);
	});

	it('a long answer sheet stays inside leaf pages: no overflow pages, whose allocation order would follow submission', async () => {
		const cell = (t.sqlite.prepare('select id, campaign_id from reporting_cell limit 1').get() as { id: number; campaign_id: number });
		const comments = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}`, 'Ý kiến rất dài về cải cách hành chính. '.repeat(25)]));
		const sheet = { answers: { q1: 'A' }, comments };
		const keyHash = 'f'.repeat(64);
		await t.db.insertInto('answer_sheet').values({ key_hash: keyHash, receipt: 'ZZZZZ-ZZZZZ', campaign_id: cell.campaign_id, cell_id: cell.id }).execute();
		await writeSheetAnswers(t.db, keyHash, sheet);
		expect(JSON.stringify(sheet).length).toBeGreaterThan(30_000);
		expect(await readSheetAnswers(t.db, keyHash)).toEqual(sheet);
		const overflow = t.sqlite
			.prepare(`select name, count(*) as n from dbstat where name in (${BALLOT_TABLES.map(() => '?').join(', ')}) and pagetype = 'overflow' group by name`)
			.all(...BALLOT_TABLES);
		expect(overflow).toEqual([]);
		// The check is not blind: the same text in one row of a table does overflow.
		t.sqlite.exec('create table probe (k text primary key, body text) without rowid');
		t.sqlite.prepare('insert into probe values (?, ?)').run('k', JSON.stringify(sheet));
		expect((t.sqlite.prepare("select count(*) as n from dbstat where name = 'probe' and pagetype = 'overflow'").get() as { n: number }).n).toBeGreaterThan(0);
		// Leave the shared database as the other tests expect it.
		t.sqlite.exec('drop table probe');
		await t.db.deleteFrom('answer_sheet').where('key_hash', '=', keyHash).execute();
		expect(await t.db.selectFrom('answer_chunk').select('n').where('key_hash', '=', keyHash).execute()).toEqual([]);
		t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
	});

	it('the ballot tables have no rowid (the participation tables do)', () => {
		for (const table of BALLOT_TABLES) expect(() => t.sqlite.prepare(`select rowid from ${table}`).all(), table).toThrow(/rowid/);
		expect(t.sqlite.prepare('select rowid from invitation').all().length).toBeGreaterThan(0);
	});

	it('the storage order of the sheets is not the order they were cast in', () => {
		const receiptOf = new Map((t.sqlite.prepare('select key_hash, receipt from answer_sheet').all() as { key_hash: string; receipt: string }[]).map((r) => [r.key_hash, r.receipt]));
		// No ORDER BY: whatever order the file hands the rows out in.
		const stored = (t.sqlite.prepare('select key_hash from answer_sheet').all() as { key_hash: string }[]).map((r) => receiptOf.get(r.key_hash)!);
		const cast = done.map((d) => d.receipt);
		expect([...stored].sort()).toEqual([...cast].sort());
		// With 24 random keys an identical order would be a 1-in-24! accident.
		expect(stored).not.toEqual(cast);
		const position = new Map(stored.map((r, i) => [r, i]));
		const n = cast.length;
		const d2 = cast.reduce((sum, r, i) => sum + (position.get(r)! - i) ** 2, 0);
		const spearman = 1 - (6 * d2) / (n * (n * n - 1));
		expect(Math.abs(spearman)).toBeLessThan(0.9);
		// The same for a full scan of every column.
		const full = (t.sqlite.prepare('select * from answer_sheet').all() as { receipt: string }[]).map((r) => r.receipt);
		expect(full).not.toEqual(cast);
	});

	it('the database file holds no copy of a revision secret or of m', () => {
		expect(statSync(`${t.file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
		const file = readFileSync(t.file);
		const found: string[] = [];
		for (const d of done) {
			const base32 = encodeBase32(d.secret);
			const forms = [base32, base32.toLowerCase(), formatRevisionCode(d.secret), Buffer.from(d.secret).toString('hex'), toBase64url(d.secret), Buffer.from(d.message).toString('hex'), toBase64url(d.message)];
			for (const f of forms) if (file.includes(Buffer.from(f, 'utf8'))) found.push(f);
			if (file.includes(Buffer.from(d.secret))) found.push(`raw secret of ${d.receipt}`);
			if (file.includes(Buffer.from(d.message))) found.push(`raw m of ${d.receipt}`);
		}
		expect(found).toEqual([]);
		// The search does find what is there: every receipt is in the file.
		for (const d of done) expect(file.includes(Buffer.from(d.receipt, 'utf8'))).toBe(true);
	});
});
