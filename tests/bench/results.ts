// `npx tsx tests/bench/results.ts`: analysts' results at 1,000 and at 1,000,000 answer sheets, on
// real SQLite files. Each file holds one campaign: the bundled units plus 8 departments, 5 groups,
// 304 reporting cells, the default questionnaire (rated units repeated). Sheets are inserted in
// bulk with prepared statements, but as the cast path writes them: key_hash = SHA-256(random m),
// the receipt, the canonical sheet JSON in leaf-sized chunks, tallies and sheet counts from the
// domain's tallyKeys. Then publishedResults (open: tree rebuilt per request; published: cold,
// then cached), the JSON size, the XLSX export when it exists, and checkTallies (a full recount).
// Prints figures; no targets, no assertions. SIZES=1000,100000 picks other sizes.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tallyKeys, validateSheet, type SheetAnswers } from '$lib/domain/ballot';
import { splitUtf8 } from '$lib/domain/chunks';
import { receiptFromKeyHash } from '$lib/domain/codes';
import type { Questionnaire } from '$lib/domain/questionnaire';
import { CHUNK_BYTES } from '$lib/server/ballot/sheet-store';
import { createCampaign, saveGroup, type Staff } from '$lib/server/campaigns';
import { migrateToLatest, openDatabase, type Db } from '$lib/server/db/open';
import { ensureDefaultDocuments, loadQuestionnaire } from '$lib/server/documents';
import { publishedResults, type PublishedResults, type ResultsCampaignRow } from '$lib/server/results/published';
import { checkTallies } from '$lib/server/results/recompute';
import { DEMO_DEPARTMENTS } from '$lib/server/seed/demo-campaign';
import { readBundledUnits } from '$lib/server/seed/demo';
import { createStaffUser } from '$lib/server/staff-users';
import { insertUnits } from '$lib/server/units';
import { mulberry32 } from '$lib/domain/random';
import { stats, type Stats } from './stats';

const SIZES = (process.env.SIZES ?? '1000,1000000').split(',').map(Number);
const RUNS = 15;
const COLD_RUNS = 5;
const BATCH = 20_000;
const META = { ip: null, userAgent: 'bench' };
// Who answers where: three groups in each of the 96 communes, two in each of the 8 departments (304 cells).
const GROUPS = [
	{ code: 'LDX', name: 'Lãnh đạo UBND cấp xã', at: 'commune', rates: 'departments', weight: 1 },
	{ code: 'CCX', name: 'Công chức cấp xã', at: 'commune', rates: 'departments', weight: 3 },
	{ code: 'DBX', name: 'Đại biểu HĐND cấp xã', at: 'commune', rates: 'none', weight: 1.5 },
	{ code: 'LDS', name: 'Lãnh đạo sở, ban, ngành', at: 'department', rates: 'communes', weight: 4 },
	{ code: 'LDP', name: 'Lãnh đạo phòng thuộc sở', at: 'department', rates: 'none', weight: 10 }
] as const;
const RATED_COMMUNES = 10;



async function timeOnce<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = process.hrtime.bigint();
	const out = await fn();
	return [out, Number(process.hrtime.bigint() - start) / 1e6];
}

async function timeRuns(fn: () => Promise<unknown>, runs = RUNS, warmUp = true): Promise<Stats> {
	if (warmUp) await fn();
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) ms.push((await timeOnce(fn))[1]);
	return stats(ms);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const fileSize = (file: string) => [file, `${file}-wal`].reduce((s, f) => s + (existsSync(f) ? statSync(f).size : 0), 0);

interface Cell {
	id: number;
	groupIndex: number;
	ratedUnitIds: string[];
}

