// The campaign dashboard's numbers: who was invited, opened, verified and submitted, per unit and
// group and per day, from one aggregate query over the people of the unit looked at (GROUP BY
// unit, group and progress), rolled up the unit tree in memory.
// Participation side only (docs/integrity.md, "Two stores that never meet"): people and invitations.
// The one figure from the ballot side is the campaign's total of answer sheets (ballot/count.ts:
// sealed ones during the round, opened ones after), shown only to viewers who see the whole campaign.
import { sql } from 'kysely';
import {
	addInto,
	addProgress,
	childrenIndex,
	cumulativeSeries,
	emptyCounts,
	isoToDay,
	naturalTop,
	pathBelow,
	PROGRESS_SUBMITTED_BASE,
	responseRate,
	rollUpTree,
	sortUnitRows,
	submittedDay,
	subtreeIds,
	type Counts,
	type Crumb,
	type MonitorNumbers,
	type Sort,
	type TreeUnit
} from '$lib/domain/monitoring';
import { DAY_SECONDS, VN_OFFSET_SECONDS, vietnamDayNumber } from '$lib/domain/vietnam-time';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import { countSheets } from '../ballot/count';
import type { CampaignRow } from '../db/schema';
import { nowSeconds } from '../time';

export type { MonitorNumbers };

export type MonitorCampaign = Pick<CampaignRow, 'id' | 'opens_on' | 'closes_on' | 'opened_at'>;
export type MonitorViewer = Pick<Staff, 'role' | 'unitId'>;

/** Admins and organisers without a unit see the whole campaign; other organisers their subtree. */
export function viewerRootOf(viewer: MonitorViewer): number | null {
	return viewer.role === 'admin' ? null : viewer.unitId;
}

export interface ProgressCount {
	unitId: number;
	groupId: number;
	/** See PROGRESS_SUBMITTED_BASE: null (no counted link), 1–3, or base + day of the credential. */
	progress: number | null;
	n: number;
}

/**
 * The dashboard's one pass over people and invitations: how many people of each unit and group
 * are at each progress, for the given units only (null: the whole campaign). A person counts once,
 * whatever their links: only a live link or a credential counts (a credential given on a link
 * revoked later still does); dead, unused links count for nothing.
 */
export async function countProgress(db: Db, campaignId: number, unitIds: number[] | null): Promise<ProgressCount[]> {
	// One JSON parameter for the units, however many: no cap on bound variables to worry about.
	// The constants are literals: a bound JS number is a REAL, which would make the day division fractional.
	const onlyUnits =
		unitIds === null ? sql`` : sql`and p.unit_id in (select value from json_each(${JSON.stringify(unitIds)}))`;
	const { rows } = await sql<{ unit_id: number; group_id: number; progress: number | null; n: number }>`
		select unit_id, group_id, progress, count(*) as n from (
			select p.unit_id, p.group_id, (
				select coalesce(
					(min(i.credential_at) + ${sql.lit(VN_OFFSET_SECONDS)}) / ${sql.lit(DAY_SECONDS)} + ${sql.lit(PROGRESS_SUBMITTED_BASE)},
					max(case when i.verified_at is not null then 3 when i.opened_at is not null then 2 else 1 end))
				from invitation i
				where i.person_id = p.id and (i.status = 'active' or i.credential_at is not null)
			) as progress
			from person p
			where p.campaign_id = ${campaignId} ${onlyUnits}
		)
		group by unit_id, group_id, progress`.execute(db);
	return rows.map((r) => ({
		unitId: r.unit_id,
		groupId: r.group_id,
		progress: r.progress === null ? null : Number(r.progress),
		n: Number(r.n)
	}));
}

/** People per unit: an index scan, enough to know where browsing starts. */
async function countPeopleByUnit(db: Db, campaignId: number): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('person')
		.select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('campaign_id', '=', campaignId)
		.groupBy('unit_id')
		.execute();
	return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
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
	/** First credentials per unit and Vietnamese day, for the cumulative line. */
	perDay: { unitId: number; day: number; count: number }[];
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

	const people = new Map<number, Counts>();
	for (const [unitId, n] of await countPeopleByUnit(db, campaignId))
		if (!visible || visible.has(unitId)) people.set(unitId, { ...emptyCounts(), people: n });
	const topId = naturalTop(units, viewerRootId, people, rollUpTree(units, people));
	const currentId = current ? current.id : topId;
	const subtree = currentId === null ? (visible ?? new Set(units.map((u) => u.id))) : subtreeIds(units, currentId);

	const counted = await countProgress(db, campaignId, currentId === null && visible === null ? null : [...subtree]);
	const direct = new Map<number, Counts>();
	const byUnitGroup = new Map<string, UnitGroupCounts>();
	const perDay: MonitorScope['perDay'] = [];
	for (const r of counted) {
		let c = direct.get(r.unitId);
		if (!c) direct.set(r.unitId, (c = emptyCounts()));
		addProgress(c, r.progress, r.n);
		const key = `${r.unitId}:${r.groupId}`;
		let g = byUnitGroup.get(key);
		if (!g) byUnitGroup.set(key, (g = { unitId: r.unitId, groupId: r.groupId, counts: emptyCounts() }));
		addProgress(g.counts, r.progress, r.n);
		const day = submittedDay(r.progress);
		if (day !== null) perDay.push({ unitId: r.unitId, day, count: r.n });
	}
	const totals = rollUpTree(units, direct);
	return {
		ok: true,
		scope: { units, viewerRootId, topId, currentId, subtree, direct, totals, rows: [...byUnitGroup.values()], perDay }
	};
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
		sheets: scope.viewerRootId === null ? await countSheets(db, campaign.id) : null,
		units: unitRows,
		direct: own && own.people > 0 && children.length > 0 ? { ...own, rate: responseRate(own) } : null,
		groups,
		series,
		sort,
		nonRespondents: sum.people - sum.submitted
	};
}
