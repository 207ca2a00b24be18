// Whether a questionnaire fits its framework and can be used in a campaign.
import { listSurveySubCriteria, type Framework, type Problem, type ProblemParams } from './framework-model';
import type { MessageKey } from './message';
import {
	ID_PATTERN,
	OPTION_ID_PATTERN,
	UNIT_PLACEHOLDER,
	type Question,
	type Questionnaire
} from './questionnaire-model';

// Consistency check against a framework: a campaign can open only when this returns no problems.

export function checkQuestionnaire(q: Questionnaire, framework: Framework): Problem[] {
	const problems: Problem[] = [];
	const add = (key: MessageKey, params: ProblemParams = {}) => problems.push({ key, params });
	const allSubs = new Map(
		framework.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria.map((s) => [s.code, s] as const)))
	);
	const covered = new Set<string>();
	const sectionIds = new Set<string>();
	const questionIds = new Set<string>();

	if (!q.title.trim()) add('questionnaire.problem.titleEmpty', { path: '$.title' });
	if (!q.attestation.trim()) add('questionnaire.problem.attestationEmpty', { path: '$.attestation' });
	if (q.sections.length === 0) add('questionnaire.problem.noSections', { path: '$.sections' });

	q.sections.forEach((section, i) => {
		const path = `$.sections[${i}]`;
		const at = { sectionId: section.id, path };
		if (!ID_PATTERN.test(section.id)) add('questionnaire.problem.idFormat', { ...at, id: section.id });
		else if (sectionIds.has(section.id)) add('questionnaire.problem.sectionIdDuplicate', at);
		sectionIds.add(section.id);
		if (!section.title.trim()) add('questionnaire.problem.sectionTitleEmpty', at);
		if (section.questions.length === 0) add('questionnaire.problem.sectionEmpty', at);

		section.questions.forEach((question, j) => {
			const qPath = `${path}.questions[${j}]`;
			const qAt = { questionId: question.id, path: qPath };
			if (!ID_PATTERN.test(question.id)) add('questionnaire.problem.idFormat', { ...qAt, id: question.id });
			else if (questionIds.has(question.id)) add('questionnaire.problem.questionIdDuplicate', qAt);
			questionIds.add(question.id);
			if (!question.text.trim()) add('questionnaire.problem.questionTextEmpty', qAt);
			if (!section.repeatPerRatedUnit && question.text.includes(UNIT_PLACEHOLDER))
				add('questionnaire.problem.unitPlaceholderOutsideRepeat', qAt);

			const sub = allSubs.get(question.subCriterion);
			if (!question.subCriterion.trim()) add('questionnaire.problem.subCriterionMissing', qAt);
			else if (!sub) add('questionnaire.problem.subCriterionUnknown', { ...qAt, code: question.subCriterion });
			else if (!sub.surveyScored)
				add('questionnaire.problem.subCriterionNotSurveyScored', { ...qAt, code: question.subCriterion });
			else covered.add(sub.code);

			checkOptions(question, qPath, add);
		});
	});

	for (const sub of listSurveySubCriteria(framework))
		if (!covered.has(sub.code))
			add('questionnaire.problem.subCriterionUncovered', { code: sub.code, title: sub.title });
	return problems;
}

function checkOptions(question: Question, path: string, add: (key: MessageKey, params: ProblemParams) => void) {
	const qAt = { questionId: question.id, path };
	const optionIds = new Set<string>();
	if (question.options.filter((o) => !o.dontKnow).length < 2) add('questionnaire.problem.tooFewOptions', qAt);
	if (question.options.filter((o) => o.dontKnow).length > 1) add('questionnaire.problem.dontKnowMultiple', qAt);
	question.options.forEach((option, k) => {
		const at = { questionId: question.id, optionId: option.id, path: `${path}.options[${k}]` };
		if (!OPTION_ID_PATTERN.test(option.id)) add('questionnaire.problem.idFormat', { ...at, id: option.id });
		else if (optionIds.has(option.id)) add('questionnaire.problem.optionIdDuplicate', at);
		optionIds.add(option.id);
		if (!option.label.trim()) add('questionnaire.problem.optionLabelEmpty', at);
		if (option.dontKnow) {
			if (option.weight !== null) add('questionnaire.problem.dontKnowWeighted', at);
		} else if (option.weight === null) add('questionnaire.problem.weightMissing', at);
		else if (!Number.isFinite(option.weight) || option.weight < 0 || option.weight > 1)
			add('questionnaire.problem.weightOutOfRange', { ...at, weight: String(option.weight) });
	});
}
