// Response-rate monitoring, the pure part: counts rolled up along the unit tree, rates, the unit
// table's sort, the cumulative series of submissions per day in Vietnam, and spreadsheet-safe text.
// Participation side only: every number here counts people, never answers.
import { DAY_SECONDS } from './vietnam-time';
export interface Counts {
	/** People on the roster. */
	people: number;
	/** People with a live link or a credential. */
	invited: number;
	opened: number;
	verified: number;
	/** People holding a credential, i.e. who submitted. */
	submitted: number;
}

export const COUNT_KEYS = ['people', 'invited', 'opened', 'verified', 'submitted'] as const;

export function emptyCounts(): Counts {
	return { people: 0, invited: 0, opened: 0, verified: 0, submitted: 0 };
}

export function addInto(target: Counts, more: Counts): Counts {
	for (const k of COUNT_KEYS) target[k] += more[k];
	return target;
}

/** Submitted ÷ invited, or null when nobody is invited yet (no rate rather than a fake 0 %). */
export function responseRate(c: Pick<Counts, 'invited' | 'submitted'>): number | null {
	return c.invited > 0 ? c.submitted / c.invited : null;
}

/**
 * A person's progress as the dashboard's one SQL pass reports it: null without a counted link;
 * 1 link not opened, 2 opened, 3 verified; and from PROGRESS_SUBMITTED_BASE up, submitted, the
 * value being the base plus the Vietnamese day of their first credential (days since 1970).
 */
export const PROGRESS_SUBMITTED_BASE = 10;

/** The day (as vietnamDayNumber) on which a submitted person got their credential; null if not submitted. */
export function submittedDay(progress: number | null): number | null {
	return progress !== null && progress >= PROGRESS_SUBMITTED_BASE ? progress - PROGRESS_SUBMITTED_BASE : null;
}

/** Adds `n` people at the given progress to the counts: the funnel is cumulative. */
export function addProgress(target: Counts, progress: number | null, n: number): Counts {
	target.people += n;
	if (progress === null) return target;
	target.invited += n;
	if (progress >= 2) target.opened += n;
	if (progress >= 3) target.verified += n;
	if (progress >= PROGRESS_SUBMITTED_BASE) target.submitted += n;
	return target;
}

// ---- The unit tree ----

export interface TreeUnit {
	id: number;
	code: string;
	parentId: number | null;
	name: string;
}

export function childrenIndex(units: readonly TreeUnit[]): Map<number | null, TreeUnit[]> {
	const byId = new Set(units.map((u) => u.id));
	const index = new Map<number | null, TreeUnit[]>();
	for (const u of units) {
		// A parent we do not know of makes the unit a root rather than losing it.
		const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
		const list = index.get(parent);
		if (list) list.push(u);
		else index.set(parent, [u]);
	}
	return index;
}

/**
 * Each unit's counts including everything below it. Walks up from every unit with people, so a
 * corrupted, looping tree still ends (each walk stops at a unit it has already passed).
 */
export function rollUpTree(units: readonly TreeUnit[], direct: ReadonlyMap<number, Counts>): Map<number, Counts> {
	const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
	const total = new Map<number, Counts>();
	for (const [unitId, counts] of direct) {
		const seen = new Set<number>();
		let at: number | null | undefined = unitId;
		while (at !== null && at !== undefined && !seen.has(at)) {
			seen.add(at);
			let sum = total.get(at);
			if (!sum) total.set(at, (sum = emptyCounts()));
			addInto(sum, counts);
			at = parentOf.get(at);
		}
	}
	return total;
}

/** The unit and everything below it (every unit when `rootId` is null). */
export function subtreeIds(units: readonly TreeUnit[], rootId: number | null): Set<number> {
	if (rootId === null) return new Set(units.map((u) => u.id));
	const index = childrenIndex(units);
	const out = new Set<number>();
	const stack = [rootId];
	while (stack.length) {
		const id = stack.pop()!;
		if (out.has(id)) continue;
		out.add(id);
		for (const c of index.get(id) ?? []) stack.push(c.id);
	}
	return out;
}

/** The units from just below `fromId` (or from the top when null) down to `toId`; null if `toId` is not inside. */
export function pathBelow(units: readonly TreeUnit[], fromId: number | null, toId: number): TreeUnit[] | null {
	const byId = new Map(units.map((u) => [u.id, u]));
	const path: TreeUnit[] = [];
	const seen = new Set<number>();
	let at = byId.get(toId);
	while (at && !seen.has(at.id)) {
		if (at.id === fromId) return path.reverse();
		seen.add(at.id);
		path.push(at);
		at = at.parentId === null ? undefined : byId.get(at.parentId);
	}
	return fromId === null && !at ? path.reverse() : null;
}

