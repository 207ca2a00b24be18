// The campaign dashboard's numbers: who was invited, opened, verified and submitted, per unit and
// group and per day, read from the counters kept in the transactions that move people (counts.ts):
// one row per (unit, group) and per (unit, day), rolled up the unit tree in memory — flat in people.
// Participation side only (docs/integrity.md, "Two stores that never meet"): people and invitations.
// The one figure from the ballot side is the campaign's total of answer sheets (ballot/count.ts:
// sealed ones during the round, opened ones after), shown only to viewers who see the whole campaign.
import { sql } from 'kysely';
import {
	addInto,
	childrenIndex,
	cumulativeSeries,
	emptyCounts,
	isoToDay,
	naturalTop,
	pathBelow,
	responseRate,
	rollUpTree,
	sortUnitRows,
	subtreeIds,
	type Counts,
	type Crumb,
	type MonitorNumbers,
	type Sort,
	type TreeUnit
} from '$lib/domain/monitoring';
import { vietnamDayNumber } from '$lib/domain/vietnam-time';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import { inIds } from '../db/portable';
import { countSheets } from '../ballot/count';
import { countSheetsOffThread } from '../ballot/count-worker';
import type { CampaignRow } from '../db/schema';
import { nowSeconds } from '../time';

export type { MonitorNumbers };

export type MonitorCampaign = Pick<CampaignRow, 'id' | 'opens_on' | 'closes_on' | 'opened_at'>;
export type MonitorViewer = Pick<Staff, 'role' | 'unitId'>;

/** Admins and organisers without a unit see the whole campaign; other organisers their subtree. */
export function viewerRootOf(viewer: MonitorViewer): number | null {
	return viewer.role === 'admin' ? null : viewer.unitId;
}

/**
 * The kept counters of the campaign (counts.ts): people per (unit, group) at each step of the funnel.
 * One row per (unit, group) with people, however many people: the dashboard never walks the roster.
 */
async function readCounts(db: Db, campaignId: number): Promise<UnitGroupCounts[]> {
	const rows = await db
		.selectFrom('participation_count')
		.select(['unit_id', 'group_id', 'people', 'invited', 'opened', 'verified', 'submitted'])
		.where('campaign_id', '=', campaignId)
		.where('people', '>', 0)
		.execute();
	return rows.map((r) => ({
		unitId: r.unit_id,
		groupId: r.group_id,
		counts: {
			people: Number(r.people),
			invited: Number(r.invited),
			opened: Number(r.opened),
			verified: Number(r.verified),
			submitted: Number(r.submitted)
		}
	}));
}

/** First credentials per Vietnamese day for the given units (null: the whole campaign), summed over them. */
async function readDays(db: Db, campaignId: number, unitIds: number[] | null): Promise<MonitorScope['perDay']> {
	// One parameter for the units, however many: no cap on bound variables to worry about.
	const onlyUnits = unitIds === null ? sql`` : sql`and ${inIds(db, 'unit_id', unitIds)}`;
	const { rows } = await sql<{ day: number; n: number }>`
		select day, sum(submitted) as n from participation_day
		where campaign_id = ${campaignId} ${onlyUnits}
		group by day`.execute(db);
	return rows.filter((r) => Number(r.n) > 0).map((r) => ({ day: Number(r.day), count: Number(r.n) }));
}

export interface UnitGroupCounts {
	unitId: number;
	groupId: number;
	counts: Counts;
}

export interface MonitorScope {
	units: TreeUnit[];
	/** The viewer's own root (null: everything). */
	viewerRootId: number | null;
	/** Where browsing starts by default. */
	topId: number | null;
	/** The unit being looked at (null: the whole campaign). */
	currentId: number | null;
	/** currentId and everything below it, all inside the viewer's subtree: the only people read. */
	subtree: Set<number>;
	/** Counts of the people attached directly to each unit of the subtree. */
	direct: Map<number, Counts>;
	/** Counts of each unit of the subtree with everything below it. */
	totals: Map<number, Counts>;
	/** The subtree's counts per (unit, group). */
	rows: UnitGroupCounts[];
	/** First credentials per Vietnamese day in the subtree, for the cumulative line. */
	perDay: { day: number; count: number }[];
}

