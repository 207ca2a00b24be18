// The opening's roll-up (integrity.md step 9): a reporting cell with fewer than k sheets is merged
// into the nearest cell of the same group higher up the unit tree, bottom-up, so that an opened sheet
// is never stored under a cell where only a handful of people answered (whose participation the other
// side records). A cell with no cell of its group above it stays as it is; disclosure control still
// hides it in every published figure.

export interface CellPlace {
	id: number;
	groupId: number;
	unitId: number;
}

/** Maps every cell to the cell its sheets are stored under (itself when it is not merged). */
export function mergeSmallCells(cells: CellPlace[], sheets: ReadonlyMap<number, number>, parentOf: ReadonlyMap<number, number | null>, k: number): Map<number, number> {
	const depth = (unitId: number): number => {
		let d = 0;
		for (let id = parentOf.get(unitId) ?? null; id !== null; id = parentOf.get(id) ?? null) d++;
		return d;
	};
	const target = new Map<number, number>(cells.map((c) => [c.id, c.id]));
	const count = new Map<number, number>(cells.map((c) => [c.id, sheets.get(c.id) ?? 0]));
	const byGroupUnit = new Map(cells.map((c) => [`${c.groupId}:${c.unitId}`, c]));
	// Deepest first, so a parent has received its children's sheets before it is judged itself.
	const order = [...cells].sort((a, b) => depth(b.unitId) - depth(a.unitId) || a.id - b.id);
	for (const cell of order) {
		const n = count.get(cell.id)!;
		if (n === 0 || n >= k) continue;
		let above: CellPlace | undefined;
		for (let id = parentOf.get(cell.unitId) ?? null; id !== null && !above; id = parentOf.get(id) ?? null) above = byGroupUnit.get(`${cell.groupId}:${id}`);
		if (!above) continue;
		count.set(above.id, count.get(above.id)! + n);
		count.set(cell.id, 0);
		for (const [from, to] of target) if (to === cell.id) target.set(from, above.id);
	}
	return target;
}
