// `npx tsx tests/bench/results.ts`: analysts' results at 1,000 and at 1,000,000 answer sheets, on
// real SQLite files. Each file holds one campaign: the bundled units plus 8 departments, 5 groups,
// 304 reporting cells, the default questionnaire (rated units repeated). Results exist only once a
// closed round is opened (kiểm phiếu), so sheets are inserted in bulk with prepared statements as the
// opening leaves them: cells below k rolled up with the domain's rollUpSmallCells into counted cells
// (ids in (group, unit) order), the canonical sheet JSON under a random id, the tallies from the
// domain's tallyKeys, the counted receipts, campaign.counted_at set. Then publishedResults (closed
// and counted: cold first load per connection; published: cold, then cached), the JSON size, the
// XLSX export when it exists, and checkTallies (a full recount). The opening itself: sealed.ts.
// Target (issue 16): the results page's data (publishedResults and the response rates beside it, as the
// page's load reads them) at the last size within 2× of the first, for each view. SIZES=1000,100000
// picks other sizes (the first is the reference).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tallyKeys, validateSheet } from '$lib/domain/ballot';
import { placeKey, rollUpSmallCells, type Place } from '$lib/domain/cell-merge';
import { receiptFromKeyHash } from '$lib/domain/codes';
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { Staff } from '$lib/server/campaigns/campaigns';
import { migrateToLatest, openSqlite } from '$lib/server/db/open';
import { publishedResults, type PublishedResults, type ResultsCampaignRow } from '$lib/server/results/published';
import { checkTallies } from '$lib/server/results/recompute';
import { loadParticipation } from '$lib/server/results/participation';
import { mulberry32 } from '$lib/domain/random';
import { buildProvinceCampaign, cellPicker, K, makeSheet, type BenchCell } from './province-campaign';
import { stats, type Stats } from './stats';

const SIZES = (process.env.SIZES ?? '1000,1000000').split(',').map(Number);
const RUNS = 15;
const COLD_RUNS = 5;
const BATCH = 20_000;
const MAX_RATIO = 2;
/** Below this a median measures the machine's noise rather than the work: ratios use at least this much. */
const NOISE_FLOOR_MS = 1;
const PAGE_RUNS = 60;

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
const fileSize = (file: string) =>
	[file, `${file}-wal`].reduce((s, f) => s + (existsSync(f) ? statSync(f).size : 0), 0);