export type ScopeResult = { ok: true; scope: MonitorScope } | { ok: false; error: 'unitUnknown' | 'unitOutside' };

/**
 * Which people the viewer sees and where they are looking, with their counts. A unit code from the
 * query must name a unit inside the viewer's subtree: outside is 'unitOutside', for the caller to
 * refuse (and audit). Only the people of the unit looked at, and below it, are ever counted.
 */
export async function resolveMonitorScope(
	db: Db,
	campaignId: number,
	viewer: MonitorViewer,
	unitCode: string | null
): Promise<ScopeResult> {
	const units = (await db.selectFrom('unit').select(['id', 'code', 'parent_id', 'name']).execute()).map((u) => ({
		id: u.id,
		code: u.code,
		parentId: u.parent_id,
		name: u.name
	}));
	const viewerRootId = viewerRootOf(viewer);
	const visible = viewerRootId === null ? null : subtreeIds(units, viewerRootId);
	let current: TreeUnit | undefined;
	if (unitCode !== null) {
		current = units.find((u) => u.code === unitCode);
		if (!current) return { ok: false, error: 'unitUnknown' };
		if (visible && !visible.has(current.id)) return { ok: false, error: 'unitOutside' };
	}

	const counted = await readCounts(db, campaignId);
	const people = new Map<number, Counts>();
	for (const r of counted) {
		if (visible && !visible.has(r.unitId)) continue;
		let c = people.get(r.unitId);
		if (!c) people.set(r.unitId, (c = emptyCounts()));
		c.people += r.counts.people;
	}
	const topId = naturalTop(units, viewerRootId, people, rollUpTree(units, people));
	const currentId = current ? current.id : topId;
	const subtree = currentId === null ? (visible ?? new Set(units.map((u) => u.id))) : subtreeIds(units, currentId);

	const direct = new Map<number, Counts>();
	const rows = counted.filter((r) => subtree.has(r.unitId));
	for (const r of rows) {
		let c = direct.get(r.unitId);
		if (!c) direct.set(r.unitId, (c = emptyCounts()));
		addInto(c, r.counts);
	}
	const perDay = await readDays(db, campaignId, currentId === null && visible === null ? null : [...subtree]);
	const totals = rollUpTree(units, direct);
	return {
		ok: true,
		scope: { units, viewerRootId, topId, currentId, subtree, direct, totals, rows, perDay }
	};
}

/** Below this many sheets the total is read at every request, in the thread: exact, and cheap. */
const SHEETS_EXACT_BELOW = 10_000;
/** Above it, read again at most this often (the page polls every 15 s): counting walks an index entry per sheet. */
const SHEETS_REFRESH_MS = 15_000;
interface SheetTotal {
	n: number;
	at: number;
}
let sheetTotals = new WeakMap<Db, Map<number, SheetTotal>>();
/** Counts under way off the main thread, per handle and campaign: polls during one share it. */
const sheetCounts = new WeakMap<Db, Map<number, Promise<number>>>();

/** For the benchmark: the next request reads every total again. */
export function forgetSheetTotals(): void {
	sheetTotals = new WeakMap();
}

/**
 * The campaign's total of sheets (ballot/count.ts), read again at most every 15 s once it is large, and then
 * counted on a worker thread (count-worker.ts) so the process keeps serving meanwhile; the first read too, its
 * size unknown. Only the total the dashboard shows anyway, held in memory: nothing per cast, nothing stored on
 * the ballot side.
 */
