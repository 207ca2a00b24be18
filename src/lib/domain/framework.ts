// The PAR framework (bộ tiêu chí) as data: field → criterion → sub-criterion, each with max points.
// The Ministry's criterion table is not published in machine-readable form, so the points, and which
// sub-criteria the survey scores, are configuration an organiser can edit, never constants in code.
import { z } from 'zod';

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

export type ProblemParams = Record<string, string | number>;
/** A problem is an i18n key plus its placeholders; `path` (a JSON path) is set where a node is at fault. */
export type Problem = { key: string; params: ProblemParams };
export type ImportResult<T> = { ok: true; value: T } | { ok: false; errors: Problem[] };

/** Thrown by the pure editing helpers when asked to edit something that does not exist. */
export class EditError extends Error {
	constructor(
		readonly key: string,
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
const TEXT_MAX = { name: 300, basis: 300, note: 4000, title: 500 } as const;
const LIST_MAX = { fields: 30, criteria: 60, subCriteria: 60 } as const;

// ---------------------------------------------------------------------------------------------
// Small shared helpers (also used by questionnaire.ts)

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

const EXPECTED_KEYS: Record<string, string> = {
	string: 'jsonImport.expectedText',
	number: 'jsonImport.expectedNumber',
	boolean: 'jsonImport.expectedBoolean',
	array: 'jsonImport.expectedList',
	object: 'jsonImport.expectedObject'
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let node = input;
	for (const seg of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<PropertyKey, unknown>)[seg];
	}
	return node;
}

/** Turns zod issues into keyed problems, each with the JSON path of the offending value. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
	const out: Problem[] = [];
	const seen = new Set<string>();
	const add = (key: string, path: readonly PropertyKey[], extra: ProblemParams = {}) => {
		const params = { path: formatPath(path), ...extra };
		const id = `${key} ${params.path}`;
		if (seen.has(id)) return;
		seen.add(id);
		out.push({ key, params });
	};
	for (const issue of issues) {
		if (issue.message.startsWith('jsonImport.')) add(issue.message, issue.path);
		else if (issue.code === 'unrecognized_keys')
			for (const key of issue.keys) add('jsonImport.unknownKey', [...issue.path, key]);
		else if (issue.code === 'invalid_type')
			add(
				valueAt(input, issue.path) === undefined
					? 'jsonImport.missing'
					: (EXPECTED_KEYS[issue.expected] ?? 'jsonImport.invalid'),
				issue.path
			);
		else if (issue.code === 'too_big' && issue.origin === 'string')
			add('jsonImport.textTooLong', issue.path, { max: Number(issue.maximum) });
		else if (issue.code === 'too_big' && issue.origin === 'array')
			add('jsonImport.tooMany', issue.path, { max: Number(issue.maximum) });
		else add('jsonImport.invalid', issue.path);
	}
	return out;
}

/** Parses JSON text and validates it; never throws. */
export function importJson<T>(json: string, parse: (data: unknown) => ImportResult<T>): ImportResult<T> {
	if (json.length > IMPORT_MAX_CHARS) {
		return { ok: false, errors: [{ key: 'jsonImport.tooLarge', params: { max: IMPORT_MAX_CHARS } }] };
	}
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		return { ok: false, errors: [{ key: 'jsonImport.invalidJson', params: {} }] };
	}
	return parse(data);
}

// ---------------------------------------------------------------------------------------------
// JSON schema. It checks shape only (types, known keys, formats, sizes) so a draft that does not yet
// add up can still be imported and fixed in the editor; checkFramework decides whether it is usable.

const text = (max: number) => z.string().normalize('NFC').trim().max(max);
const points = z.number();
const code = z.string().trim().regex(CODE_PATTERN, 'jsonImport.codeFormat');
const node = {
	code,
	title: text(TEXT_MAX.title),
	titleEn: text(TEXT_MAX.title).optional(),
	maxPoints: points
};

export const subCriterionSchema = z.strictObject({ ...node, surveyScored: z.boolean() });
export const criterionSchema = z.strictObject({
	...node,
	subCriteria: z.array(subCriterionSchema).max(LIST_MAX.subCriteria)
});
export const fieldSchema = z.strictObject({
	...node,
	criteria: z.array(criterionSchema).max(LIST_MAX.criteria)
});
export const frameworkSchema = z.strictObject({
	name: text(TEXT_MAX.name),
	basis: text(TEXT_MAX.basis),
	note: text(TEXT_MAX.note),
	surveyPoints: points,
	fields: z.array(fieldSchema).max(LIST_MAX.fields)
});

