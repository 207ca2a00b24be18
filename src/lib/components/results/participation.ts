// Response rates beside the results, from the monitoring counts (participation side: people invited
// and people who submitted, never an answer): per respondent group and per child unit of the unit
// looked at, the child units restricted to the group filter when there is one.
import { addInto, childrenIndex, emptyCounts, responseRate, rollUpTree, type Counts, type TreeUnit } from '$lib/domain/monitoring';

export interface RateRow {
	code: string;
	name: string;
	invited: number;
	submitted: number;
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

const rowOf = (code: string, name: string, c: Counts, direct?: boolean): RateRow => ({ code, name, invited: c.invited, submitted: c.submitted, rate: responseRate(c), ...(direct ? { direct } : {}) });

export function participationOf(input: ParticipationInput, groups: readonly { id: number; code: string; name: string }[], groupId: number | null): Participation {
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
	const children = (childrenIndex(input.units).get(input.currentId) ?? []).filter((u) => input.subtree.has(u.id) && (totals.get(u.id)?.people ?? 0) > 0);
	const byUnit = children.map((u) => rowOf(u.code, u.name, totals.get(u.id)!));
	const current = input.currentId === null ? undefined : input.units.find((u) => u.id === input.currentId);
	const own = input.currentId === null ? undefined : direct.get(input.currentId);
	if (current && own && own.people > 0 && byUnit.length > 0) byUnit.push(rowOf(current.code, current.name, own, true));

	const sum = emptyCounts();
	for (const c of direct.values()) addInto(sum, c);
	const all = emptyCounts();
	for (const r of rows) addInto(all, r.counts);
	const name = current?.name ?? '';
	return { total: rowOf(current?.code ?? '', name, sum), allGroups: rowOf(current?.code ?? '', name, all), byGroup, byUnit };
}