/** Units, staff, documents, the campaign, its groups and 304 cells (one shared dummy public key). */
async function buildStructure(db: Db) {
	await insertUnits(db, readBundledUnits());
	await insertUnits(db, DEMO_DEPARTMENTS);
	const admin = await createStaffUser(db, { username: 'admin', displayName: 'Admin', role: 'admin', unitCode: null, password: 'bench password long' }, { type: 'system' }, META);
	const analyst = await createStaffUser(db, { username: 'analyst', displayName: 'Analyst', role: 'analyst', unitCode: null, password: 'bench password long' }, { type: 'system' }, META);
	if (!admin.ok || !analyst.ok) throw new Error('bench staff');
	const adminStaff: Staff = { id: admin.id, username: 'admin', role: 'admin', unitId: null };
	const docs = await ensureDefaultDocuments(db, { type: 'system' }, META);
	const created = await createCampaign(
		db,
		{ title: 'Benchmark', slug: 'bench', year: 2026, kThreshold: 5, opensOn: '2026-11-15', closesOn: '2027-01-15', scopeUnitCode: null, frameworkVersionId: docs.frameworkVersionId },
		adminStaff,
		META
	);
	if (!created.ok) throw new Error('bench campaign');
	const units = await db.selectFrom('unit').select(['id', 'code', 'parent_id']).orderBy('code').execute();
	const province = units.find((u) => u.code === '51')!;
	const departments = units.filter((u) => u.code.startsWith('51.'));
	const communes = units.filter((u) => u.parent_id === province.id && !u.code.startsWith('51.'));
	const ratedCodes = { departments: departments.map((u) => u.code), communes: communes.slice(0, RATED_COMMUNES).map((u) => u.code), none: [] as string[] };
	const groupIds: number[] = [];
	for (const g of GROUPS) {
		const saved = await saveGroup(db, created.id, { code: g.code, name: g.name, questionnaireVersionId: docs.questionnaireVersionId, ratedUnitCodes: ratedCodes[g.rates] }, adminStaff, META);
		if (!saved.ok) throw new Error(`bench group ${g.code}`);
		groupIds.push(saved.id);
	}
	// The form orders rated units by code (cell-form.ts); the sheet repeats them in that order.
	const idsOf = (codes: string[]) => units.filter((u) => codes.includes(u.code)).map((u) => String(u.id));
	const dummyKey = randomBytes(294).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	const cells: (Cell & { weight: number })[] = [];
	for (const [gi, g] of GROUPS.entries()) {
		const at = g.at === 'commune' ? communes : departments;
		for (const [ui, unit] of at.entries()) {
			const { id } = await db
				.insertInto('reporting_cell')
				.values({ campaign_id: created.id, group_id: groupIds[gi], unit_id: unit.id, invitee_count: 0, below_k: 0, public_key: dummyKey, private_key_enc: 'bench', fingerprint: 'bench', created_at: now })
				.returning('id')
				.executeTakeFirstOrThrow();
			// Uneven units, as in a province: a few big ones and a long tail.
			cells.push({ id, groupIndex: gi, ratedUnitIds: idsOf(ratedCodes[g.rates]), weight: g.weight / Math.pow(ui + 1, 0.7) });
		}
	}
	await db.updateTable('campaign').set({ state: 'open', opened_at: now }).where('id', '=', created.id).execute();
	await db.updateTable('framework_version').set({ frozen_at: now }).execute();
	await db.updateTable('questionnaire_version').set({ frozen_at: now }).execute();
	const questionnaire = (await loadQuestionnaire(db, docs.questionnaireVersionId))!.questionnaire;
	return { campaignId: created.id, cells, questionnaire, admin: adminStaff, analyst: { id: analyst.id, username: 'analyst', role: 'analyst', unitId: null } as Staff, commune: communes[0].code };
}

/** One sheet in canonical order (section, rated unit, question), as validateSheet rebuilds it. */
function makeSheet(q: Questionnaire, ratedUnitIds: string[], random: () => number): SheetAnswers {
	const answers: Record<string, string> = {};
	const lean = random() * 0.4;
	for (const section of q.sections) {
		for (const unit of section.repeatPerRatedUnit ? ratedUnitIds : [null]) {
			for (const question of section.questions) {
				const r = random();
				const n = question.options.length;
				// Mostly the first two options, some lower ones, about 5 % "Không biết" (the last option).
				const index = r < 0.05 ? n - 1 : Math.min(n - 2, Math.floor((r - 0.05 + lean) * 2.2));
				answers[unit === null ? question.id : `${question.id}:${unit}`] = question.options[index].id;
			}
		}
	}
	return { answers, comments: {} };
}

/**
 * splitUtf8 encodes character by character (~0.3 ms per sheet here); sheet JSON of ids and option
 * letters is ASCII, where cutting every CHUNK_BYTES characters gives the same pieces (checked below).
 */
