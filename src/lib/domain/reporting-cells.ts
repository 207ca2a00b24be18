// Reporting cells: (respondent group, unit) with at least k invitees. A unit with fewer rolls its
// people up into its parent, bottom-up, so that no cell smaller than k is ever reported
// (docs/integrity.md, promise 3). Only the root may end below k; such a cell is marked and suppressed.

export interface UnitNode {
	id: number;
	parentId: number | null;
}

export interface InviteeCount {
	groupId: number;
	unitId: number;
	count: number;
}

export interface PlannedCell {
	groupId: number;
	/** The unit the cell is reported under. */
	unitId: number;
	/** Every unit whose invitees belong to this cell (the cell's own unit included if it has any). */
	memberUnitIds: number[];
	count: number;
	belowK: boolean;
}

export function planReportingCells(units: UnitNode[], counts: InviteeCount[], k: number): PlannedCell[] {
	if (!Number.isInteger(k) || k < 1) throw new Error('k must be a positive integer');
	const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
	const depthOf = new Map<number, number>();
	const depth = (id: number, seen = new Set<number>()): number => {
		const known = depthOf.get(id);
		if (known !== undefined) return known;
		if (seen.has(id)) throw new Error(`unit ${id} is in a cycle`);
		seen.add(id);
		const parent = parentOf.get(id);
		if (parent === undefined) throw new Error(`unknown unit ${id}`);
		const d = parent === null ? 0 : depth(parent, seen) + 1;
		depthOf.set(id, d);
		return d;
	};

	const byGroup = new Map<number, Map<number, number>>();
	for (const c of counts) {
		if (c.count <= 0) continue;
		depth(c.unitId);
		const m = byGroup.get(c.groupId) ?? new Map<number, number>();
		m.set(c.unitId, (m.get(c.unitId) ?? 0) + c.count);
		byGroup.set(c.groupId, m);
	}

	const cells: PlannedCell[] = [];
	for (const [groupId, own] of byGroup) {
		// Pending people per unit: its own plus what its too-small children handed up.
		const pending = new Map<number, { count: number; members: number[] }>();
		for (const [unitId, count] of own) pending.set(unitId, { count, members: [unitId] });
		// Every unit that may receive people, deepest first, so each child settles before its parent.
		const involved = new Set<number>();
		for (const start of own.keys()) {
			for (let id: number | null = start; id !== null && !involved.has(id); id = parentOf.get(id) ?? null)
				involved.add(id);
		}
		for (const unitId of [...involved].sort((a, b) => depth(b) - depth(a) || a - b)) {
			const p = pending.get(unitId);
			if (!p) continue;
			const parent = parentOf.get(unitId) ?? null;
			if (p.count >= k || parent === null) {
				cells.push({
					groupId,
					unitId,
					memberUnitIds: [...p.members].sort((a, b) => a - b),
					count: p.count,
					belowK: p.count < k
				});
				continue;
			}
			const up = pending.get(parent) ?? { count: 0, members: [] };
			up.count += p.count;
			up.members.push(...p.members);
			pending.set(parent, up);
		}
	}
	return cells.sort((a, b) => a.groupId - b.groupId || a.unitId - b.unitId);
}
