import { describe, expect, it } from 'vitest';
import { placeKey, rollUpSmallCells, type Place } from '$lib/domain/cell-merge';
import { mulberry32 } from '$lib/domain/random';

type Sheets = Map<string, { place: Place; count: number }>;

function sheetsOf(entries: [groupId: number, unitId: number, count: number][]): Sheets {
	return new Map(
		entries.map(([groupId, unitId, count]) => [placeKey({ groupId, unitId }), { place: { groupId, unitId }, count }])
	);
}

/** Where each listed source ended, as 'group:unit' → 'group:unit', for readable expectations. */
function targets(result: Map<string, Place>): Record<string, string> {
	return Object.fromEntries([...result].map(([from, to]) => [from, placeKey(to)]));
}

// Province 1 ─┬─ district 2 ─┬─ commune 4 ── village 6
//             │              └─ commune 5
//             └─ district 3
const parentOf = new Map<number, number | null>([
	[1, null],
	[2, 1],
	[3, 1],
	[4, 2],
	[5, 2],
	[6, 4]
]);

describe('rollUpSmallCells, by hand', () => {
	it('a cell with at least k sheets stays where it is', () => {
		expect(targets(rollUpSmallCells(sheetsOf([[1, 4, 5]]), parentOf, 5))).toEqual({ '1:4': '1:4' });
		expect(targets(rollUpSmallCells(sheetsOf([[1, 6, 12]]), parentOf, 5))).toEqual({ '1:6': '1:6' });
	});

	it('a small leaf moves to the same group’s place at its parent, which then holds enough', () => {
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 5, 2],
						[1, 2, 4]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:5': '1:2', '1:2': '1:2' });
	});

	it('siblings that are each small accumulate at the parent', () => {
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 4, 2],
						[1, 5, 2],
						[1, 2, 1]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:4': '1:2', '1:5': '1:2', '1:2': '1:2' });
	});

	it('a chain of small cells accumulates upwards and stops as soon as the total reaches k', () => {
		// 2 + 3 = 5 at commune 4: it stops there, district 2 is not touched.
		// (District 2's single sheet would reach the root alone, so it stays: see the lone-cell case below.)
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 6, 2],
						[1, 4, 3],
						[1, 2, 1]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:6': '1:4', '1:4': '1:4', '1:2': '1:2' });
		// 1 + 1 + 1 never reaches 5: all of it ends at the root.
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 6, 1],
						[1, 4, 1],
						[1, 2, 1]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:6': '1:1', '1:4': '1:1', '1:2': '1:1' });
		// A village with 2 under an empty commune and a district with 3: they meet at the district (5).
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 6, 2],
						[1, 2, 3]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:6': '1:2', '1:2': '1:2' });
	});

	it('different groups never mix, even in the same unit', () => {
		const result = targets(
			rollUpSmallCells(
				sheetsOf([
					[1, 4, 3],
					[2, 4, 3],
					[2, 2, 3]
				]),
				parentOf,
				5
			)
		);
		// Group 1's 3 sheets would make 6 with group 2's at commune 4, but they never join them: alone at
		// the root below k they would hide nothing, so they stay at commune 4.
		expect(result).toEqual({ '1:4': '1:4', '2:4': '2:2', '2:2': '2:2' });
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 4, 3],
						[1, 5, 1],
						[2, 4, 3],
						[2, 2, 3]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:4': '1:1', '1:5': '1:1', '2:4': '2:2', '2:2': '2:2' });
	});

	it('the root stays even below k, and so does a unit with no known parent', () => {
		expect(targets(rollUpSmallCells(sheetsOf([[1, 1, 1]]), parentOf, 5))).toEqual({ '1:1': '1:1' });
		expect(targets(rollUpSmallCells(sheetsOf([[1, 99, 2]]), parentOf, 5))).toEqual({ '1:99': '1:99' });
	});

	it('places with zero sheets are ignored: not listed, and an empty parent passes sheets on', () => {
		const result = targets(
			rollUpSmallCells(
				sheetsOf([
					[1, 4, 0],
					[1, 5, 2],
					[1, 2, 0],
					[1, 6, 1],
					[1, 3, 7]
				]),
				parentOf,
				5
			)
		);
		expect(result).toEqual({ '1:5': '1:1', '1:6': '1:1', '1:3': '1:3' });
	});

	it('a single small cell that would end alone at the root below k stays where it is', () => {
		// Moving it hides nothing (it is the only small place that could feed the root) and would drag the
		// group's totals into suppression in every report.
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 5, 2],
						[1, 3, 7]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:5': '1:5', '1:3': '1:3' });
		expect(targets(rollUpSmallCells(sheetsOf([[1, 6, 4]]), parentOf, 5))).toEqual({ '1:6': '1:6' });
		// Two small cells meeting at the root still pool: each hides among the other's sheets.
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 6, 1],
						[1, 3, 2]
					]),
					parentOf,
					5
				)
			)
		).toEqual({ '1:6': '1:1', '1:3': '1:1' });
	});

	it('k = 1 moves nothing; nothing in, nothing out', () => {
		expect(
			targets(
				rollUpSmallCells(
					sheetsOf([
						[1, 6, 1],
						[2, 5, 1]
					]),
					parentOf,
					1
				)
			)
		).toEqual({ '1:6': '1:6', '2:5': '2:5' });
		expect(rollUpSmallCells(new Map(), parentOf, 5).size).toBe(0);
	});
});