function splitSheet(json: string): string[] {
	if (!/^[\x00-\x7f]*$/.test(json)) return splitUtf8(json, CHUNK_BYTES);
	const pieces: string[] = [];
	for (let at = 0; at < json.length || pieces.length === 0; at += CHUNK_BYTES) pieces.push(json.slice(at, at + CHUNK_BYTES));
	return pieces;
}

/** Inserts `total` sheets as castBallot would leave them; returns the build time. */
function insertSheets(file: string, campaignId: number, cells: (Cell & { weight: number })[], q: Questionnaire, total: number, seed: number) {
	const { db, sqlite } = openDatabase(file);
	// Build-time only: a large page cache for random-key inserts into the WITHOUT ROWID B-trees.
	sqlite.pragma('cache_size = -1048576');
	const insertSheet = sqlite.prepare('insert into answer_sheet (key_hash, receipt, campaign_id, cell_id) values (?, ?, ?, ?)');
	const insertChunk = sqlite.prepare('insert into answer_chunk (key_hash, n, body) values (?, ?, ?)');
	const random = mulberry32(seed);
	const cumulative: number[] = [];
	const sum = cells.reduce((s, c) => s + c.weight, 0);
	cells.reduce((acc, c, i) => (cumulative[i] = acc + c.weight / sum), 0);
	const pickCell = () => {
		const r = random();
		let lo = 0;
		let hi = cells.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] < r) lo = mid + 1;
			else hi = mid;
		}
		return cells[lo];
	};
	const tallies = new Map<string, number>();
	const sheetsPerCell = new Map<number, number>();
	let chunks = 0;
	let bytes = 0;
	const start = process.hrtime.bigint();
	for (let done = 0; done < total; done += BATCH) {
		const size = Math.min(BATCH, total - done);
		const messages = randomBytes(64 * size);
		sqlite.transaction(() => {
			for (let i = 0; i < size; i++) {
				const cell = pickCell();
				const hash = createHash('sha256').update(messages.subarray(64 * i, 64 * (i + 1))).digest();
				const keyHash = hash.toString('hex');
				const sheet = makeSheet(q, cell.ratedUnitIds, random);
				if (done + i < 200) {
					// The generator must produce exactly what validation would store.
					const checked = validateSheet(q, cell.ratedUnitIds, sheet);
					if (!checked.ok || JSON.stringify(checked.sheet) !== JSON.stringify(sheet)) throw new Error('bench sheet differs from the validated one');
					if (JSON.stringify(splitSheet(JSON.stringify(sheet))) !== JSON.stringify(splitUtf8(JSON.stringify(sheet), CHUNK_BYTES))) throw new Error('bench chunks differ from splitUtf8');
				}
				insertSheet.run(keyHash, receiptFromKeyHash(new Uint8Array(hash)), campaignId, cell.id);
				const json = JSON.stringify(sheet);
				bytes += json.length;
				const pieces = splitSheet(json);
				for (let n = 0; n < pieces.length; n++) insertChunk.run(keyHash, n, pieces[n]);
				chunks += pieces.length;
				sheetsPerCell.set(cell.id, (sheetsPerCell.get(cell.id) ?? 0) + 1);
				for (const k of tallyKeys(sheet)) {
					const id = `${cell.id}\u0000${k.questionId}\u0000${k.unitId}\u0000${k.optionId}`;
					tallies.set(id, (tallies.get(id) ?? 0) + 1);
				}
			}
		})();
		if (total >= 100_000 && (done / BATCH) % 10 === 9) process.stderr.write(`  … ${(done + size).toLocaleString('en')} sheets, ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(0)} s\n`);
	}
	const insertTally = sqlite.prepare('insert into ballot_tally (cell_id, question_id, unit_key, option_id, count) values (?, ?, ?, ?, ?)');
	const insertCount = sqlite.prepare('insert into ballot_cell_count (cell_id, sheets) values (?, ?)');
	const setInvitees = sqlite.prepare('update reporting_cell set invitee_count = ?, below_k = 0 where id = ?');
	sqlite.transaction(() => {
		for (const [id, count] of tallies) {
			const [cell, question, unit, option] = id.split('\u0000');
			insertTally.run(Number(cell), question, unit, option, count);
		}
		for (const cell of cells) {
			const n = sheetsPerCell.get(cell.id) ?? 0;
			if (n > 0) insertCount.run(cell.id, n);
			// Invitees are not people here (no roster): a plausible count, k or more as opening requires.
			setInvitees.run(Math.max(5, Math.ceil(n * 1.25)), cell.id);
		}
	})();
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	return { ms, chunks, bytes, tallyRows: tallies.size, cellsWithSheets: sheetsPerCell.size, db };
}

