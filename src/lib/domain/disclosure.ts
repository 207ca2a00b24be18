// Disclosure control for published figures (integrity.md, promise 3): a group of fewer than k answer
// sheets is never shown ("< k"), and complementary suppression keeps it from being recovered by
// subtraction. Every figure the results show is a sum over answer sheets, so each table is a set of
// linear relations parent = Σ children; for each relation we make sure that its suppressed members are
// either none, or at least two whose sheets together reach k. Repeated until nothing changes: a cell
// suppressed for one relation may break another (a unit total is in the unit tree and in the group split).
// This is the usual heuristic (hypercube-like, not an optimal solver); tests check crafted tables by
// solving the published equations.

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
export function planSuppression(nodes: Iterable<DisclosureNode>, relations: Relation[], k: number): Map<string, Suppression> {
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

	// A member with no sheets adds nothing to a sum, so hiding it protects nothing.
	const pickComplement = (candidates: string[]) =>
		candidates
			.filter((id) => !hidden.has(id) && count(id) > 0)
			.sort((a, b) => count(a) - count(b) || (a < b ? -1 : a > b ? 1 : 0))[0];

	for (let changed = true; changed; ) {
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
				const safe = parentHidden ? hiddenMembers >= 2 || r.children.every((c) => count(c) === 0 || hidden.has(c)) : hiddenChildren.length >= 2 && mass >= k;
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
	return hidden;
}
