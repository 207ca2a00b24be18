// The attacker's tools for the sealed-answers tests (issue 11): sheets with a findable marker cast
// through the real protocol, raw copies of the database files, byte searches, rank statistics, and
// child processes driven (and killed) by the lines they print.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { SheetAnswers } from '$lib/domain/ballot';
import { validateSheet } from '$lib/domain/ballot';
import { finalizeCredential, toBase64url } from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { castBallot, keyHashOf } from '$lib/server/ballot/cast';
import { loadCellForm, type CellForm } from '$lib/server/ballot/cell-form';
import { advanceCampaign, type Staff } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import type { AppKey } from '$lib/server/crypto/keyring';
import { issueCredential } from '$lib/server/respondent/credential';
import type { RespondentContext } from '$lib/server/respondent/sessions';
import { DEMO_COMMITTEE, DEMO_THRESHOLD, type DemoShare } from '$lib/server/seed/demo-committee';
import { supplyShare, waitForOpening, type OpeningHooks, type OpeningProgress } from '$lib/server/sealing/opening';
import { NO_REQUEST } from '$lib/server/audit';
import { SLUG, blindFor } from './respondent-support';
import { META } from './support';
import { mulberry32 } from '$lib/domain/random';

// ---------------------------------------------------------------------------------------------
// Marked sheets. The demo questionnaire allows no comment, so the sheet's index is written into its
// option pattern: the first three questions (five options each) give 125 distinct codes, the rest of
// the answers are drawn at random, so every sheet is distinct and findable by its exact bytes.

/** The project's seeded generator: the answers and cast order are reproducible. */
export const prng = mulberry32;

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

export interface MarkedSheet {
	sheet: SheetAnswers;
	/** The canonical JSON the opening writes for this sheet (validated, questionnaire order). */
	body: string;
	/** The start of `body` that encodes the index: unique per sheet, findable in a page. */
	fragment: string;
}

const CODE_QUESTIONS = 3;

