// Small pure pieces of the questionnaire editor: weights typed as percentages, preset detection,
// and where in the page a problem can be fixed.
import type { Problem } from '$lib/domain/framework';
import {
	SCALE_PRESETS,
	scaleOptions,
	type AnswerOption,
	type Questionnaire,
	type ScalePreset
} from '$lib/domain/questionnaire';

export type EditorOps = {
	/** Replaces the document; `undoable` for changes worth an undo step (add, remove, move, new scale). */
	edit: (change: (q: Questionnaire) => Questionnaire, undoable?: boolean) => void;
	moveSection: (sectionId: string, by: -1 | 1) => void;
	removeSection: (sectionId: string) => void;
	addQuestion: (sectionId: string) => void;
	moveQuestion: (questionId: string, by: -1 | 1) => void;
	removeQuestion: (questionId: string) => void;
	/** Turns the preview to the page of this section. */
	showSection: (sectionId: string) => void;
};

/** "60", "60.5" or "60,5" → 0.6 / 0.605; "" → null (no weight); anything else is not a percentage. */
export function parsePercent(raw: string): { ok: true; weight: number | null } | { ok: false } {
	let text = raw.trim();
	if (text === '') return { ok: true, weight: null };
	if (!text.includes('.') && (text.match(/,/g) ?? []).length === 1) text = text.replace(',', '.');
	if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false };
	return { ok: true, weight: Number((Number(text) / 100).toFixed(8)) };
}

export function formatPercent(weight: number | null, locale: 'vi' | 'en'): string {
	if (weight === null) return '';
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		maximumFractionDigits: 6,
		useGrouping: false
	}).format(Number((weight * 100).toFixed(6)));
}

/** Which preset scale the options are, unchanged; '' once edited. */
export function presetOf(options: AnswerOption[]): ScalePreset | '' {
	const json = JSON.stringify(options);
	return SCALE_PRESETS.find((p) => JSON.stringify(scaleOptions(p)) === json) ?? '';
}

/** The editor speaks in percentages, so the weight problem is restated in them. */
export function forEditor(problem: Problem): Problem {
	if (problem.key !== 'questionnaire.problem.weightOutOfRange') return problem;
	const weight = Number(problem.params.weight);
	return {
		key: 'templates.problem.weightPercent',
		params: {
			...problem.params,
			weight: Number.isFinite(weight) ? Number((weight * 100).toFixed(6)) : String(problem.params.weight)
		}
	};
}

/** The element to jump to for a problem, from its JSON path. */
export function problemTarget(problem: Problem, q: Questionnaire): string | null {
	const path = typeof problem.params.path === 'string' ? problem.params.path : '';
	if (path === '$.title') return '#qe-title';
	if (path === '$.attestation') return '#qe-attestation';
	if (path === '$.sections') return '#qe-sections';
	const m = /^\$\.sections\[(\d+)\](?:\.questions\[(\d+)\])?/.exec(path);
	const section = m ? q.sections[Number(m[1])] : undefined;
	if (!section) return null;
	const question = m?.[2] === undefined ? undefined : section.questions[Number(m[2])];
	return question ? `#qe-q-${question.id}` : `#qe-s-${section.id}`;
}
