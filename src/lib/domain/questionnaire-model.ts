// Questionnaires as data: sections of questions, each question mapped to one survey-scored
// sub-criterion of a framework, with its own answer options and weights.

export type AnswerOption = {
	id: string;
	label: string;
	/** 0–1 share of the sub-criterion's points; null only for "Không biết". */
	weight: number | null;
	/** "Không biết": excluded from the denominator. */
	dontKnow: boolean;
};
export type Question = {
	id: string;
	/** May contain {unit}, replaced by the rated unit's name in a repeated section. */
	text: string;
	subCriterion: string;
	required: boolean;
	allowComment: boolean;
	options: AnswerOption[];
};
export type Section = {
	id: string;
	title: string;
	description?: string;
	/** Answered once per rated unit (who rates whom). */
	repeatPerRatedUnit: boolean;
	questions: Question[];
};
export type Questionnaire = { title: string; intro: string; attestation: string; sections: Section[] };

export const UNIT_PLACEHOLDER = '{unit}';
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const OPTION_ID_PATTERN = /^[A-Za-z0-9]{1,8}$/;
export const QUESTIONNAIRE_TEXT_MAX = {
	title: 300,
	intro: 5000,
	attestation: 1000,
	description: 2000,
	question: 1000,
	label: 200,
	code: 40
} as const;
export const QUESTIONNAIRE_LIST_MAX = { sections: 50, questions: 200, options: 12 } as const;

// Scale presets (questionnaire-reference.md). Functions, so every caller gets arrays it may edit.

export const SCALE_PRESETS = ['Q', 'F', 'S'] as const;
export type ScalePreset = (typeof SCALE_PRESETS)[number];
/** i18n keys naming each preset in the editor. */
export const SCALE_LABEL_KEYS = {
	Q: 'questionnaire.scale.Q',
	F: 'questionnaire.scale.F',
	S: 'questionnaire.scale.S'
} as const satisfies Record<ScalePreset, string>;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function scale(points: [label: string, weight: number][]): AnswerOption[] {
	const options = points.map(([label, weight], i) => ({ id: LETTERS[i], label, weight, dontKnow: false }));
	return [...options, { id: LETTERS[points.length], label: 'Không biết', weight: null, dontKnow: true }];
}

/** Q (quality): Rất tốt 100 % · Tốt 60 % · Chưa tốt 20 % · Kém 0 % · Không biết. */
export const qualityScale = () =>
	scale([
		['Rất tốt', 1],
		['Tốt', 0.6],
		['Chưa tốt', 0.2],
		['Kém', 0]
	]);
/** F (how often a bad thing happens): Không có 100 % · Hiếm khi 60 % · Thỉnh thoảng 20 % · Thường xuyên 0 %. */
export const frequencyScale = () =>
	scale([
		['Không có', 1],
		['Hiếm khi', 0.6],
		['Thỉnh thoảng', 0.2],
		['Thường xuyên', 0]
	]);
/** S (satisfaction): five levels 100/75/50/25/0 % · Không biết. */
export const satisfactionScale = () =>
	scale([
		['Rất hài lòng', 1],
		['Hài lòng', 0.75],
		['Bình thường', 0.5],
		['Không hài lòng', 0.25],
		['Rất không hài lòng', 0]
	]);

export function scaleOptions(preset: ScalePreset): AnswerOption[] {
	return preset === 'Q' ? qualityScale() : preset === 'F' ? frequencyScale() : satisfactionScale();
}

/** Replaces {unit} with the rated unit's name. */
export function fillUnit(text: string, unitName: string): string {
	return text.split(UNIT_PLACEHOLDER).join(unitName);
}