/** Inserts `total` sheets as the opening leaves them (counted cells, opened sheets, tallies, receipts); returns the build time. */
function insertSheets(
	file: string,
	campaignId: number,
	cells: BenchCell[],
	parentOf: Map<number, number | null>,
	q: Questionnaire,
	total: number,
	seed: number
) {
	const { db, sqlite } = openSqlite(file);
	// Build-time only: a large page cache for random-key inserts into the WITHOUT ROWID B-trees.
	sqlite.pragma('cache_size = -1048576');
	const random = mulberry32(seed);
	const pickCell = cellPicker(cells, random);
	const start = process.hrtime.bigint();
	// Who answered where first: the roll-up of cells below k needs every cell's count.
	const cellOf = new Uint16Array(total);
	const sheetsPerCell = new Map<number, number>();
	const counts = new Map<string, { place: Place; count: number }>();
	for (let i = 0; i < total; i++) {
		const cell = cells[(cellOf[i] = pickCell())];
		sheetsPerCell.set(cell.id, (sheetsPerCell.get(cell.id) ?? 0) + 1);
		const entry = counts.get(placeKey(cell.place)) ?? { place: cell.place, count: 0 };
		entry.count++;
		counts.set(placeKey(cell.place), entry);
	}
	const target = rollUpSmallCells(counts, parentOf, K);
	const mergedCells = [...target].filter(([from, to]) => from !== placeKey(to)).length;
	const places = new Map<string, { place: Place; sheets: number }>();
	for (const [from, to] of target) {
		const entry = places.get(placeKey(to)) ?? { place: to, sheets: 0 };
		entry.sheets += counts.get(from)!.count;
		places.set(placeKey(to), entry);
	}
	const ordered = [...places.values()].sort(
		(a, b) => a.place.groupId - b.place.groupId || a.place.unitId - b.place.unitId
	);
	const countedId = new Map<string, number>();
	const insertCounted = sqlite.prepare(
		'insert into counted_cell (campaign_id, group_id, unit_id, sheets) values (?, ?, ?, ?)'
	);
	sqlite.transaction(() => {
		for (const { place, sheets } of ordered)
			countedId.set(
				placeKey(place),
				Number(insertCounted.run(campaignId, place.groupId, place.unitId, sheets).lastInsertRowid)
			);
	})();
	const countedOf = cells.map((c) => countedId.get(placeKey(target.get(placeKey(c.place)) ?? c.place)));

	const insertSheet = sqlite.prepare('insert into opened_sheet (id, campaign_id, cell_id, body) values (?, ?, ?, ?)');
	const insertReceipt = sqlite.prepare('insert or ignore into counted_receipt (campaign_id, receipt) values (?, ?)');
	const tallies = new Map<string, number>();
	let bytes = 0;
	for (let done = 0; done < total; done += BATCH) {
		const size = Math.min(BATCH, total - done);
		const messages = randomBytes(64 * size);
		const ids = randomBytes(16 * size);
		sqlite.transaction(() => {
			for (let i = 0; i < size; i++) {
				const cell = cells[cellOf[done + i]];
				const counted = countedOf[cellOf[done + i]]!;
				const sheet = makeSheet(q, cell.ratedUnitIds, random);
				if (done + i < 200) {
					// The generator must produce exactly what validation would store.
					const checked = validateSheet(q, cell.ratedUnitIds, sheet);
					if (!checked.ok || JSON.stringify(checked.sheet) !== JSON.stringify(sheet))
						throw new Error('bench sheet differs from the validated one');
				}
				const json = JSON.stringify(sheet);
				bytes += json.length;
				insertSheet.run(ids.subarray(16 * i, 16 * (i + 1)).toString('hex'), campaignId, counted, json);
				const hash = createHash('sha256')
					.update(messages.subarray(64 * i, 64 * (i + 1)))
					.digest();
				insertReceipt.run(campaignId, receiptFromKeyHash(new Uint8Array(hash)));
				for (const k of tallyKeys(sheet)) {
					const id = `${counted}\u0000${k.questionId}\u0000${k.unitId}\u0000${k.optionId}`;
					tallies.set(id, (tallies.get(id) ?? 0) + 1);
				}
			}
		})();
		if (total >= 100_000 && (done / BATCH) % 10 === 9)
			process.stderr.write(
				`  … ${(done + size).toLocaleString('en')} sheets, ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(0)} s\n`
			);
	}
	const insertTally = sqlite.prepare(
		'insert into opened_tally (cell_id, question_id, unit_key, option_id, count) values (?, ?, ?, ?, ?)'
	);
	const setInvitees = sqlite.prepare('update reporting_cell set invitee_count = ?, below_k = 0 where id = ?');
	const now = Math.floor(Date.now() / 1000);
	sqlite.transaction(() => {
		for (const [id, count] of tallies) {
			const [cell, question, unit, option] = id.split('\u0000');
			insertTally.run(Number(cell), question, unit, option, count);
		}
		for (const cell of cells) {
			// Invitees are not people here (no roster): a plausible count, k or more as opening requires.
			setInvitees.run(Math.max(K, Math.ceil((sheetsPerCell.get(cell.id) ?? 0) * 1.25)), cell.id);
		}
		sqlite
			.prepare("update campaign set state = 'closed', closed_at = ?, counted_at = ? where id = ?")
			.run(now, now, campaignId);
	})();
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	return {
		ms,
		bytes,
		tallyRows: tallies.size,
		cellsWithSheets: sheetsPerCell.size,
		countedCells: ordered.length,
		mergedCells,
		db
	};
}

interface XlsxApi {
	build(results: Extract<PublishedResults, { ok: true }>, campaign: ResultsCampaignRow): Promise<Buffer>;
}

/** The results export, when another change has added it (src/lib/server/results/export.ts). */
async function loadXlsx(): Promise<XlsxApi | null> {
	const exportFile = new URL('../../src/lib/server/results/export.ts', import.meta.url);
	const tableFile = new URL('../../src/lib/server/results/tables.ts', import.meta.url);
	if (!existsSync(fileURLToPath(exportFile)) || !existsSync(fileURLToPath(tableFile))) return null;
	const exporter = (await import(exportFile.href)) as {
		exportMeta(results: unknown, campaign: { title: string; slug: string; year: number }, generatedAt: number): unknown;
		resultsXlsx(tables: unknown[], meta: unknown): Promise<Buffer>;
	};
	const tables = (await import(tableFile.href)) as { buildResultTables(results: unknown): unknown[] };
	return {
		build: (results, campaign) =>
			exporter.resultsXlsx(
				tables.buildResultTables(results),
				exporter.exportMeta(results, campaign, Math.floor(Date.now() / 1000))
			)
	};
}

