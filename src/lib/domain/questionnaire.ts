// Questionnaires as data: sections of questions, each question mapped to one survey-scored
// sub-criterion of a framework, with its own answer options and weights.
import { z } from 'zod';
import {
	EditError,
	deepFreeze,
	importJson,
	issuesToProblems,
	listSurveySubCriteria,
	nfc,
	type Framework,
	type ImportResult,
	type Problem,
	type ProblemParams
} from './framework';

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
const TEXT_MAX = {
	title: 300,
	intro: 5000,
	attestation: 1000,
	description: 2000,
	question: 1000,
	label: 200,
	code: 40
} as const;
const LIST_MAX = { sections: 50, questions: 200, options: 12 } as const;

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// JSON schema: shape only (types, known keys, id formats, sizes). An unfinished draft imports;
// checkQuestionnaire decides whether it can be used in a campaign.

const text = (max: number) => z.string().normalize('NFC').trim().max(max);
const id = z.string().trim().regex(ID_PATTERN, 'jsonImport.idFormat');

export const answerOptionSchema = z.strictObject({
	id: z.string().trim().regex(OPTION_ID_PATTERN, 'jsonImport.idFormat'),
	label: text(TEXT_MAX.label),
	weight: z.number().nullable(),
	dontKnow: z.boolean()
});
export const questionSchema = z.strictObject({
	id,
	text: text(TEXT_MAX.question),
	subCriterion: z.string().trim().max(TEXT_MAX.code),
	required: z.boolean(),
	allowComment: z.boolean(),
	options: z.array(answerOptionSchema).max(LIST_MAX.options)
});
export const sectionSchema = z.strictObject({
	id,
	title: text(TEXT_MAX.title),
	description: text(TEXT_MAX.description).optional(),
	repeatPerRatedUnit: z.boolean(),
	questions: z.array(questionSchema).max(LIST_MAX.questions)
});
export const questionnaireSchema = z.strictObject({
	title: text(TEXT_MAX.title),
	intro: text(TEXT_MAX.intro),
	attestation: text(TEXT_MAX.attestation),
	sections: z.array(sectionSchema).max(LIST_MAX.sections)
});

// Fixed key order at every level so exports are byte-stable.
function orderedQuestionnaire(q: Questionnaire): Questionnaire {
	return {
		title: nfc(q.title),
		intro: nfc(q.intro),
		attestation: nfc(q.attestation),
		sections: q.sections.map((s) => ({
			id: s.id,
			title: nfc(s.title),
			...(s.description ? { description: nfc(s.description) } : {}),
			repeatPerRatedUnit: s.repeatPerRatedUnit,
			questions: s.questions.map((question) => ({
				id: question.id,
				text: nfc(question.text),
				subCriterion: question.subCriterion,
				required: question.required,
				allowComment: question.allowComment,
				options: question.options.map((o) => ({
					id: o.id,
					label: nfc(o.label),
					weight: o.weight,
					dontKnow: o.dontKnow
				}))
			}))
		}))
	};
}

export function parseQuestionnaire(data: unknown): ImportResult<Questionnaire> {
	const result = questionnaireSchema.safeParse(data);
	if (!result.success) return { ok: false, errors: issuesToProblems(result.error.issues, data) };
	return { ok: true, value: orderedQuestionnaire(result.data) };
}

export function importQuestionnaire(json: string): ImportResult<Questionnaire> {
	return importJson(json, parseQuestionnaire);
}

