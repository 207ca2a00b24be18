// Disclosure control for published figures (docs/integrity.md, promise 3): a group of fewer than k answer
// sheets is never shown ("< k"), and complementary suppression keeps it from being recovered by
// subtraction. Every figure the results show is a sum over answer sheets, so each table is a set of
// linear relations parent = Σ children; for each relation we make sure that its suppressed members are
// either none, or at least two whose sheets together reach k. Repeated until nothing changes: a cell
// suppressed for one relation may break another (a unit total is in the unit tree and in the group split).
// That rule looks at one relation at a time, and relations can be combined (in a units × groups table two
// row sums minus two column sums may isolate one cell), so the plan is then audited exactly: any hidden
// count that the shown figures still determine gets another node hidden next to it, until none is.

export type Suppression = 'small' | 'complementary';
export interface DisclosureNode {
	id: string;
	sheets: number;
}
/** parent = Σ children. A null parent is a total published elsewhere (it still makes the children's sum known). */
export interface Relation {
	parent: string | null;
	children: string[];
}

export function isBelowK(sheets: number, k: number): boolean {
	return sheets > 0 && sheets < k;
}

/** Which nodes must be hidden, and why: 'small' (fewer than k sheets) or 'complementary'. */
export function planSuppression(
	nodes: Iterable<DisclosureNode>,
	relations: Relation[],
	k: number
): Map<string, Suppression> {
	if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
	const sheets = new Map<string, number>();
	for (const n of nodes) sheets.set(n.id, n.sheets);
	const count = (id: string) => {
		const n = sheets.get(id);
		if (n === undefined) throw new Error(`relation names an unknown node ${id}`);
		return n;
	};
	const hidden = new Map<string, Suppression>();
	for (const [id, n] of sheets) if (isBelowK(n, k)) hidden.set(id, 'small');
	for (;;) {
		protectRelations(relations, hidden, count, k);
		// Each recoverable node comes with the shown figures its derivation uses: hiding the smallest
		// non-empty one breaks that derivation (another may remain; the next round finds it).
		const more = new Set<string>();
		for (const used of auditPlan(relations, hidden).values()) {
			const pick = used
				.filter((id) => sheets.has(id) && count(id) > 0)
				.sort((a, b) => count(a) - count(b) || (a < b ? -1 : 1))[0];
			if (pick !== undefined) more.add(pick);
		}
		// Nothing to hide: only a total published without a node (a null parent) can leave that.
		if (more.size === 0) break;
		for (const id of more) hidden.set(id, 'complementary');
	}
	return hidden;
}

/** The relation-by-relation rule, to a fixpoint. */
function protectRelations(
	relations: Relation[],
	hidden: Map<string, Suppression>,
	count: (id: string) => number,
	k: number
): void {
	// A member with no sheets adds nothing to a sum, so hiding it protects nothing.
	const pickComplement = (candidates: string[]) =>
		candidates
			.filter((id) => !hidden.has(id) && count(id) > 0)
			.sort((a, b) => count(a) - count(b) || (a < b ? -1 : a > b ? 1 : 0))[0];

	for (let changed = true; changed;) {
		changed = false;
		for (const r of relations) {
			const parentHidden = r.parent !== null && hidden.has(r.parent);
			for (;;) {
				const hiddenChildren = r.children.filter((c) => hidden.has(c) && count(c) > 0);
				const hiddenMembers = hiddenChildren.length + (parentHidden ? 1 : 0);
				if (hiddenMembers === 0) break;
				const mass = hiddenChildren.reduce((s, c) => s + count(c), 0);
				// With the parent shown, the hidden children's sum is known: it must be two or more and reach k.
				// With the parent hidden, parent − hidden children is known: one hidden child is enough.
				const safe = parentHidden
					? hiddenMembers >= 2 || r.children.every((c) => count(c) === 0 || hidden.has(c))
					: hiddenChildren.length >= 2 && mass >= k;
				if (safe) break;
				const next = pickComplement(r.children);
				if (next !== undefined) {
					hidden.set(next, 'complementary');
				} else if (r.parent !== null && !parentHidden) {
					hidden.set(r.parent, 'complementary');
				} else break;
				changed = true;
				if (r.parent !== null && hidden.has(r.parent) !== parentHidden) break;
			}
		}
	}
}

/** Hidden nodes whose count the shown figures still determine through the relations. */
export function findRecoverable(
	relations: Relation[],
	hidden: ReadonlyMap<string, unknown> | ReadonlySet<string>
): string[] {
	return [...auditPlan(relations, hidden).keys()].sort();
}

type Row = Map<string, bigint>;

/**
 * Exact audit. Every relation is an equation over all nodes; eliminating on the hidden nodes only
 * (shown values are constants) gives a fully reduced basis, and a hidden node is determined exactly
 * when a basis row has it as its only hidden entry. That row's other entries are the shown figures
 * (or published totals) the derivation uses. Sparse rows of BigInt, fraction-free: no rounding.
 */
function auditPlan(
	relations: Relation[],
	hidden: ReadonlyMap<string, unknown> | ReadonlySet<string>
): Map<string, string[]> {
	const basis = new Map<string, Row>(); // pivot (a hidden node) → row, zero at every other pivot
	const holding = new Map<string, Set<string>>(); // hidden node → pivots of the rows where it is non-zero
	const track = (pivot: string, row: Row, on: boolean) => {
		for (const id of row.keys()) {
			if (!hidden.has(id)) continue;
			let s = holding.get(id);
			if (!s) holding.set(id, (s = new Set()));
			if (on) s.add(pivot);
			else s.delete(pivot);
		}
	};
	relations.forEach((r, i) => {
		let row: Row = new Map();
		// A published total without a node is a constant of its own.
		addTo(row, r.parent ?? `\u0000total:${i}`, 1n);
		for (const c of r.children) addTo(row, c, -1n);
		for (const id of [...row.keys()]) {
			const pivotRow = basis.get(id);
			if (pivotRow && row.has(id)) row = combine(row, pivotRow.get(id)!, pivotRow, row.get(id)!);
		}
		const pivot = [...row.keys()].filter((id) => hidden.has(id)).sort()[0];
		if (pivot === undefined) return;
		for (const other of [...(holding.get(pivot) ?? [])]) {
			const old = basis.get(other)!;
			track(other, old, false);
			const next = combine(old, row.get(pivot)!, row, old.get(pivot)!);
			basis.set(other, next);
			track(other, next, true);
		}
		basis.set(pivot, row);
		track(pivot, row, true);
	});
	const out = new Map<string, string[]>();
	for (const [pivot, row] of basis) {
		const others = [...row.keys()].filter((id) => id !== pivot);
		if (others.every((id) => !hidden.has(id))) out.set(pivot, others);
	}
	return out;
}

function addTo(row: Row, id: string, v: bigint): void {
	const sum = (row.get(id) ?? 0n) + v;
	if (sum === 0n) row.delete(id);
	else row.set(id, sum);
}

/** a·x − b·y, divided by the gcd of its entries. */
function combine(x: Row, a: bigint, y: Row, b: bigint): Row {
	const out: Row = new Map();
	for (const [id, v] of x) addTo(out, id, a * v);
	for (const [id, v] of y) addTo(out, id, -b * v);
	let g = 0n;
	for (const v of out.values()) g = gcd(g, v);
	if (g > 1n) for (const [id, v] of out) out.set(id, v / g);
	return out;
}

function gcd(a: bigint, b: bigint): bigint {
	a = a < 0n ? -a : a;
	b = b < 0n ? -b : b;
	while (b) [a, b] = [b, a % b];
	return a;
}
