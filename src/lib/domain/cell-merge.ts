// The opening's roll-up (docs/integrity.md step 9): the sheets of a reporting cell with fewer than k of them
// move up to the same group's place at the parent unit, bottom-up, as reporting cells themselves were
// planned — so an opened sheet is never stored where only a handful of people answered (whose
// participation the other side records). Only the root may end below k; disclosure control hides it.
// One exception: when a single small cell would end alone at the root below k, it stays where it is.
// Moving it would hide nothing from a holder of the file (the participation side knows it is the only
// small cell that could feed that place) and would cost every report dearly: a root place below k drags
// the group's totals, and with them the rated units, into complementary suppression.

export interface Place {
	groupId: number;
	unitId: number;
}

export const placeKey = (p: Place) => `${p.groupId}:${p.unitId}`;

/** Where each place's sheets are stored after the roll-up (places not listed stay where they are). */
export function rollUpSmallCells(
	sheets: ReadonlyMap<string, { place: Place; count: number }>,
	parentOf: ReadonlyMap<number, number | null>,
	k: number
): Map<string, Place> {
	const depthOf = new Map<number, number>();
	const depth = (unitId: number): number => {
		let d = depthOf.get(unitId);
		if (d === undefined) {
			const parent = parentOf.get(unitId) ?? null;
			d = parent === null ? 0 : depth(parent) + 1;
			depthOf.set(unitId, d);
		}
		return d;
	};
	// Places by depth, judged level by level from the deepest (one pass, not a re-sorted queue: an
	// opening has thousands of cells), so a parent has received its children's sheets before it is judged.
	const levels: Map<string, { place: Place; count: number; from: string[] }>[] = [];
	const at = (place: Place) => {
		const d = depth(place.unitId);
		while (levels.length <= d) levels.push(new Map());
		const key = placeKey(place);
		let entry = levels[d].get(key);
		if (!entry) levels[d].set(key, (entry = { place, count: 0, from: [] }));
		return entry;
	};
	for (const [key, { place, count }] of sheets) {
		if (count <= 0) continue;
		const entry = at(place);
		entry.count += count;
		entry.from.push(key);
	}
	const target = new Map<string, Place>();
	for (let d = levels.length - 1; d >= 0; d--) {
		for (const here of levels[d].values()) {
			const parent = parentOf.get(here.place.unitId) ?? null;
			if (here.count >= k || parent === null) {
				const lone = parent === null && here.count < k && here.from.length === 1 ? here.from[0] : null;
				for (const from of here.from)
					target.set(from, lone !== null ? (sheets.get(lone)?.place ?? here.place) : here.place);
				continue;
			}
			const up = at({ groupId: here.place.groupId, unitId: parent });
			up.count += here.count;
			for (const from of here.from) up.from.push(from);
		}
	}
	return target;
}