type Figure = [what: string, s: Stats | null, note: string];

/** This process's CPU time per run: on a machine shared with other work, wall time measures the neighbours. */
async function timeCpu(fn: () => Promise<unknown>, runs: number): Promise<Stats> {
	await fn();
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const used = process.cpuUsage();
		await fn();
		const d = process.cpuUsage(used);
		ms.push((d.user + d.system) / 1000);
	}
	return stats(ms);
}
/** The page's data per view (whole campaign, a commune, a group), for the target. */
type PageFigures = Stats[];

async function measure(file: string, built: Built, xlsx: XlsxApi | null): Promise<[Figure[], PageFigures]> {
	const figures: Figure[] = [];
	const page: PageFigures = [];
	let handle = openSqlite(file);
	const campaignRow = () =>
		handle.db
			.selectFrom('campaign')
			.select([
				'id',
				'slug',
				'title',
				'year',
				'state',
				'framework_version_id',
				'scope_unit_id',
				'k_threshold',
				'counted_at'
			])
			.where('id', '=', built.campaignId)
			.executeTakeFirstOrThrow();
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

	// The first load per process builds and caches the tree (a new connection is a new cache key): an
	// opened round cannot change, so there is no uncached path any more.
	const coldLoads = async (viewer: Staff) => {
		const cold: number[] = [];
		for (let i = 0; i < COLD_RUNS; i++) {
			await handle.db.destroy();
			handle = openSqlite(file);
			cold.push((await timeOnce(() => read(viewer, views[0][1])))[1]);
		}
		return stats(cold);
	};
	// Closed and counted: the organisers' and admins' view before publication.
	figures.push([
		'closed and counted, whole campaign, cold first load (admin; new connection)',
		await coldLoads(built.admin),
		'OS file cache warm'
	]);
	for (const [name, request] of views)
		figures.push([
			`closed and counted, ${name} (admin; cached tree)`,
			await timeRuns(() => read(built.admin, request)),
			''
		]);
	figures.push(['RSS after the closed-campaign runs', null, mib(process.memoryUsage().rss)]);

	await handle.db
		.updateTable('campaign')
		.set({ state: 'published', published_at: Math.floor(Date.now() / 1000) })
		.where('id', '=', built.campaignId)
		.execute();
	figures.push([
		'published, whole campaign, cold first load (analyst; new connection)',
		await coldLoads(built.analyst),
		'OS file cache warm'
	]);
	for (const [name, request] of views) {
		const result = await read(built.analyst, request);
		const json = Buffer.byteLength(JSON.stringify(result));
		figures.push([
			`published, ${name} (analyst; cached tree)`,
			await timeRuns(() => read(built.analyst, request)),
			`JSON ${(json / 1024).toFixed(1)} KiB`
		]);
		// What the page's load reads besides the campaign: the figures, then the response rates (kept counters).
		const data = await timeCpu(async () => {
			const r = await read(built.analyst, request);
			return loadParticipation(handle.db, built.analyst, built.campaignId, r.view);
		}, PAGE_RUNS);
		page.push(data);
		figures.push([`results page data, ${name} (published + response rates; CPU time)`, data, '']);
	}
	if (xlsx) {
		const whole = await read(built.analyst, views[0][1]);
		const campaign = await campaignRow();
		const bytes = (await xlsx.build(whole, campaign)).length;
		figures.push([
			'XLSX export, whole campaign (published)',
			await timeRuns(() => xlsx.build(whole, campaign), 5),
			`${(bytes / 1024).toFixed(0)} KiB`
		]);
	} else figures.push(['XLSX export', null, 'skipped: src/lib/server/results/export.ts is absent']);

	// The recount reads every sheet: it grows with the number of sheets.
	const sheets = (await read(built.analyst, views[0][1])).view.total;
	const big = (sheets.shown ? sheets.sheets : 0) >= 100_000;
	let check: Awaited<ReturnType<typeof checkTallies>> | null = null;
	const recount = await timeRuns(
		async () => (check = await checkTallies(handle.db, await campaignRow())),
		big ? 1 : 5,
		!big
	);
	figures.push([
		'checkTallies (recount from every sheet)',
		recount,
		check
			? `ok=${(check as { ok: boolean }).ok}, ${(check as { sheets: number }).sheets.toLocaleString('en')} sheets`
			: ''
	]);
	figures.push([
		'RSS at the end / peak',
		null,
		`${mib(process.memoryUsage().rss)} / ${mib(process.resourceUsage().maxRSS * 1024)}`
	]);
	await handle.db.destroy();
	return [figures, page];
}