/**
 * Where browsing starts: from the viewer's root, step down while the unit holds nobody directly and
 * only one child has people — a province-wide campaign then opens on the province, not on a list of one.
 */
export function naturalTop(
	units: readonly TreeUnit[],
	rootId: number | null,
	direct: ReadonlyMap<number, Counts>,
	totals: ReadonlyMap<number, Counts>
): number | null {
	const index = childrenIndex(units);
	let at = rootId;
	const seen = new Set<number>();
	for (;;) {
		if (at !== null && ((direct.get(at)?.people ?? 0) > 0 || seen.has(at))) return at;
		if (at !== null) seen.add(at);
		const withPeople = (index.get(at) ?? []).filter((c) => (totals.get(c.id)?.people ?? 0) > 0);
		if (withPeople.length !== 1) return at;
		at = withPeople[0].id;
	}
}

// ---- The unit table ----

export const SORT_KEYS = ['name', 'invited', 'submitted', 'rate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export interface Sort {
	key: SortKey;
	dir: SortDir;
}
/** Lowest rate first: the point of the table is to see where participation lags. */
export const DEFAULT_SORT: Sort = { key: 'rate', dir: 'asc' };

export function parseSort(key: string | null, dir: string | null): Sort {
	const k = (SORT_KEYS as readonly string[]).includes(key ?? '') ? (key as SortKey) : DEFAULT_SORT.key;
	const d: SortDir =
		dir === 'asc' || dir === 'desc' ? dir : k === DEFAULT_SORT.key ? DEFAULT_SORT.dir : k === 'name' ? 'asc' : 'desc';
	return { key: k, dir: d };
}

const collator = new Intl.Collator('vi');

export interface SortableRow {
	code: string;
	name: string;
	counts: Counts;
}

/** A new array in the requested order; units nobody is invited to have no rate and always come last. */
export function sortUnitRows<T extends SortableRow>(rows: readonly T[], sort: Sort): T[] {
	const sign = sort.dir === 'asc' ? 1 : -1;
	const byName = (a: T, b: T) => collator.compare(a.name, b.name) || collator.compare(a.code, b.code);
	const value = (r: T): number | null =>
		sort.key === 'rate' ? responseRate(r.counts) : sort.key === 'name' ? 0 : r.counts[sort.key];
	return [...rows].sort((a, b) => {
		if (sort.key === 'name') return sign * byName(a, b);
		const va = value(a);
		const vb = value(b);
		if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
		return sign * (va - vb) || byName(a, b);
	});
}

// ---- Days in Vietnam and the cumulative series ----

/** A campaign longer than this is clipped to its last days, so the chart stays readable. */
export const MAX_SERIES_DAYS = 400;

export function dayToIso(day: number): string {
	return new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10);
}

export function isoToDay(iso: string | null): number | null {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
	if (!m) return null;
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return dayToIso(ms / 86_400_000) === iso ? ms / 86_400_000 : null;
}

export interface SeriesPoint {
	/** yyyy-mm-dd in Vietnam. */
	day: string;
	count: number;
	cumulative: number;
}

export interface Series {
	points: SeriesPoint[];
	/** The campaign's last day (yyyy-mm-dd), when it has one. */
	closeDay: string | null;
	/** Days from the first point to the close date (may lie beyond the last point), or null. */
	closeOffset: number | null;
}

/**
 * Submissions per day and their running total, from the opening day (or the first submission) to
 * today — or to the last submission, if later — with quiet days as zeros. Today is not drawn past
 * the close date; the close date itself is reported as an offset so a chart can mark it.
 */
