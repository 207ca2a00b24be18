// The PAR framework (bộ tiêu chí) as data: field → criterion → sub-criterion, each with max points.
// The Ministry's criterion table is not published in machine-readable form, so the points, and which
// sub-criteria the survey scores, are configuration an organiser can edit, never constants in code.
import type { Message, MessageKey, MessageParams } from './message';

export type FrameworkNode = { code: string; title: string; titleEn?: string; maxPoints: number };
export type SubCriterion = FrameworkNode & { surveyScored: boolean };
export type Criterion = FrameworkNode & { subCriteria: SubCriterion[] };
export type Field = FrameworkNode & { criteria: Criterion[] };
export type Framework = {
	name: string;
	basis: string;
	note: string;
	/** The declared total of the survey-scored sub-criteria. */
	surveyPoints: number;
	fields: Field[];
};

export type ProblemParams = MessageParams;
/** A message whose params are always there; `path` (a JSON path) is set where a node is at fault. */
export type Problem = Required<Message>;
export type ImportResult<T> = { ok: true; value: T } | { ok: false; errors: Problem[] };

/** Thrown by the pure editing helpers when asked to edit something that does not exist. */
export class EditError extends Error {
	constructor(
		readonly key: MessageKey,
		readonly params: ProblemParams = {}
	) {
		super(key);
		this.name = 'EditError';
	}
}

export const DEFAULT_SURVEY_POINTS = 32;
export const POINTS_TOLERANCE = 1e-9;
export const IMPORT_MAX_CHARS = 2_000_000;
const SEGMENT = '[0-9A-Za-z]{1,8}';
export const CODE_PATTERN = new RegExp(`^${SEGMENT}(\\.${SEGMENT}){0,2}$`);
export const FRAMEWORK_TEXT_MAX = { name: 300, basis: 300, note: 4000, title: 500 } as const;
export const FRAMEWORK_LIST_MAX = { fields: 30, criteria: 60, subCriteria: 60 } as const;

// Small shared helpers (also used by the questionnaire)

export function hasAtMostTwoDecimals(value: number): boolean {
	return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/** Removes floating-point noise from a sum (0.1 + 0.2 → 0.3) without hiding real differences. */
export function cleanSum(values: Iterable<number>): number {
	let sum = 0;
	for (const v of values) sum += v;
	return Number(sum.toFixed(9));
}

export function formatPath(path: readonly PropertyKey[]): string {
	return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : `${out}.${String(seg)}`), '$');
}

export const nfc = (value: string) => value.normalize('NFC');

export function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

// Reading helpers

export type SurveySubCriterion = SubCriterion & { fieldCode: string; criterionCode: string };

export function listSubCriteria(f: Framework): SurveySubCriterion[] {
	return f.fields.flatMap((field) =>
		field.criteria.flatMap((criterion) =>
			criterion.subCriteria.map((sub) => ({ ...sub, fieldCode: field.code, criterionCode: criterion.code }))
		)
	);
}

export function listSurveySubCriteria(f: Framework): SurveySubCriterion[] {
	return listSubCriteria(f).filter((sub) => sub.surveyScored);
}

export function surveyPointsTotal(f: Framework): number {
	return cleanSum(listSurveySubCriteria(f).map((sub) => sub.maxPoints));
}

export function findNode(f: Framework, code: string): Field | Criterion | SubCriterion | undefined {
	for (const field of f.fields) {
		if (field.code === code) return field;
		for (const criterion of field.criteria) {
			if (criterion.code === code) return criterion;
			const sub = criterion.subCriteria.find((s) => s.code === code);
			if (sub) return sub;
		}
	}
	return undefined;
}