interface Built {
	campaignId: number;
	commune: string;
	admin: Staff;
	analyst: Staff;
	cells: number;
	cellsWithSheets: number;
	countedCells: number;
	mergedCells: number;
	belowK: number;
	ms: number;
	bytes: number;
	tallyRows: number;
	peakRss: number;
}

/** Child process: the structure and the sheets, so the measuring process's memory is its own. */
async function build(file: string, total: number): Promise<Built> {
	const setup = openSqlite(file);
	await migrateToLatest(setup.db);
	const structure = await buildProvinceCampaign(setup.db);
	await setup.db.destroy();
	const inserted = insertSheets(
		file,
		structure.campaignId,
		structure.cells,
		structure.parentOf,
		structure.questionnaire,
		total,
		total
	);
	const below = await inserted.db
		.selectFrom('counted_cell')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('sheets', '<', K)
		.executeTakeFirstOrThrow();
	await inserted.db.destroy();
	const { cells, parentOf: _p, questionnaire: _q, ...rest } = structure;
	return {
		...rest,
		cells: cells.length,
		cellsWithSheets: inserted.cellsWithSheets,
		countedCells: inserted.countedCells,
		mergedCells: inserted.mergedCells,
		belowK: Number(below.n),
		ms: inserted.ms,
		bytes: inserted.bytes,
		tallyRows: inserted.tallyRows,
		peakRss: process.resourceUsage().maxRSS * 1024
	};
}

function buildInChild(file: string, total: number): Built {
	const child = spawnSync(
		process.execPath,
		[...process.execArgv, fileURLToPath(import.meta.url), 'build', file, String(total)],
		{ stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 }
	);
	if (child.status !== 0) throw new Error(`build of ${total} sheets failed (${child.status ?? child.signal})`);
	return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Built;
}

async function benchSize(total: number, xlsx: XlsxApi | null): Promise<PageFigures> {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-results-'));
	const file = path.join(dir, 'bench.sqlite');
	try {
		const built = buildInChild(file, total);
		console.log(`\n## ${total.toLocaleString('en')} answer sheets`);
		console.log(
			`Built in ${(built.ms / 1000).toFixed(1)} s (opened sheets, tallies, receipts; peak RSS of the build ${mib(built.peakRss)}): ${built.cells} reporting cells (${built.cellsWithSheets} with sheets, ${built.mergedCells} rolled up below k = ${K}) → ${built.countedCells} counted cells (${built.belowK} below k), ${mib(built.bytes)} of sheet JSON, ${built.tallyRows.toLocaleString('en')} tally rows; database ${mib(fileSize(file))}`
		);
		const [figures, page] = await measure(file, built, xlsx);
		console.log('| what | median | p95 | runs | note |');
		console.log('|---|---:|---:|---:|---|');
		for (const [what, s, note] of figures)
			console.log(
				`| ${what} | ${s ? `${s.median.toFixed(1)} ms` : ''} | ${s ? `${s.p95.toFixed(1)} ms` : ''} | ${s?.n ?? ''} | ${note} |`
			);
		return page;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	if (process.argv[2] === 'build') {
		const built = await build(process.argv[3], Number(process.argv[4]));
		process.stdout.write(`${JSON.stringify(built)}\n`);
		return 0;
	}
	const xlsx = await loadXlsx();
	console.log(
		`Node ${process.version}. One campaign per file; reporting cells share one dummy public key (signatures are not verified here); no roster (results never read people).`
	);
	const pages: PageFigures[] = [];
	for (const total of SIZES) pages.push(await benchSize(total, xlsx));
	const [first, last] = [pages[0], pages.at(-1)!];
	console.log(
		`\n## Target (${SIZES.at(-1)!.toLocaleString('en')} vs ${SIZES[0].toLocaleString('en')} sheets; cached tree)`
	);
	let missed = 0;
	['whole campaign', 'a commune', 'a group'].forEach((name, i) => {
		const ratio = Math.max(NOISE_FLOOR_MS, last[i].median) / Math.max(NOISE_FLOOR_MS, first[i].median);
		if (ratio > MAX_RATIO) missed++;
		console.log(
			`${ratio <= MAX_RATIO ? 'met   ' : 'MISSED'} results page data, ${name}: ${last[i].median.toFixed(1)} ms / ${first[i].median.toFixed(1)} ms = ${ratio.toFixed(2)}× (CPU-time medians; target ≤ ${MAX_RATIO}×; medians under ${NOISE_FLOOR_MS} ms count as ${NOISE_FLOOR_MS} ms)`
		);
	});
	return missed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(2);
	}
);