async function sheetTotal(db: Db, campaignId: number): Promise<number> {
	let kept = sheetTotals.get(db);
	if (!kept) sheetTotals.set(db, (kept = new Map()));
	const hit = kept.get(campaignId);
	if (hit && hit.n < SHEETS_EXACT_BELOW) {
		const n = await countSheets(db, campaignId);
		kept.set(campaignId, { n, at: Date.now() });
		return n;
	}
	if (hit && Date.now() - hit.at < SHEETS_REFRESH_MS) return hit.n;
	let counting = sheetCounts.get(db);
	if (!counting) sheetCounts.set(db, (counting = new Map()));
	let pending = counting.get(campaignId);
	if (!pending) {
		const [into, under] = [kept, counting];
		pending = countSheetsOffThread(db, campaignId)
			.then((n) => {
				into.set(campaignId, { n, at: Date.now() });
				return n;
			})
			.finally(() => under.delete(campaignId));
		counting.set(campaignId, pending);
	}
	return pending;
}

function crumbOf(units: Map<number, TreeUnit>, id: number | null): Crumb {
	const u = id === null ? undefined : units.get(id);
	return u ? { code: u.code, name: u.name } : { code: null, name: null };
}

/** The figures of the page and of its JSON endpoint (no names): totals, units, groups, the series. */
export async function loadMonitorNumbers(
	db: Db,
	campaign: MonitorCampaign,
	scope: MonitorScope,
	sort: Sort,
	now = nowSeconds()
): Promise<MonitorNumbers> {
	const { units, currentId, subtree, direct, totals } = scope;
	const byId = new Map(units.map((u) => [u.id, u]));
	const index = childrenIndex(units);
	const peopleIn = (id: number) => (totals.get(id)?.people ?? 0) > 0;

	const sum = emptyCounts();
	for (const [unitId, c] of direct) if (subtree.has(unitId)) addInto(sum, c);

	const children = (index.get(currentId) ?? []).filter((u) => subtree.has(u.id) && peopleIn(u.id));
	const unitRows = sortUnitRows(
		children.map((u) => {
			const counts = totals.get(u.id)!;
			return {
				code: u.code,
				name: u.name,
				counts,
				rate: responseRate(counts),
				hasChildren: (index.get(u.id) ?? []).some((c) => peopleIn(c.id))
			};
		}),
		sort
	);
	const own = currentId === null ? undefined : direct.get(currentId);

	const groupNames = await db
		.selectFrom('respondent_group')
		.select(['id', 'code', 'name'])
		.where('campaign_id', '=', campaign.id)
		.orderBy('code')
		.execute();
	const byGroup = new Map<number, Counts>();
	for (const r of scope.rows) {
		let c = byGroup.get(r.groupId);
		if (!c) byGroup.set(r.groupId, (c = emptyCounts()));
		addInto(c, r.counts);
	}
	const groups = groupNames
		.filter((g) => byGroup.has(g.id))
		.map((g) => ({ code: g.code, name: g.name, counts: byGroup.get(g.id)!, rate: responseRate(byGroup.get(g.id)!) }));

	const openDay = campaign.opened_at !== null ? vietnamDayNumber(campaign.opened_at) : isoToDay(campaign.opens_on);
	const series = cumulativeSeries(scope.perDay, {
		openDay,
		closeDay: isoToDay(campaign.closes_on),
		today: vietnamDayNumber(now)
	});

	// The breadcrumb runs from where browsing starts, or from the viewer's own root when above that.
	const from = currentId === null || pathBelow(units, scope.topId, currentId) ? scope.topId : scope.viewerRootId;
	const below = currentId === null ? [] : (pathBelow(units, from, currentId) ?? []);
	const breadcrumb = [crumbOf(byId, from), ...below.map((u) => ({ code: u.code, name: u.name }))];

	return {
		generatedAt: now,
		current: crumbOf(byId, currentId),
		breadcrumb,
		totals: { ...sum, rate: responseRate(sum) },
		sheets: scope.viewerRootId === null ? await sheetTotal(db, campaign.id) : null,
		units: unitRows,
		direct: own && own.people > 0 && children.length > 0 ? { ...own, rate: responseRate(own) } : null,
		groups,
		series,
		sort,
		nonRespondents: sum.people - sum.submitted
	};
}
