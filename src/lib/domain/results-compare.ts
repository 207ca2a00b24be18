// Year-over-year: two rounds of the same framework compared field by field, matched by code
// (a version may add, drop or renumber fields; those show on one side only).
import type { SurveyScore } from './scoring';

export interface FieldPair {
	code: string;
	current: { points: number | null; maxPoints: number } | null;
	other: { points: number | null; maxPoints: number } | null;
	/** current − other in points, when both have points. */
	change: number | null;
}
export interface FieldComparison {
	campaign: { id: number; title: string; year: number };
	total: { current: number | null; other: number | null };
	fields: FieldPair[];
}

export function compareFields(
	campaign: FieldComparison['campaign'],
	current: SurveyScore,
	other: SurveyScore
): FieldComparison {
	const codes = [...new Set([...current.fields.map((f) => f.code), ...other.fields.map((f) => f.code)])];
	const fields = codes.map((code): FieldPair => {
		const a = current.fields.find((f) => f.code === code);
		const b = other.fields.find((f) => f.code === code);
		const pick = (f: typeof a) => (f ? { points: f.points, maxPoints: f.maxPoints } : null);
		const change = a?.points != null && b?.points != null ? Number((a.points - b.points).toFixed(9)) : null;
		return { code, current: pick(a), other: pick(b), change };
	});
	return { campaign, total: { current: current.points, other: other.points }, fields };
}
