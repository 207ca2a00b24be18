// Response rates beside the results, from the monitoring counts (people invited and people who
// submitted, never an answer): per respondent group and per child unit of the unit looked at. Who
// submitted is the number of answer sheets, so it is withheld wherever the disclosure plan hides a figure.
import {
	addInto,
	childrenIndex,
	emptyCounts,
	responseRate,
	rollUpTree,
	type Counts,
	type TreeUnit
} from '$lib/domain/monitoring';
import type { ResultsView } from '$lib/domain/results-view';

export interface RateRow {
	code: string;
	name: string;
	invited: number;
	/** null: withheld, because the results of this unit or group are hidden (see maskParticipation). */
	submitted: number | null;
	rate: number | null;
	/** The people attached to the unit looked at itself, not to a child unit. */
	direct?: boolean;
}
export interface Participation {
	/** Everyone under the unit looked at, restricted to the group filter when there is one. */
	total: RateRow;
	/** Everyone under the unit looked at, all groups (the by-group table's total). */
	allGroups: RateRow;
	byGroup: RateRow[];
	byUnit: RateRow[];
}

export interface ParticipationInput {
	units: readonly TreeUnit[];
	/** The unit looked at (null: the whole campaign). */
	currentId: number | null;
	/** The unit looked at and everything below it. */
	subtree: ReadonlySet<number>;
	rows: readonly { unitId: number; groupId: number; counts: Counts }[];
}

const rowOf = (code: string, name: string, c: Counts, direct?: boolean): RateRow => ({
	code,
	name,
	invited: c.invited,
	submitted: c.submitted,
	rate: responseRate(c),
	...(direct ? { direct } : {})
});

export function participationOf(
	input: ParticipationInput,
	groups: readonly { id: number; code: string; name: string }[],
	groupId: number | null
): Participation {
	const rows = input.rows.filter((r) => input.subtree.has(r.unitId));
	const byGroup = groups
		.map((g) => {
			const c = emptyCounts();
			for (const r of rows) if (r.groupId === g.id) addInto(c, r.counts);
			return { g, c };
		})
		.filter(({ c }) => c.people > 0)
		.map(({ g, c }) => rowOf(g.code, g.name, c));

	const direct = new Map<number, Counts>();
	for (const r of rows) {
		if (groupId !== null && r.groupId !== groupId) continue;
		let c = direct.get(r.unitId);
		if (!c) direct.set(r.unitId, (c = emptyCounts()));
		addInto(c, r.counts);
	}
	const totals = rollUpTree(input.units, direct);
	const children = (childrenIndex(input.units).get(input.currentId) ?? []).filter(
		(u) => input.subtree.has(u.id) && (totals.get(u.id)?.people ?? 0) > 0
	);
	const byUnit = children.map((u) => rowOf(u.code, u.name, totals.get(u.id)!));
	const current = input.currentId === null ? undefined : input.units.find((u) => u.id === input.currentId);
	const own = input.currentId === null ? undefined : direct.get(input.currentId);
	if (current && own && own.people > 0 && byUnit.length > 0) byUnit.push(rowOf(current.code, current.name, own, true));

	const sum = emptyCounts();
	for (const c of direct.values()) addInto(sum, c);
	const all = emptyCounts();
	for (const r of rows) addInto(all, r.counts);
	const name = current?.name ?? '';
	return {
		total: rowOf(current?.code ?? '', name, sum),
		allGroups: rowOf(current?.code ?? '', name, all),
		byGroup,
		byUnit
	};
}

/**
 * Who submitted is the number of answer sheets: where the results hide a unit's or group's figures,
 * its submitted count and rate are withheld too (a unit with no results row of its own — its people
 * pooled into a parent's cell — included). With a group filter the by-group table is left out: the
 * view has no by-group rows to say which group totals are hidden.
 */
export function maskParticipation(
	p: Participation,
	view: Pick<ResultsView, 'total' | 'group' | 'byGroup' | 'byUnit'>
): Participation {
	const withhold = (r: RateRow): RateRow => ({ ...r, submitted: null, rate: null });
	const shownUnits = new Set(
		view.byUnit.filter((r) => r.figures.shown).map((r) => `${r.kind === 'own' ? 'own' : 'unit'}:${r.code}`)
	);
	const shownGroups = new Set(view.byGroup.filter((r) => r.figures.shown).map((r) => r.code));
	return {
		total: view.total.shown ? p.total : withhold(p.total),
		allGroups: view.group === null && view.total.shown ? p.allGroups : withhold(p.allGroups),
		byGroup: view.group === null ? p.byGroup.map((r) => (shownGroups.has(r.code) ? r : withhold(r))) : [],
		byUnit: p.byUnit.map((r) => (shownUnits.has(`${r.direct ? 'own' : 'unit'}:${r.code}`) ? r : withhold(r)))
	};
}