export function markedSheet(form: CellForm, index: number, random: () => number): MarkedSheet {
	const units = form.ratedUnits.map((u) => u.id);
	const answers: Record<string, string> = {};
	let coded = 0;
	let rest = index;
	for (const section of form.questionnaire.sections) {
		for (const question of section.questions) {
			const keys = section.repeatPerRatedUnit ? units.map((u) => `${question.id}:${u}`) : [question.id];
			for (const key of keys) {
				let option: string;
				if (!section.repeatPerRatedUnit && coded < CODE_QUESTIONS) {
					option = question.options[rest % question.options.length].id;
					rest = Math.floor(rest / question.options.length);
					coded++;
				} else option = question.options[Math.floor(random() * question.options.length)].id;
				answers[key] = option;
			}
		}
	}
	if (rest !== 0) throw new Error(`sheet index ${index} does not fit the code questions`);
	const checked = validateSheet(form.questionnaire, units, { answers, comments: {} });
	if (!checked.ok) throw new Error(`marked sheet invalid: ${JSON.stringify(checked.errors)}`);
	const body = JSON.stringify(checked.sheet);
	const firstKeys = Object.keys(checked.sheet.answers).slice(0, CODE_QUESTIONS);
	const fragment = firstKeys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(checked.sheet.answers[k])}`).join(',');
	if (!body.includes(fragment)) throw new Error('fragment not in body');
	return { sheet: checked.sheet, body, fragment };
}

export interface Cast {
	receipt: string;
	/** SHA-256(m), hex: the sealed sheet's key. */
	keyHash: string;
	message: Uint8Array;
	cellId: number;
	marked: MarkedSheet;
}

/** The browser's submission with a chosen sheet: blind, get the credential, seal, cast without cookies. */
export async function castMarked(
	db: Db,
	appKey: AppKey,
	ctx: RespondentContext,
	index: number,
	random: () => number
): Promise<Cast> {
	const b = await blindFor(db, ctx.person.cellId!);
	const issued = await issueCredential(db, appKey, ctx, b.blinded, META);
	if (!issued.ok) throw new Error(issued.error.key);
	const signature = await finalizeCredential(
		b.form.publicKey,
		b.message,
		Buffer.from(issued.blindSignature, 'base64url'),
		b.inv
	);
	const marked = markedSheet(b.form, index, random);
	const sealed = await sealSheet(b.form.sealingKey!, b.form.campaignId, b.form.cellId, marked.sheet);
	const cast = await castBallot(db, SLUG, {
		cell: b.form.cellId,
		message: toBase64url(b.message),
		signature: toBase64url(signature),
		sealed
	});
	if (!cast.ok) throw new Error(JSON.stringify(cast.error));
	return { receipt: cast.receipt, keyHash: keyHashOf(b.message), message: b.message, cellId: b.form.cellId, marked };
}

/** A revision, as the browser sends it with the kept m: a new sealed sheet replaces the old one. */
export async function reviseMarked(db: Db, cast: Cast, index: number, random: () => number): Promise<MarkedSheet> {
	const form = (await loadCellForm(db, cast.cellId))!;
	const marked = markedSheet(form, index, random);
	const sealed = await sealSheet(form.sealingKey!, form.campaignId, form.cellId, marked.sheet);
	const again = await castBallot(db, SLUG, { message: toBase64url(cast.message), sealed });
	if (!again.ok || !again.revised || again.receipt !== cast.receipt)
		throw new Error(`revision: ${JSON.stringify(again)}`);
	return marked;
}

// ---------------------------------------------------------------------------------------------
// Copies and searches.

export interface FileCopy {
	db: Buffer;
	wal: Buffer;
	shm: Buffer;
}

const readIfThere = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));

/** What `cp test.sqlite*` gets while the server runs: the three files' bytes as they are now. */
export function copyFiles(file: string): FileCopy {
	return { db: readIfThere(file), wal: readIfThere(`${file}-wal`), shm: readIfThere(`${file}-shm`) };
}

export function occurrences(haystack: Buffer, needle: string | Uint8Array): number {
	const n = typeof needle === 'string' ? Buffer.from(needle) : Buffer.from(needle);
	let count = 0;
	for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + 1)) count++;
	return count;
}

const RECEIPT = /[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}/g;

/** Every receipt-shaped string in the bytes (one regex pass instead of one search per receipt). */
export function receiptsIn(bytes: Buffer): Set<string> {
	return new Set(bytes.toString('latin1').match(RECEIPT) ?? []);
}

/** True if the bytes hold a run of at least `length` printable ASCII characters (text, not ciphertext). */
export function hasPrintableRun(bytes: Uint8Array, length: number): boolean {
	let run = 0;
	for (const b of bytes) {
		run = b >= 0x20 && b < 0x7f ? run + 1 : 0;
		if (run >= length) return true;
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// Statistics.

/** Ranks 0..n-1 of the values (no ties expected: byte offsets, distinct ids). */
export function ranks(values: readonly number[]): number[] {
	const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
	const out = new Array<number>(values.length);
	order.forEach(([, i], r) => (out[i] = r));
	return out;
}

/** Spearman's rank correlation between two sequences of distinct values. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
	const n = xs.length;
	const rx = ranks(xs);
	const ry = ranks(ys);
	let d2 = 0;
	for (let i = 0; i < n; i++) d2 += (rx[i] - ry[i]) ** 2;
	return 1 - (6 * d2) / (n * (n * n - 1));
}

/**
 * The |rho| a random permutation of n exceeds with probability below 1e-6 (a correct build fails by
 * chance about once in 10⁵ runs over all the checks; the orders the checks must catch give |rho| ≈ 0.9–1).
 * Under independence Spearman's rho has mean 0 and variance exactly 1/(n-1), and is close to normal for
 * n ≥ 30, so P(|rho| ≥ z/√(n-1)) ≈ 2(1 − Φ(z)); 2(1 − Φ(4.8916)) = 1.0e-6.
 */
export function rhoBound(n: number): number {
	return 4.8916 / Math.sqrt(n - 1);
}

/**
 * Order inside pages: Kendall's S (concordant minus discordant pairs) of two orders, summed over the
 * pairs that share a page. Under independence each page's S has mean 0 and variance m(m−1)(2m+5)/18
 * (m items, no ties), pages are independent, and the sum is close to normal: returns S/√Var (a z score)
 * and the number of pairs. Catches a layout that keeps arrival order within pages even when the pages
 * themselves come in random order (docs/integrity.md: "cells keep insertion order at the top of a page's gap").
 */
export function withinPageKendall(items: readonly { page: number; physical: number; order: number }[]): {
	z: number;
	pairs: number;
} {
	const pages = new Map<number, { physical: number; order: number }[]>();
	for (const it of items) pages.set(it.page, [...(pages.get(it.page) ?? []), it]);
	let s = 0;
	let variance = 0;
	let pairs = 0;
	for (const members of pages.values()) {
		const m = members.length;
		variance += (m * (m - 1) * (2 * m + 5)) / 18;
		for (let i = 0; i < m; i++)
			for (let j = i + 1; j < m; j++) {
				s += Math.sign(members[i].physical - members[j].physical) * Math.sign(members[i].order - members[j].order);
				pairs++;
			}
	}
	return { z: variance === 0 ? 0 : s / Math.sqrt(variance), pairs };
}

/** Two-sided 1e-6 for a standard normal z: 2(1 − Φ(4.8916)) = 1.0e-6. */
export const Z_1E6 = 4.8916;

/** The page (db file) or WAL frame an offset falls in. */
export function pageOf(offset: number, pageSize: number, wal: boolean): number {
	return wal ? Math.floor((offset - 32) / (pageSize + 24)) : Math.floor(offset / pageSize);
}

/** P(X = k) for the number of fixed points X of a uniformly random permutation of m: C(m,k)·D(m−k)/m!. */
function fixedPointPmf(m: number): number[] {
	// D(j)/j! = Σ_{i≤j} (−1)^i / i!, so P(X = k) = (1/k!) Σ_{i ≤ m−k} (−1)^i / i!.
	const invFact = [1];
	for (let i = 1; i <= m; i++) invFact.push(invFact[i - 1] / i);
	const partial = [1];
	for (let j = 1; j <= m; j++) partial.push(partial[j - 1] + (j % 2 ? -1 : 1) * invFact[j]);
	return Array.from({ length: m + 1 }, (_, k) => invFact[k] * partial[m - k]);
}

/**
 * Guessing "the k-th sheet of a cell in file order is the k-th person of that cell to cast" is right,
 * when the order is random, as often as a random permutation has fixed points: exactly distributed as
 * above for each cell, independent across cells (one shuffle, each cell's sheets in a random order).
 * The exact distribution of the total is the convolution; returns the smallest b with P(total ≥ b) <
 * p — a total of correct links at or above b is evidence (p-value < p) that the order leaks.
 */
export function chanceLinkBound(cellSizes: readonly number[], p = 1e-6): number {
	let dist = [1];
	for (const m of cellSizes) {
		const f = fixedPointPmf(m);
		const next = new Array<number>(dist.length + m).fill(0);
		dist.forEach((a, i) => f.forEach((b, j) => (next[i + j] += a * b)));
		dist = next;
	}
	let tail = 0;
	for (let b = dist.length - 1; b >= 0; b--) {
		tail += dist[b];
		if (tail >= p) return b + 1;
	}
	return 0;
}

// ---------------------------------------------------------------------------------------------
// The round: close, and open with the demo committee's shares.

export async function organiser(db: Db): Promise<Staff> {
	const row = await db
		.selectFrom('staff_user')
		.select(['id', 'username', 'role'])
		.where('username', '=', 'organiser')
		.executeTakeFirstOrThrow();
	return { id: row.id, username: row.username, role: row.role, unitId: null };
}

export async function committeeMembers(db: Db): Promise<Map<string, Staff>> {
	const rows = await db
		.selectFrom('staff_user')
		.select(['id', 'username', 'role'])
		.where(
			'username',
			'in',
			DEMO_COMMITTEE.map((m) => m.username)
		)
		.execute();
	return new Map(rows.map((r) => [r.username, { id: r.id, username: r.username, role: r.role, unitId: null }]));
}

export async function closeRound(db: Db, campaignId: number): Promise<void> {
	const closed = await advanceCampaign(db, campaignId, 'close', await organiser(db), NO_REQUEST);
	if (!closed.ok) throw new Error(JSON.stringify(closed.errors));
}

/** The first `threshold` members supply their shares (the t-th starts the job); waits for its end. */
export async function openRound(db: Db, shares: DemoShare[], hooks?: OpeningHooks): Promise<OpeningProgress | null> {
	const members = await committeeMembers(db);
	for (const share of shares.slice(0, DEMO_THRESHOLD)) {
		const supplied = await supplyShare(
			{ db, hooks },
			share.campaignId,
			members.get(share.username)!,
			{ code: share.code, passphrase: share.passphrase },
			NO_REQUEST
		);
		if (!supplied.ok) throw new Error(supplied.error.key);
	}
	return waitForOpening(shares[0].campaignId);
}

// ---------------------------------------------------------------------------------------------
// Child processes, synchronised on the lines they print (never on a sleep).

export interface Child {
	child: ChildProcess;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Resolves with the first line that satisfies `match` (already printed or still to come). */
	line(match: (line: string) => boolean): Promise<string>;
	lines(): string[];
	output(): string;
}

export function runFixture(script: string, job: object): Child {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', `tests/integration/fixtures/${script}`, JSON.stringify(job)],
		{ cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	let pending = '';
	const lines: string[] = [];
	const waiters: { match: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void }[] =
		[];
	const offer = (line: string) => {
		lines.push(line);
		for (const w of [...waiters]) {
			if (!w.match(line)) continue;
			waiters.splice(waiters.indexOf(w), 1);
			w.resolve(line);
		}
	};
	child.stdout!.on('data', (d) => {
		output += String(d);
		pending += String(d);
		const parts = pending.split('\n');
		pending = parts.pop()!;
		parts.forEach(offer);
	});
	child.stderr!.on('data', (d) => (output += String(d)));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('exit', (code, signal) => {
			for (const w of waiters.splice(0))
				w.reject(new Error(`child exited (${code ?? signal}) before the line; output:\n${output}`));
			resolve({ code, signal });
		})
	);
	return {
		child,
		exited,
		line(match) {
			const seen = lines.find(match);
			if (seen !== undefined) return Promise.resolve(seen);
			if (child.exitCode !== null || child.signalCode !== null)
				return Promise.reject(new Error(`child already exited; output:\n${output}`));
			return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
		},
		lines: () => [...lines],
		output: () => output
	};
}
