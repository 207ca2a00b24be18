// The opening's roll-up (integrity.md step 9): the sheets of a reporting cell with fewer than k of them
// move up to the same group's place at the parent unit, bottom-up, as reporting cells themselves were
// planned — so an opened sheet is never stored where only a handful of people answered (whose
// participation the other side records). Only the root may end below k; disclosure control hides it.

export interface Place {
	groupId: number;
	unitId: number;
}

export const placeKey = (p: Place) => `${p.groupId}:${p.unitId}`;

/** Where each place's sheets are stored after the roll-up (places not listed stay where they are). */
export function rollUpSmallCells(sheets: ReadonlyMap<string, { place: Place; count: number }>, parentOf: ReadonlyMap<number, number | null>, k: number): Map<string, Place> {
	const depth = (unitId: number): number => {
		let d = 0;
		for (let id = parentOf.get(unitId) ?? null; id !== null; id = parentOf.get(id) ?? null) d++;
		return d;
	};
	const pending = new Map<string, { place: Place; count: number; from: string[] }>();
	for (const [key, { place, count }] of sheets) if (count > 0) pending.set(key, { place, count, from: [key] });
	const target = new Map<string, Place>();
	// Deepest first, so a parent has received its children's sheets before it is judged itself.
	const queue = [...pending.values()].map((p) => p.place);
	const seen = new Set<string>();
	while (queue.length) {
		queue.sort((a, b) => depth(b.unitId) - depth(a.unitId) || a.groupId - b.groupId || a.unitId - b.unitId);
		const place = queue.shift()!;
		const key = placeKey(place);
		if (seen.has(key)) continue;
		seen.add(key);
		const here = pending.get(key)!;
		const parent = parentOf.get(place.unitId) ?? null;
		if (here.count >= k || parent === null) {
			for (const from of here.from) target.set(from, place);
			continue;
		}
		const up: Place = { groupId: place.groupId, unitId: parent };
		const upKey = placeKey(up);
		const there = pending.get(upKey) ?? { place: up, count: 0, from: [] };
		there.count += here.count;
		there.from.push(...here.from);
		pending.set(upKey, there);
		if (!seen.has(upKey) && !queue.some((q) => placeKey(q) === upKey)) queue.push(up);
	}
	return target;
}