interface XlsxApi {
	build(results: Extract<PublishedResults, { ok: true }>, campaign: ResultsCampaignRow): Promise<Buffer>;
}

/** The results export, when another change has added it (src/lib/server/results/export.ts). */
async function loadXlsx(): Promise<XlsxApi | null> {
	const exportFile = new URL('../../src/lib/server/results/export.ts', import.meta.url);
	const tableFile = new URL('../../src/lib/domain/results-table.ts', import.meta.url);
	if (!existsSync(fileURLToPath(exportFile)) || !existsSync(fileURLToPath(tableFile))) return null;
	const exporter = (await import(exportFile.href)) as {
		exportMeta(results: unknown, campaign: { title: string; slug: string; year: number }, generatedAt: number): unknown;
		resultsXlsx(tables: unknown[], meta: unknown): Promise<Buffer>;
	};
	const tables = (await import(tableFile.href)) as { buildResultTables(results: unknown): unknown[] };
	return {
		build: (results, campaign) => exporter.resultsXlsx(tables.buildResultTables(results), exporter.exportMeta(results, campaign, Math.floor(Date.now() / 1000)))
	};
}

type Figure = [what: string, s: Stats | null, note: string];

async function measure(file: string, built: Built, xlsx: XlsxApi | null): Promise<Figure[]> {
	const figures: Figure[] = [];
	let handle = openDatabase(file);
	const campaignRow = () => handle.db.selectFrom('campaign').select(['id', 'slug', 'title', 'year', 'state', 'framework_version_id', 'scope_unit_id', 'k_threshold']).where('id', '=', built.campaignId).executeTakeFirstOrThrow();
	const views = [
		['whole campaign', { unitCode: null, groupCode: null }],
		[`unit ${built.commune}`, { unitCode: built.commune, groupCode: null }],
		['group LDX', { unitCode: null, groupCode: 'LDX' }]
	] as const;
	const read = async (viewer: Staff, request: (typeof views)[number][1]) => {
		const r = await publishedResults(handle.db, viewer, await campaignRow(), request);
		if (!r.ok) throw new Error(`results: ${r.error}`);
		return r;
	};

	// Open: no cache, every request reads the tallies and rebuilds the tree and its disclosure plan.
	await handle.db.updateTable('campaign').set({ state: 'open' }).where('id', '=', built.campaignId).execute();
	for (const [name, request] of views) figures.push([`open, ${name} (admin; tree rebuilt)`, await timeRuns(() => read(built.admin, request)), '']);
	figures.push(['RSS after the open-campaign runs', null, mib(process.memoryUsage().rss)]);

	// Published: the first load per process builds and caches the tree (a new connection is a new cache key).
	await handle.db.updateTable('campaign').set({ state: 'published', closed_at: Math.floor(Date.now() / 1000), published_at: Math.floor(Date.now() / 1000) }).where('id', '=', built.campaignId).execute();
	const cold: number[] = [];
	for (let i = 0; i < COLD_RUNS; i++) {
		await handle.db.destroy();
		handle = openDatabase(file);
		cold.push((await timeOnce(() => read(built.analyst, views[0][1])))[1]);
	}
	figures.push(['published, whole campaign, cold first load (new connection)', stats(cold), 'OS file cache warm']);
	for (const [name, request] of views) {
		const result = await read(built.analyst, request);
		const json = Buffer.byteLength(JSON.stringify(result));
		figures.push([`published, ${name} (analyst; cached tree)`, await timeRuns(() => read(built.analyst, request)), `JSON ${(json / 1024).toFixed(1)} KiB`]);
	}
	if (xlsx) {
		const whole = await read(built.analyst, views[0][1]);
		const campaign = await campaignRow();
		const bytes = (await xlsx.build(whole, campaign)).length;
		figures.push(['XLSX export, whole campaign (published)', await timeRuns(() => xlsx.build(whole, campaign), 5), `${(bytes / 1024).toFixed(0)} KiB`]);
	} else figures.push(['XLSX export', null, 'skipped: src/lib/server/results/export.ts is absent']);

	// The recount reads every sheet: it grows with the number of sheets.
	const sheets = (await read(built.analyst, views[0][1])).view.total;
	const big = (sheets.shown ? sheets.sheets : 0) >= 100_000;
	let check: Awaited<ReturnType<typeof checkTallies>> | null = null;
	const recount = await timeRuns(async () => (check = await checkTallies(handle.db, await campaignRow())), big ? 1 : 5, !big);
	figures.push(['checkTallies (recount from every sheet)', recount, check ? `ok=${(check as { ok: boolean }).ok}, ${(check as { sheets: number }).sheets.toLocaleString('en')} sheets` : '']);
	figures.push(['RSS at the end / peak', null, `${mib(process.memoryUsage().rss)} / ${mib(process.resourceUsage().maxRSS * 1024)}`]);
	await handle.db.destroy();
	return figures;
}