// Builds every object with a fixed key order, so an export is byte-stable and diffs stay readable.
function orderedNode<T extends FrameworkNode>(n: T) {
	return {
		code: nfc(n.code),
		title: nfc(n.title),
		...(n.titleEn ? { titleEn: nfc(n.titleEn) } : {}),
		maxPoints: n.maxPoints
	};
}

function orderedFramework(f: Framework): Framework {
	return {
		name: nfc(f.name),
		basis: nfc(f.basis),
		note: nfc(f.note),
		surveyPoints: f.surveyPoints,
		fields: f.fields.map((field) => ({
			...orderedNode(field),
			criteria: field.criteria.map((criterion) => ({
				...orderedNode(criterion),
				subCriteria: criterion.subCriteria.map((sub) => ({
					...orderedNode(sub),
					surveyScored: sub.surveyScored
				}))
			}))
		}))
	};
}

export function parseFramework(data: unknown): ImportResult<Framework> {
	const result = frameworkSchema.safeParse(data);
	if (!result.success) return { ok: false, errors: issuesToProblems(result.error.issues, data) };
	return { ok: true, value: orderedFramework(result.data) };
}

export function importFramework(json: string): ImportResult<Framework> {
	return importJson(json, parseFramework);
}

export function exportFramework(f: Framework): string {
	return `${JSON.stringify(orderedFramework(f), null, '\t')}\n`;
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Consistency check: a campaign can open only with a framework that has no problems.

const round9 = (n: number) => Number(n.toFixed(9));

export function checkFramework(f: Framework): Problem[] {
	const problems: Problem[] = [];
	const add = (key: string, params: ProblemParams = {}) => problems.push({ key, params });
	const seen = new Set<string>();

	if (!f.name.trim()) add('framework.problem.nameEmpty', { path: '$.name' });
	if (!Number.isFinite(f.surveyPoints) || f.surveyPoints < 0 || !hasAtMostTwoDecimals(f.surveyPoints))
		add('framework.problem.surveyPointsInvalid', { path: '$.surveyPoints', points: String(f.surveyPoints) });
	if (f.fields.length === 0) add('framework.problem.noFields', { path: '$.fields' });

	const checkNode = (n: FrameworkNode, parent: string | null, path: string, children?: FrameworkNode[]) => {
		const at = { code: n.code, path };
		if (!CODE_PATTERN.test(n.code)) add('framework.problem.codeFormat', at);
		else if (parent === null && n.code.includes('.')) add('framework.problem.codeNotTopLevel', at);
		else if (parent !== null && !isChildCode(n.code, parent))
			add('framework.problem.codeNotUnderParent', { ...at, parent });
		if (seen.has(n.code)) add('framework.problem.codeDuplicate', at);
		seen.add(n.code);
		if (!n.title.trim()) add('framework.problem.titleEmpty', at);
		if (!Number.isFinite(n.maxPoints)) add('framework.problem.pointsInvalid', at);
		else if (n.maxPoints < 0) add('framework.problem.pointsNegative', { ...at, points: n.maxPoints });
		else if (!hasAtMostTwoDecimals(n.maxPoints))
			add('framework.problem.pointsTooPrecise', { ...at, points: n.maxPoints });
		if (children && children.length > 0) {
			const sum = cleanSum(children.map((c) => c.maxPoints));
			if (Number.isFinite(n.maxPoints) && Math.abs(sum - n.maxPoints) > POINTS_TOLERANCE)
				add('framework.problem.sumMismatch', { ...at, points: n.maxPoints, sum: round9(sum) });
		}
	};

	f.fields.forEach((field, i) => {
		const fieldPath = `$.fields[${i}]`;
		checkNode(field, null, fieldPath, field.criteria);
		field.criteria.forEach((criterion, j) => {
			const criterionPath = `${fieldPath}.criteria[${j}]`;
			checkNode(criterion, field.code, criterionPath, criterion.subCriteria);
			criterion.subCriteria.forEach((sub, k) => checkNode(sub, criterion.code, `${criterionPath}.subCriteria[${k}]`));
		});
	});

	const surveySubs = listSurveySubCriteria(f);
	if (f.fields.length > 0 && surveySubs.length === 0) add('framework.problem.noSurveySubCriteria', {});
	const total = surveyPointsTotal(f);
	if (Number.isFinite(f.surveyPoints) && Math.abs(total - f.surveyPoints) > POINTS_TOLERANCE)
		add('framework.problem.surveyTotalMismatch', { surveyPoints: f.surveyPoints, sum: round9(total) });
	return problems;
}

function isChildCode(child: string, parent: string): boolean {
	return child.startsWith(`${parent}.`) && !child.slice(parent.length + 1).includes('.');
}

// ---------------------------------------------------------------------------------------------
// Pure editing helpers for the points editor

/**
 * Sets one node's max points and recomputes the ancestors as the sums of their children, so the
 * tree stays consistent; whether the survey total still matches is for checkFramework to say.
 */
export function setMaxPoints(f: Framework, code: string, points: number): Framework {
	if (!Number.isFinite(points)) throw new EditError('framework.edit.pointsInvalid');
	if (!findNode(f, code)) throw new EditError('framework.edit.codeUnknown', { code });
	const withSum = <T extends FrameworkNode>(parent: T, children: FrameworkNode[]): T =>
		children.length ? { ...parent, maxPoints: cleanSum(children.map((c) => c.maxPoints)) } : parent;
	return {
		...f,
		fields: f.fields.map((field) => {
			if (field.code === code) return { ...field, maxPoints: points };
			let touched = false;
			const criteria = field.criteria.map((criterion) => {
				if (criterion.code === code) {
					touched = true;
					return { ...criterion, maxPoints: points };
				}
				if (!criterion.subCriteria.some((s) => s.code === code)) return criterion;
				touched = true;
				const subCriteria = criterion.subCriteria.map((s) => (s.code === code ? { ...s, maxPoints: points } : s));
				return withSum({ ...criterion, subCriteria }, subCriteria);
			});
			return touched ? withSum({ ...field, criteria }, criteria) : field;
		})
	};
}

export function setSurveyPoints(f: Framework, points: number): Framework {
	if (!Number.isFinite(points)) throw new EditError('framework.edit.pointsInvalid');
	return { ...f, surveyPoints: points };
}

export function setSurveyScored(f: Framework, code: string, surveyScored: boolean): Framework {
	const node = findNode(f, code);
	if (!node || !('surveyScored' in node)) throw new EditError('framework.edit.codeUnknown', { code });
	return {
		...f,
		fields: f.fields.map((field) => ({
			...field,
			criteria: field.criteria.map((criterion) => ({
				...criterion,
				subCriteria: criterion.subCriteria.map((s) => (s.code === code ? { ...s, surveyScored } : s))
			}))
		}))
	};
}

// ---------------------------------------------------------------------------------------------
// The default: the 8 provincial fields of 876/QĐ-BNV with the survey part only (32 points), built
// from shared/data/questionnaire-reference.md. Parents are computed as sums so the tree adds up.

const sub = (code: string, title: string, titleEn: string, maxPoints: number): SubCriterion => ({
	code,
	title,
	titleEn,
	maxPoints,
	surveyScored: true
});
const criterion = (code: string, title: string, titleEn: string, subCriteria: SubCriterion[]): Criterion => ({
	code,
	title,
	titleEn,
	maxPoints: cleanSum(subCriteria.map((s) => s.maxPoints)),
	subCriteria
});
const field = (code: string, title: string, titleEn: string, criteria: Criterion[]): Field => ({
	code,
	title,
	titleEn,
	maxPoints: cleanSum(criteria.map((c) => c.maxPoints)),
	criteria
});

export const DEFAULT_FRAMEWORK: Framework = deepFreeze({
	name: 'Bộ tiêu chí Chỉ số cải cách hành chính cấp tỉnh – phần điều tra xã hội học (mặc định)',
	basis: 'Quyết định 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ',
	note:
		'Bộ tiêu chí này mô phỏng cấu trúc 8 lĩnh vực cấp tỉnh của Quyết định 876/QĐ-BNV và chỉ gồm phần ' +
		'điểm điều tra xã hội học (32 điểm). Các tiêu chí, tiêu chí thành phần và số điểm tối đa là giá trị ' +
		'minh họa, có thể chỉnh sửa, vì bảng tiêu chí chính thức chưa được công bố ở dạng dữ liệu máy đọc ' +
		'được. Trước khi mở đợt khảo sát, cần đối chiếu và điều chỉnh theo văn bản hướng dẫn hiện hành.',
	surveyPoints: DEFAULT_SURVEY_POINTS,
	fields: [
		field('1', 'Công tác chỉ đạo, điều hành CCHC', 'Direction and management of PAR', [
			criterion(
				'1.1',
				'Vai trò của người đứng đầu trong chỉ đạo cải cách hành chính',
				'Role of the head of the agency in directing PAR',
				[
					sub(
						'1.1.1',
						'Sự quyết liệt, năng động của người đứng đầu trong chỉ đạo cải cách hành chính',
						'Determination and dynamism of the head in directing PAR',
						1.5
					)
				]
			),
			criterion(
				'1.2',
				'Công tác thông tin, tuyên truyền về cải cách hành chính',
				'Information and communication about PAR',
				[
					sub(
						'1.2.1',
						'Hiệu quả tuyên truyền giúp cán bộ, công chức và người dân hiểu rõ mục tiêu, kết quả cải cách hành chính',
						'Communication helps officials and citizens understand the goals and results of PAR',
						1.5
					)
				]
			)
		]),
		field('2', 'Cải cách thể chế', 'Institutional reform', [
			criterion(
				'2.1',
				'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật',
				'Drafting and implementing legal documents',
				[
					sub(
						'2.1.1',
						'Văn bản quy phạm pháp luật do tỉnh ban hành phù hợp thực tiễn, khả thi, dễ thực hiện',
						'Provincial legal documents are practical, feasible and easy to apply',
						1.5
					)
				]
			),
			criterion(
				'2.2',
				'Kiểm tra, rà soát, xử lý văn bản quy phạm pháp luật',
				'Review and handling of legal documents',
				[
					sub(
						'2.2.1',
						'Phát hiện và xử lý kịp thời văn bản trái pháp luật, chồng chéo',
						'Unlawful or overlapping documents are found and handled promptly',
						1.5
					)
				]
			)
		]),
		field('3', 'Cải cách thủ tục hành chính', 'Administrative procedure reform', [
			criterion(
				'3.1',
				'Công khai, minh bạch thủ tục hành chính',
				'Publicity and transparency of administrative procedures',
				[
					sub(
						'3.1.1',
						'Thủ tục hành chính được công khai đầy đủ, rõ ràng, dễ tra cứu',
						'Procedures are published completely, clearly and are easy to look up',
						1.5
					)
				]
			),
			criterion(
				'3.2',
				'Giải quyết thủ tục hành chính và xử lý phản ánh, kiến nghị',
				'Handling procedures, feedback and petitions',
				[
					sub(
						'3.2.1',
						'Tình trạng yêu cầu người dân, doanh nghiệp bổ sung hồ sơ, giấy tờ ngoài quy định',
						'Requests for documents beyond what the rules require',
						1.5
					),
					sub(
						'3.2.2',
						'Phản ánh, kiến nghị về thủ tục hành chính được tiếp nhận và trả lời đúng hạn',
						'Feedback on procedures is received and answered on time',
						1
					)
				]
			)
		]),
		field('4', 'Cải cách tổ chức bộ máy hành chính nhà nước', 'Reform of the state administrative apparatus', [
			criterion('4.1', 'Sắp xếp tổ chức bộ máy các cơ quan hành chính', 'Organisation of administrative agencies', [
				sub(
					'4.1.1',
					'Chức năng, nhiệm vụ của các cơ quan rõ ràng, không chồng chéo',
					'Agencies have clear, non-overlapping functions and tasks',
					1.5
				)
			]),
			criterion('4.2', 'Phân cấp, phân quyền', 'Decentralisation and delegation', [
				sub(
					'4.2.1',
					'Phân cấp, phân quyền giữa tỉnh và cấp xã hợp lý, hiệu quả',
					'Decentralisation between the province and communes is sound and effective',
					1.5
				)
			])
		]),
		field('5', 'Cải cách chế độ công vụ', 'Civil-service reform', [
			criterion(
				'5.1',
				'Tuyển dụng, bổ nhiệm cán bộ, công chức, viên chức',
				'Recruitment and appointment of officials',
				[
					sub(
						'5.1.1',
						'Tuyển dụng công chức, viên chức công khai, minh bạch, đúng quy định',
						'Recruitment is public, transparent and lawful',
						1
					),
					sub(
						'5.1.2',
						'Bổ nhiệm, giới thiệu cán bộ ứng cử đúng quy trình và tiêu chuẩn chức danh',
						'Appointments and nominations follow the procedure and position standards',
						1
					)
				]
			),
			criterion('5.2', 'Chất lượng đội ngũ cán bộ, công chức, viên chức', 'Quality of the civil service', [
				sub(
					'5.2.1',
					'Trình độ chuyên môn của cán bộ, công chức, viên chức đáp ứng yêu cầu nhiệm vụ',
					'Professional competence meets the requirements of the job',
					1
				),
				sub(
					'5.2.2',
					'Tinh thần trách nhiệm và thái độ phục vụ người dân, doanh nghiệp của cán bộ, công chức',
					'Sense of responsibility and service attitude towards citizens and businesses',
					1
				)
			]),
			criterion(
				'5.3',
				'Kỷ luật, kỷ cương hành chính và đạo đức công vụ',
				'Administrative discipline and public-service ethics',
				[
					sub(
						'5.3.1',
						'Chấp hành kỷ luật, kỷ cương hành chính và đạo đức công vụ',
						'Observance of administrative discipline and public-service ethics',
						1
					),
					sub(
						'5.3.2',
						'Tình trạng chậm trễ, nhũng nhiễu, tiêu cực khi giải quyết công việc của người dân, doanh nghiệp',
						'Delays, harassment and misconduct when handling the affairs of citizens and businesses',
						1
					)
				]
			),
			criterion(
				'5.4',
				'Đánh giá, đào tạo, bồi dưỡng cán bộ, công chức, viên chức',
				'Evaluation and training of officials',
				[
					sub(
						'5.4.1',
						'Đánh giá, xếp loại cán bộ, công chức, viên chức thực chất, khách quan',
						'Evaluation and grading of officials are genuine and objective',
						1
					),
					sub(
						'5.4.2',
						'Đào tạo, bồi dưỡng gắn với quy hoạch, tiêu chuẩn chức danh và nâng cao năng lực thực thi công vụ',
						'Training is linked to succession planning and position standards and improves performance',
						1
					)
				]
			)
		]),
		field('6', 'Cải cách tài chính công', 'Public finance reform', [
			criterion('6.1', 'Quản lý, sử dụng tài chính, tài sản công', 'Management and use of public funds and assets', [
				sub(
					'6.1.1',
					'Kinh phí và tài sản công được quản lý, sử dụng tiết kiệm, hiệu quả, công khai',
					'Public funds and assets are used economically, effectively and openly',
					1.5
				)
			]),
			criterion('6.2', 'Cơ chế tự chủ của đơn vị sự nghiệp công lập', 'Autonomy of public service providers', [
				sub(
					'6.2.1',
					'Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập nâng cao chất lượng dịch vụ',
					'Financial autonomy of public service providers improves service quality',
					1.5
				)
			])
		]),
		field(
			'7',
			'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
			'Building and developing e-government and digital government',
			[
				criterion(
					'7.1',
					'Ứng dụng công nghệ thông tin trong hoạt động của cơ quan hành chính',
					'Use of IT within administrative agencies',
					[
						sub(
							'7.1.1',
							'Hệ thống quản lý văn bản và điều hành điện tử giúp xử lý công việc nhanh hơn',
							'The electronic document and management system speeds up work',
							2
						)
					]
				),
				criterion('7.2', 'Cung cấp dịch vụ công trực tuyến', 'Online public services', [
					sub(
						'7.2.1',
						'Chất lượng dịch vụ công trực tuyến (dễ sử dụng, ổn định, giải quyết đúng hạn)',
						'Quality of online public services (easy to use, stable, handled on time)',
						2
					)
				])
			]
		),
		field(
			'8',
			'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội',
			'Impact of PAR on people, organisations and socio-economic development',
			[
				criterion(
					'8.1',
					'Tác động đến chất lượng phục vụ người dân, tổ chức',
					'Impact on the quality of service to people and organisations',
					[
						sub(
							'8.1.1',
							'Mức độ cải cách hành chính nâng cao chất lượng phục vụ người dân, doanh nghiệp',
							'How far PAR has improved service to citizens and businesses',
							2
						)
					]
				),
				criterion('8.2', 'Tác động đến phát triển kinh tế - xã hội', 'Impact on socio-economic development', [
					sub(
						'8.2.1',
						'Mức độ cải cách hành chính góp phần cải thiện môi trường đầu tư, phát triển kinh tế - xã hội của tỉnh',
						'How far PAR has improved the investment climate and socio-economic development of the province',
						2
					)
				])
			]
		)
	]
});
