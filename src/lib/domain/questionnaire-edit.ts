// The questionnaire editor's changes, each returning a new document.
import { EditError } from './framework-model';
import {
	qualityScale,
	scaleOptions,
	type AnswerOption,
	type Question,
	type Questionnaire,
	type ScalePreset,
	type Section
} from './questionnaire-model';

// Pure editing helpers for the questionnaire editor; each returns a new document.

type SectionPatch = Partial<Pick<Section, 'title' | 'description' | 'repeatPerRatedUnit'>>;
type QuestionPatch = Partial<Omit<Question, 'id'>>;

function freshId(prefix: string, taken: Set<string>): string {
	for (let n = taken.size + 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

function insertAt<T>(list: readonly T[], item: T, index = list.length): T[] {
	const at = Math.max(0, Math.min(list.length, Math.trunc(index)));
	return [...list.slice(0, at), item, ...list.slice(at)];
}

function locateQuestion(q: Questionnaire, questionId: string) {
	for (const section of q.sections) {
		const index = section.questions.findIndex((x) => x.id === questionId);
		if (index >= 0) return { section, index, question: section.questions[index] };
	}
	throw new EditError('questionnaire.edit.questionUnknown', { questionId });
}

function requireSection(q: Questionnaire, sectionId: string): Section {
	const section = q.sections.find((s) => s.id === sectionId);
	if (!section) throw new EditError('questionnaire.edit.sectionUnknown', { sectionId });
	return section;
}

const mapQuestion = (q: Questionnaire, questionId: string, change: (question: Question) => Question): Questionnaire => {
	locateQuestion(q, questionId);
	return {
		...q,
		sections: q.sections.map((s) =>
			s.questions.some((x) => x.id === questionId)
				? { ...s, questions: s.questions.map((x) => (x.id === questionId ? change(x) : x)) }
				: s
		)
	};
};

/** Adds a section (empty, with a fresh id unless one is given) at `index`, default the end. */
export function addSection(q: Questionnaire, init: SectionPatch & { id?: string } = {}, index?: number): Questionnaire {
	const taken = new Set(q.sections.map((s) => s.id));
	const sectionId = init.id ?? freshId('s', taken);
	if (taken.has(sectionId)) throw new EditError('questionnaire.edit.idTaken', { id: sectionId });
	const section: Section = {
		id: sectionId,
		title: init.title ?? '',
		...(init.description ? { description: init.description } : {}),
		repeatPerRatedUnit: init.repeatPerRatedUnit ?? false,
		questions: []
	};
	return { ...q, sections: insertAt(q.sections, section, index) };
}

export function removeSection(q: Questionnaire, sectionId: string): Questionnaire {
	requireSection(q, sectionId);
	return { ...q, sections: q.sections.filter((s) => s.id !== sectionId) };
}

/** Moves a section to position `toIndex` (clamped). */
export function moveSection(q: Questionnaire, sectionId: string, toIndex: number): Questionnaire {
	const section = requireSection(q, sectionId);
	return {
		...q,
		sections: insertAt(
			q.sections.filter((s) => s !== section),
			section,
			toIndex
		)
	};
}

export function updateSection(q: Questionnaire, sectionId: string, patch: SectionPatch): Questionnaire {
	requireSection(q, sectionId);
	return { ...q, sections: q.sections.map((s) => (s.id === sectionId ? { ...s, ...patch } : s)) };
}

/** Adds a question (a quality scale by default) with an id unique across the questionnaire. */
export function addQuestion(
	q: Questionnaire,
	sectionId: string,
	init: QuestionPatch & { id?: string } = {},
	index?: number
): Questionnaire {
	requireSection(q, sectionId);
	const taken = new Set(q.sections.flatMap((s) => s.questions.map((x) => x.id)));
	const questionId = init.id ?? freshId('q', taken);
	if (taken.has(questionId)) throw new EditError('questionnaire.edit.idTaken', { id: questionId });
	const question: Question = {
		id: questionId,
		text: init.text ?? '',
		subCriterion: init.subCriterion ?? '',
		required: init.required ?? true,
		allowComment: init.allowComment ?? false,
		options: init.options ?? qualityScale()
	};
	return {
		...q,
		sections: q.sections.map((s) =>
			s.id === sectionId ? { ...s, questions: insertAt(s.questions, question, index) } : s
		)
	};
}

export function removeQuestion(q: Questionnaire, questionId: string): Questionnaire {
	locateQuestion(q, questionId);
	return {
		...q,
		sections: q.sections.map((s) => ({ ...s, questions: s.questions.filter((x) => x.id !== questionId) }))
	};
}

/** Moves a question to `toIndex` (clamped) of a section, its own or another. */
export function moveQuestion(
	q: Questionnaire,
	questionId: string,
	toSectionId: string,
	toIndex: number
): Questionnaire {
	const { question } = locateQuestion(q, questionId);
	requireSection(q, toSectionId);
	return {
		...q,
		sections: q.sections.map((s) => {
			const rest = s.questions.filter((x) => x.id !== questionId);
			return { ...s, questions: s.id === toSectionId ? insertAt(rest, question, toIndex) : rest };
		})
	};
}

export function updateQuestion(q: Questionnaire, questionId: string, patch: QuestionPatch): Questionnaire {
	return mapQuestion(q, questionId, (question) => ({ ...question, ...patch }));
}

export function setQuestionScale(q: Questionnaire, questionId: string, preset: ScalePreset): Questionnaire {
	return mapQuestion(q, questionId, (question) => ({ ...question, options: scaleOptions(preset) }));
}

export function updateOption(
	q: Questionnaire,
	questionId: string,
	optionId: string,
	patch: Partial<Omit<AnswerOption, 'id'>>
): Questionnaire {
	const { question } = locateQuestion(q, questionId);
	if (!question.options.some((o) => o.id === optionId))
		throw new EditError('questionnaire.edit.optionUnknown', { questionId, optionId });
	return mapQuestion(q, questionId, (x) => ({
		...x,
		options: x.options.map((o) => (o.id === optionId ? { ...o, ...patch } : o))
	}));
}