interface Built {
	campaignId: number;
	commune: string;
	admin: Staff;
	analyst: Staff;
	cells: number;
	cellsWithSheets: number;
	belowK: number;
	ms: number;
	chunks: number;
	bytes: number;
	tallyRows: number;
	peakRss: number;
}

/** Child process: the structure and the sheets, so the measuring process's memory is its own. */
async function build(file: string, total: number): Promise<Built> {
	const setup = openDatabase(file);
	await migrateToLatest(setup.db);
	const structure = await buildStructure(setup.db);
	await setup.db.destroy();
	const inserted = insertSheets(file, structure.campaignId, structure.cells, structure.questionnaire, total, total);
	const below = await inserted.db.selectFrom('ballot_cell_count').select((eb) => eb.fn.countAll<number>().as('n')).where('sheets', '<', 5).executeTakeFirstOrThrow();
	await inserted.db.destroy();
	const { cells, questionnaire: _q, ...rest } = structure;
	return { ...rest, cells: cells.length, cellsWithSheets: inserted.cellsWithSheets, belowK: Number(below.n), ms: inserted.ms, chunks: inserted.chunks, bytes: inserted.bytes, tallyRows: inserted.tallyRows, peakRss: process.resourceUsage().maxRSS * 1024 };
}

function buildInChild(file: string, total: number): Built {
	const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), 'build', file, String(total)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 });
	if (child.status !== 0) throw new Error(`build of ${total} sheets failed (${child.status ?? child.signal})`);
	return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Built;
}

async function benchSize(total: number, xlsx: XlsxApi | null) {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-results-'));
	const file = path.join(dir, 'bench.sqlite');
	try {
		const built = buildInChild(file, total);
		console.log(`\n## ${total.toLocaleString('en')} answer sheets`);
		console.log(
			`Built in ${(built.ms / 1000).toFixed(1)} s (sheets, chunks, tallies; peak RSS of the build ${mib(built.peakRss)}): ${built.cells} cells (${built.cellsWithSheets} with sheets, ${built.belowK} of them below k = 5), ${built.chunks.toLocaleString('en')} chunks, ${mib(built.bytes)} of sheet JSON, ${built.tallyRows.toLocaleString('en')} tally rows; database ${mib(fileSize(file))}`
		);
		const figures = await measure(file, built, xlsx);
		console.log('| what | median | p95 | runs | note |');
		console.log('|---|---:|---:|---:|---|');
		for (const [what, s, note] of figures) console.log(`| ${what} | ${s ? `${s.median.toFixed(1)} ms` : ''} | ${s ? `${s.p95.toFixed(1)} ms` : ''} | ${s?.n ?? ''} | ${note} |`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	if (process.argv[2] === 'build') {
		const built = await build(process.argv[3], Number(process.argv[4]));
		process.stdout.write(`${JSON.stringify(built)}\n`);
		return;
	}
	const xlsx = await loadXlsx();
	console.log(`Node ${process.version}. One campaign per file; reporting cells share one dummy public key (signatures are not verified here); no roster (results never read people).`);
	for (const total of SIZES) await benchSize(total, xlsx);
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(2);
	}
);