export function cumulativeSeries(
	perDay: ReadonlyArray<{ day: number; count: number }>,
	options: { openDay: number | null; closeDay: number | null; today: number }
): Series {
	const counts = new Map<number, number>();
	for (const { day, count } of perDay) counts.set(day, (counts.get(day) ?? 0) + count);
	const days = [...counts.keys()];
	const first = days.length ? Math.min(...days) : null;
	const last = days.length ? Math.max(...days) : null;
	let start = options.openDay !== null && (first === null || options.openDay < first) ? options.openDay : first;
	const closeDay = options.closeDay === null ? null : dayToIso(options.closeDay);
	if (start === null || start > options.today) return { points: [], closeDay, closeOffset: null };
	const until = options.closeDay !== null ? Math.min(options.today, options.closeDay) : options.today;
	const end = Math.max(until, last ?? until);
	// Everything before a clipped start still counts in the running total.
	let running = 0;
	if (end - start + 1 > MAX_SERIES_DAYS) {
		const clipped = end - MAX_SERIES_DAYS + 1;
		for (const [day, n] of counts) if (day < clipped) running += n;
		start = clipped;
	}
	const points: SeriesPoint[] = [];
	for (let day = start; day <= end; day++) {
		const count = counts.get(day) ?? 0;
		running += count;
		points.push({ day: dayToIso(day), count, cumulative: running });
	}
	return { points, closeDay, closeOffset: options.closeDay === null ? null : options.closeDay - start };
}

// ---- What the dashboard shows (the page and its JSON endpoint alike) ----

export interface UnitRow {
	code: string;
	name: string;
	counts: Counts;
	rate: number | null;
	/** Whether going down into it shows units of its own. */
	hasChildren: boolean;
}

export interface GroupRow {
	code: string;
	name: string;
	counts: Counts;
	rate: number | null;
}

export interface Crumb {
	/** null: the whole campaign (no unit parameter). */
	code: string | null;
	name: string | null;
}

/** Everything the dashboard shows except names: the page, the JSON endpoint and the tests share it. */
export interface MonitorNumbers {
	generatedAt: number;
	current: Crumb;
	breadcrumb: Crumb[];
	totals: Counts & { rate: number | null };
	/** Campaign-wide answer sheets, only for viewers who see the whole campaign; null otherwise. */
	sheets: number | null;
	units: UnitRow[];
	/** People attached to the current unit itself rather than to a unit below it. */
	direct: (Counts & { rate: number | null }) | null;
	groups: GroupRow[];
	series: Series;
	sort: Sort;
	nonRespondents: number;
}

// ---- People who have not submitted ----

export const NON_RESPONDENT_STATES = ['none', 'issued', 'opened', 'verified'] as const;
export type NonRespondentState = (typeof NON_RESPONDENT_STATES)[number];

export function nonRespondentState(link: {
	hasLink: boolean;
	openedAt: number | null;
	verifiedAt: number | null;
}): NonRespondentState {
	return !link.hasLink ? 'none' : link.verifiedAt !== null ? 'verified' : link.openedAt !== null ? 'opened' : 'issued';
}

/**
 * Sorts in place in the order of compareVietnameseNames (roster.ts) — given name, family name,
 * middle, whole — splitting each name once rather than at every comparison.
 */
export function sortByVietnameseName<T>(
	items: T[],
	nameOf: (item: T) => string,
	tieBreak: (a: T, b: T) => number = () => 0
): T[] {
	const keys = new Map<T, [string, string, string, string]>();
	for (const item of items) {
		const name = nameOf(item);
		const parts = name.split(' ');
		keys.set(item, [parts[parts.length - 1], parts[0], parts.slice(1, -1).join(' '), name]);
	}
	return items.sort((a, b) => {
		const ka = keys.get(a)!;
		const kb = keys.get(b)!;
		return (
			collator.compare(ka[0], kb[0]) ||
			collator.compare(ka[1], kb[1]) ||
			collator.compare(ka[2], kb[2]) ||
			collator.compare(ka[3], kb[3]) ||
			tieBreak(a, b)
		);
	});
}

/**
 * Text for a spreadsheet cell: one that a spreadsheet could read as a formula or a command
 * (leading = + - @, tab or carriage return) gets a leading apostrophe (docs/security.md, "Exports").
 */
export function neutraliseCell(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A safe piece of a file name: letters, digits, dot, dash and underscore only. */
export function fileNamePart(text: string): string {
	return (
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/đ/g, 'd')
			.replace(/Đ/g, 'D')
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/^[-.]+|[-.]+$/g, '')
			.slice(0, 60) || 'x'
	);
}

// ---- Display ----

export function formatCount(n: number, locale: 'vi' | 'en'): string {
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

/** "45,6 %" in Vietnamese, "45.6%" in English; "—" without a rate. */
export function formatRate(rate: number | null, locale: 'vi' | 'en'): string {
	if (rate === null) return '—';
	const n = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(rate * 100);
	return locale === 'vi' ? `${n} %` : `${n}%`;
}

/** Width of a rate bar in percent, clamped to 0–100 with one decimal. */
export function barWidth(rate: number | null): number {
	if (rate === null || !Number.isFinite(rate)) return 0;
	return Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10;
}