export function exportQuestionnaire(q: Questionnaire): string {
	return `${JSON.stringify(orderedQuestionnaire(q), null, '\t')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Consistency check against a framework: a campaign can open only when this returns no problems.

export function checkQuestionnaire(q: Questionnaire, framework: Framework): Problem[] {
	const problems: Problem[] = [];
	const add = (key: string, params: ProblemParams = {}) => problems.push({ key, params });
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

function checkOptions(question: Question, path: string, add: (key: string, params: ProblemParams) => void) {
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// The default questionnaire (questionnaire-reference.md), bound to DEFAULT_FRAMEWORK.

const ask = (id: string, subCriterion: string, preset: ScalePreset, text: string): Question => ({
	id,
	text,
	subCriterion,
	required: true,
	allowComment: false,
	options: scaleOptions(preset)
});
const section = (id: string, title: string, questions: Question[], description?: string): Section => ({
	id,
	title,
	...(description ? { description } : {}),
	repeatPerRatedUnit: false,
	questions
});

export const ATTESTATION_TEXT =
	'Tôi xác nhận tự mình nghiên cứu kỹ lưỡng, thận trọng và đánh giá có trách nhiệm, công tâm, khách quan, sát đúng với thực tế; không giao phiếu cho người khác trả lời thay.';

export const DEFAULT_QUESTIONNAIRE: Questionnaire = deepFreeze({
	title: 'Phiếu điều tra xã hội học đánh giá kết quả cải cách hành chính',
	intro:
		'Để đánh giá khách quan kết quả cải cách hành chính, xin Ông/Bà vui lòng trả lời các câu hỏi dưới đây. ' +
		'Ông/Bà cần tự mình nghiên cứu và trả lời phiếu, không giao cho người khác trả lời thay. ' +
		'Câu trả lời được giữ ẩn danh và chỉ dùng để tổng hợp số liệu chung. ' +
		'Với mỗi câu hỏi, xin chọn một phương án phù hợp nhất; chọn “Không biết” nếu Ông/Bà không có đủ thông tin để đánh giá.',
	attestation: ATTESTATION_TEXT,
	sections: [
		section('linh-vuc-1', 'Công tác chỉ đạo, điều hành cải cách hành chính', [
			ask(
				'q1.1.1',
				'1.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về sự quyết liệt, năng động của người đứng đầu trong chỉ đạo cải cách hành chính?'
			),
			ask(
				'q1.2.1',
				'1.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về hiệu quả của công tác tuyên truyền về cải cách hành chính trong việc giúp cán bộ, công chức và người dân hiểu rõ mục tiêu, kết quả cải cách?'
			)
		]),
		section('linh-vuc-2', 'Cải cách thể chế', [
			ask(
				'q2.1.1',
				'2.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về mức độ phù hợp thực tiễn, khả thi, dễ thực hiện của các văn bản quy phạm pháp luật do tỉnh ban hành?'
			),
			ask(
				'q2.2.1',
				'2.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính kịp thời của việc phát hiện và xử lý văn bản trái pháp luật, chồng chéo?'
			)
		]),
		section('linh-vuc-3', 'Cải cách thủ tục hành chính', [
			ask(
				'q3.1.1',
				'3.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về việc công khai thủ tục hành chính (đầy đủ, rõ ràng, dễ tra cứu)?'
			),
			ask(
				'q3.2.1',
				'3.2.1',
				'F',
				'Theo Ông/Bà, tình trạng yêu cầu người dân, doanh nghiệp bổ sung hồ sơ, giấy tờ ngoài quy định diễn ra ở mức độ nào?'
			),
			ask(
				'q3.2.2',
				'3.2.2',
				'Q',
				'Ông/Bà đánh giá thế nào về việc tiếp nhận và trả lời đúng hạn các phản ánh, kiến nghị về thủ tục hành chính?'
			)
		]),
		section('linh-vuc-4', 'Cải cách tổ chức bộ máy hành chính nhà nước', [
			ask(
				'q4.1.1',
				'4.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về mức độ rõ ràng, không chồng chéo của chức năng, nhiệm vụ giữa các cơ quan hành chính?'
			),
			ask(
				'q4.2.1',
				'4.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính hợp lý, hiệu quả của việc phân cấp, phân quyền giữa tỉnh và cấp xã?'
			)
		]),
		section('linh-vuc-5', 'Cải cách chế độ công vụ', [
			ask(
				'q5.1.1',
				'5.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính công khai, minh bạch, đúng quy định của việc tuyển dụng công chức, viên chức?'
			),
			ask(
				'q5.1.2',
				'5.1.2',
				'Q',
				'Ông/Bà đánh giá thế nào về việc bổ nhiệm, giới thiệu cán bộ ứng cử theo đúng quy trình và tiêu chuẩn chức danh?'
			),
			ask(
				'q5.2.1',
				'5.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về trình độ chuyên môn của cán bộ, công chức, viên chức so với yêu cầu nhiệm vụ?'
			),
			ask(
				'q5.2.2',
				'5.2.2',
				'Q',
				'Ông/Bà đánh giá thế nào về tinh thần trách nhiệm và thái độ phục vụ người dân, doanh nghiệp của cán bộ, công chức?'
			),
			ask(
				'q5.3.1',
				'5.3.1',
				'Q',
				'Ông/Bà đánh giá thế nào về việc chấp hành kỷ luật, kỷ cương hành chính và đạo đức công vụ của cán bộ, công chức, viên chức?'
			),
			ask(
				'q5.3.2',
				'5.3.2',
				'F',
				'Theo Ông/Bà, tình trạng chậm trễ, nhũng nhiễu, tiêu cực khi giải quyết công việc của người dân, doanh nghiệp diễn ra ở mức độ nào?'
			),
			ask(
				'q5.4.1',
				'5.4.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính thực chất, khách quan của việc đánh giá, xếp loại cán bộ, công chức, viên chức?'
			),
			ask(
				'q5.4.2',
				'5.4.2',
				'Q',
				'Ông/Bà đánh giá thế nào về việc đào tạo, bồi dưỡng gắn với quy hoạch và tiêu chuẩn chức danh, giúp nâng cao năng lực thực thi công vụ?'
			)
		]),
		section('linh-vuc-6', 'Cải cách tài chính công', [
			ask(
				'q6.1.1',
				'6.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về việc quản lý, sử dụng kinh phí và tài sản công (tiết kiệm, hiệu quả, công khai)?'
			),
			ask(
				'q6.2.1',
				'6.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tác dụng của cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập đối với việc nâng cao chất lượng dịch vụ?'
			)
		]),
		section('linh-vuc-7', 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', [
			ask(
				'q7.1.1',
				'7.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về hiệu quả của hệ thống quản lý văn bản và điều hành điện tử trong việc giúp xử lý công việc nhanh hơn?'
			),
			ask(
				'q7.2.1',
				'7.2.1',
				'S',
				'Ông/Bà hài lòng ở mức độ nào với chất lượng dịch vụ công trực tuyến (dễ sử dụng, hoạt động ổn định, giải quyết đúng hạn)?'
			)
		]),
		section('linh-vuc-8', 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội', [
			ask(
				'q8.1.1',
				'8.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tác động của cải cách hành chính đối với việc nâng cao chất lượng phục vụ người dân, doanh nghiệp?'
			),
			ask(
				'q8.2.1',
				'8.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về đóng góp của cải cách hành chính vào việc cải thiện môi trường đầu tư, phát triển kinh tế - xã hội của tỉnh?'
			)
		]),
		{
			...section(
				'don-vi-duoc-danh-gia',
				'Đánh giá cơ quan, đơn vị được phân công',
				[
					ask(
						'u5.2.2',
						'5.2.2',
						'Q',
						'Ông/Bà đánh giá thế nào về thái độ, tinh thần trách nhiệm của cán bộ, công chức {unit} khi giải quyết công việc với cơ quan, địa phương của Ông/Bà?'
					),
					ask(
						'u5.2.1',
						'5.2.1',
						'Q',
						'Ông/Bà đánh giá thế nào về năng lực chuyên môn của cán bộ, công chức {unit} trong hướng dẫn, giải quyết công việc?'
					),
					ask(
						'u5.3.1',
						'5.3.1',
						'Q',
						'Ông/Bà đánh giá thế nào về việc chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức {unit} (đúng hẹn, đúng quy trình, trả lời văn bản kịp thời)?'
					),
					ask(
						'u5.3.2',
						'5.3.2',
						'F',
						'Theo Ông/Bà, tình trạng chậm trễ, nhũng nhiễu, tiêu cực của cán bộ, công chức {unit} khi giải quyết công việc diễn ra ở mức độ nào?'
					)
				],
				'Phần này được lặp lại cho từng cơ quan, đơn vị mà Ông/Bà được phân công đánh giá (ví dụ: lãnh đạo UBND cấp xã đánh giá các sở, ban, ngành của tỉnh). Nếu Ông/Bà không được phân công đánh giá đơn vị nào, phần này được bỏ qua.'
			),
			repeatPerRatedUnit: true
		}
	]
});