describe('rollUpSmallCells, over seeded random forests', () => {
	function randomCase(seed: number) {
		const random = mulberry32(seed);
		const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
		const units = int(1, 40);
		const parents = new Map<number, number | null>([[1, null]]);
		// Unit i's parent is an earlier unit, so there are no cycles; about one in ten starts a new tree.
		for (let id = 2; id <= units; id++) parents.set(id, random() < 0.1 ? null : int(1, id - 1));
		const k = int(2, 10);
		const entries: [number, number, number][] = [];
		for (let groupId = 1; groupId <= int(1, 3); groupId++)
			for (let unitId = 1; unitId <= units; unitId++)
				if (random() < 0.6) entries.push([groupId, unitId, int(0, Math.ceil(k * 1.5))]);
		return { parents, k, sheets: sheetsOf(entries) };
	}

	const ancestorsOrSelf = (parents: Map<number, number | null>, unitId: number) => {
		const out = [unitId];
		for (let id = parents.get(unitId) ?? null; id !== null; id = parents.get(id) ?? null) out.push(id);
		return out;
	};

	it('keeps every sheet, moves only upwards within its group, and leaves no small non-root cell (300 seeds)', () => {
		// Violations are collected as text (one expect per seed would dominate the run time).
		const violations: string[] = [];
		let moved = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const { parents, k, sheets } = randomCase(seed);
			const result = rollUpSmallCells(sheets, parents, k);
			const received = new Map<string, number>();
			for (const [key, { place, count }] of sheets) {
				const to = result.get(key);
				if (count === 0) {
					if (to) violations.push(`seed ${seed}: ${key} is empty but listed`);
					continue;
				}
				if (!to) {
					violations.push(`seed ${seed}: ${key} has no target`);
					continue;
				}
				if (to.groupId !== place.groupId) violations.push(`seed ${seed}: ${key} moved to group ${to.groupId}`);
				if (!ancestorsOrSelf(parents, place.unitId).includes(to.unitId))
					violations.push(`seed ${seed}: ${key} moved to ${placeKey(to)}, not an ancestor`);
				if (count >= k && placeKey(to) !== key) violations.push(`seed ${seed}: ${key} had ${count} ≥ ${k} but moved`);
				if (placeKey(to) !== key) moved++;
				received.set(placeKey(to), (received.get(placeKey(to)) ?? 0) + count);
			}
			const listed = [...sheets.values()].filter((s) => s.count > 0).length;
			if (result.size !== listed)
				violations.push(`seed ${seed}: ${result.size} targets for ${listed} non-empty places`);
			const total = [...sheets.values()].reduce((sum, s) => sum + s.count, 0);
			const kept = [...received.values()].reduce((sum, n) => sum + n, 0);
			if (kept !== total) violations.push(`seed ${seed}: ${kept} sheets after, ${total} before`);
			// A non-root place may end below k only as a lone small cell that would have reached its root alone:
			// then it kept its own place, it is the only such place of its group under that root, and the
			// group's place at that root receives nothing.
			const rootOf = (unitId: number) => ancestorsOrSelf(parents, unitId).at(-1)!;
			const small = new Map<string, string[]>();
			for (const [key, count] of received) {
				const [groupId, unitId] = key.split(':').map(Number);
				if ((parents.get(unitId) ?? null) === null || count >= k) continue;
				const at = `${groupId}:${rootOf(unitId)}`;
				small.set(at, [...(small.get(at) ?? []), key]);
			}
			for (const [at, keys] of small) {
				const kept =
					keys.length === 1 && result.get(keys[0]) !== undefined && placeKey(result.get(keys[0])!) === keys[0];
				if (!kept || (received.get(at) ?? 0) > 0)
					violations.push(`seed ${seed}: non-root ${keys.join(', ')} end below ${k}`);
			}
		}
		expect(violations).toEqual([]);
		// The generator must actually exercise the roll-up, not just leave every cell in place.
		expect(moved).toBeGreaterThan(300);
	});

	it('handles an opening-sized forest in one pass (9,000 places, no quadratic re-sorting)', () => {
		const random = mulberry32(7);
		const parents = new Map<number, number | null>([[1, null]]);
		for (let id = 2; id <= 3000; id++) parents.set(id, id <= 20 ? 1 : 1 + Math.floor(random() * (id - 1)));
		const entries: [number, number, number][] = [];
		for (let groupId = 1; groupId <= 3; groupId++)
			for (let unitId = 1; unitId <= 3000; unitId++) entries.push([groupId, unitId, Math.floor(random() * 8)]);
		const sheets = sheetsOf(entries);
		const result = rollUpSmallCells(sheets, parents, 5);
		expect(result.size).toBe(entries.filter(([, , count]) => count > 0).length);
		const moved = [...result].filter(([from, to]) => from !== placeKey(to)).length;
		expect(moved).toBeGreaterThan(1000);
	});
});
