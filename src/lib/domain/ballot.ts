// An answer sheet (the ballot side's only content) and its validation against a questionnaire.
// The server trusts nothing the browser sends: every key, option and comment is checked here, and
// the accepted sheet is rebuilt in questionnaire order so identical answers serialise identically.
import type { Message, MessageKey, MessageParams } from './message';
import type { Question, Questionnaire } from './questionnaire';

/**
 * Keys are `<questionId>` in normal sections and `<questionId>:<unitId>` in sections repeated per
 * rated unit; answer values are option ids, comment values are free text.
 */
export type SheetAnswers = { answers: Record<string, string>; comments: Record<string, string> };
export type SheetResult = { ok: true; sheet: SheetAnswers } | { ok: false; errors: Message[] };

export const BALLOT_LIMITS = {
	answers: 5_000,
	comments: 200,
	/** UTF-16 code units, the unit a textarea's maxlength counts. */
	commentChars: 1_000,
	/** Errors reported before the rest are summed up in one `ballot.error.more`. */
	errors: 20
} as const;

/** Untrusted key names echoed in errors are cut to this length. */
const NAME_SHOWN = 60;

export function sheetKey(questionId: string, unitId?: string | number | null): string {
	return unitId === undefined || unitId === null || unitId === '' ? questionId : `${questionId}:${unitId}`;
}

// Plain checks rather than a schema library: this file runs in the respondent's browser too, where
// every kilobyte counts (issue 16).
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A plain record (from JSON or an object literal), as a schema's `record` accepts. */
const isRecord = (v: unknown): v is Record<string, unknown> =>
	isObject(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** `{ answers: record, comments?: record }` and nothing else. */
function isSheetShape(
	input: unknown
): input is { answers: Record<string, unknown>; comments?: Record<string, unknown> } {
	if (!isObject(input)) return false;
	if (Object.keys(input).some((key) => key !== 'answers' && key !== 'comments')) return false;
	return isRecord(input.answers) && (input.comments === undefined || isRecord(input.comments));
}

type Located = { question: Question; number: number; repeated: boolean };

class ErrorList {
	readonly list: Message[] = [];
	private overflow = 0;
	add(key: MessageKey, params?: MessageParams) {
		if (this.list.length < BALLOT_LIMITS.errors) this.list.push(params ? { key, params } : { key });
		else this.overflow++;
	}
	get empty() {
		return this.list.length === 0;
	}
	result(): Message[] {
		return this.overflow ? [...this.list, { key: 'ballot.error.more', params: { count: this.overflow } }] : this.list;
	}
}

const shown = (name: string) => (name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name);

/** Cleans comment text: one newline convention (forms submit CRLF), no control characters, NFC, trimmed. */
export function cleanComment(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
		.normalize('NFC')
		.trim();
}

/**
 * Checks an answer sheet from the browser against the questionnaire and the units this respondent
 * rates. Returns the canonical sheet, or i18n errors (`ballot.error.*`), at most BALLOT_LIMITS.errors
 * of them plus a count of the rest.
 */
export function validateSheet(q: Questionnaire, ratedUnitIds: string[], input: unknown): SheetResult {
	const errors = new ErrorList();
	if (!isSheetShape(input)) return { ok: false, errors: [{ key: 'ballot.error.malformed' }] };
	// The caller's own object: a "__proto__" key (JSON.parse makes it an own key) counts as unknown below.
	const raw = input;
	const answerEntries = Object.entries(raw.answers);
	const commentEntries = raw.comments ? Object.entries(raw.comments) : [];
	if (answerEntries.length > BALLOT_LIMITS.answers)
		return { ok: false, errors: [{ key: 'ballot.error.tooManyAnswers', params: { max: BALLOT_LIMITS.answers } }] };
	if (commentEntries.length > BALLOT_LIMITS.comments)
		return { ok: false, errors: [{ key: 'ballot.error.tooManyComments', params: { max: BALLOT_LIMITS.comments } }] };

	const questions = new Map<string, Located>();
	let number = 0;
	for (const section of q.sections)
		for (const question of section.questions) {
			number++;
			if (!questions.has(question.id))
				questions.set(question.id, { question, number, repeated: section.repeatPerRatedUnit });
		}
	const units = new Set(ratedUnitIds);

	/** The question a key names, or null after reporting why the key is wrong. */
	const locate = (key: string): Located | null => {
		const colon = key.indexOf(':');
		const questionId = colon < 0 ? key : key.slice(0, colon);
		const unitId = colon < 0 ? null : key.slice(colon + 1);
		const found = questions.get(questionId);
		if (!found) {
			errors.add('ballot.error.questionUnknown', { name: shown(key) });
			return null;
		}
		const at = { number: found.number, questionId };
		if (!found.repeated && unitId !== null) errors.add('ballot.error.unitNotExpected', at);
		else if (found.repeated && unitId === null) errors.add('ballot.error.unitMissing', at);
		else if (found.repeated && !units.has(unitId!))
			errors.add('ballot.error.unitUnknown', { ...at, unitId: shown(unitId!) });
		else return found;
		return null;
	};

	const answers = new Map<string, string>();
	// Keys already reported for a bad option: one problem, one message (not also "required").
	const reported = new Set<string>();
	for (const [key, value] of answerEntries) {
		if (typeof value !== 'string') {
			errors.add('ballot.error.notText', { name: shown(key) });
			continue;
		}
		const found = locate(key);
		// A blank value is an unanswered question; `required` below decides whether that is allowed.
		if (!found || value === '') continue;
		if (!found.question.options.some((o) => o.id === value)) {
			errors.add('ballot.error.optionUnknown', { number: found.number, questionId: found.question.id });
			reported.add(key);
		} else answers.set(key, value);
	}

	const comments = new Map<string, string>();
	for (const [key, value] of commentEntries) {
		if (typeof value !== 'string') {
			errors.add('ballot.error.notText', { name: shown(key) });
			continue;
		}
		const found = locate(key);
		if (!found) continue;
		const at = { number: found.number, questionId: found.question.id };
		if (!found.question.allowComment) {
			errors.add('ballot.error.commentNotAllowed', at);
			continue;
		}
		const text = cleanComment(value);
		if (text.length > BALLOT_LIMITS.commentChars)
			errors.add('ballot.error.commentTooLong', { ...at, max: BALLOT_LIMITS.commentChars });
		else if (text) comments.set(key, text);
	}

	// Rebuild in questionnaire order (section, unit, question), checking required answers on the way.
	const sheet: SheetAnswers = { answers: {}, comments: {} };
	number = 0;
	for (const section of q.sections) {
		const first = number;
		const keyUnits: (string | null)[] = section.repeatPerRatedUnit ? [...units] : [null];
		for (const unitId of keyUnits) {
			number = first;
			for (const question of section.questions) {
				number++;
				const key = sheetKey(question.id, unitId);
				const answer = answers.get(key);
				if (answer !== undefined) sheet.answers[key] = answer;
				else if (question.required && !reported.has(key))
					errors.add(
						unitId === null ? 'ballot.error.required' : 'ballot.error.requiredForUnit',
						unitId === null ? { number, questionId: question.id } : { number, questionId: question.id, unitId }
					);
				const comment = comments.get(key);
				if (comment !== undefined) sheet.comments[key] = comment;
			}
		}
		number = first + section.questions.length;
	}
	return errors.empty ? { ok: true, sheet } : { ok: false, errors: errors.result() };
}

// ---------------------------------------------------------------------------------------------
// Tallies: one count per (question, unit, option), updated in the same transaction as the sheet.

/** unitId is '' for a question outside repeated sections. */
export type TallyKey = { questionId: string; unitId: string; optionId: string };

export function tallyKeys(sheet: SheetAnswers): TallyKey[] {
	return Object.entries(sheet.answers).map(([key, optionId]) => {
		const colon = key.indexOf(':');
		return colon < 0
			? { questionId: key, unitId: '', optionId }
			: { questionId: key.slice(0, colon), unitId: key.slice(colon + 1), optionId };
	});
}

/** Net tally changes when a sheet is replaced by a revision; unchanged answers give no entry. */
export function tallyDelta(before: TallyKey[], after: TallyKey[]): { key: TallyKey; delta: number }[] {
	const changes = new Map<string, { key: TallyKey; delta: number }>();
	const count = (keys: TallyKey[], step: number) => {
		for (const key of keys) {
			const id = JSON.stringify([key.questionId, key.unitId, key.optionId]);
			const entry = changes.get(id);
			if (entry) entry.delta += step;
			else
				changes.set(id, {
					key: { questionId: key.questionId, unitId: key.unitId, optionId: key.optionId },
					delta: step
				});
		}
	};
	count(before, -1);
	count(after, 1);
	return [...changes.values()].filter((c) => c.delta !== 0);
}

// ---------------------------------------------------------------------------------------------
// Form fields (`answer:<key>`, `comment:<key>`), for collecting a sheet from a <form> and restoring drafts.

const ANSWER_PREFIX = 'answer:';
const COMMENT_PREFIX = 'comment:';

// A field named "answer:__proto__" must become an own key (rejected later), not change the prototype.
function setOwn(record: Record<string, string>, key: string, value: string) {
	Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

export function sheetToForm(sheet: SheetAnswers): [string, string][] {
	return [
		...Object.entries(sheet.answers).map(([key, value]): [string, string] => [`${ANSWER_PREFIX}${key}`, value]),
		...Object.entries(sheet.comments).map(([key, value]): [string, string] => [`${COMMENT_PREFIX}${key}`, value])
	];
}

/**
 * Collects answers and comments from form entries (FormData works as is). Other fields and non-text
 * values (files) are ignored, as are blanks; when a name repeats, the first value counts, like FormData.get.
 */
export function formToSheet(entries: Iterable<readonly [string, unknown]>): SheetAnswers {
	const sheet: SheetAnswers = { answers: {}, comments: {} };
	for (const [name, value] of entries) {
		if (typeof value !== 'string') continue;
		const [target, key] = name.startsWith(ANSWER_PREFIX)
			? [sheet.answers, name.slice(ANSWER_PREFIX.length)]
			: name.startsWith(COMMENT_PREFIX)
				? [sheet.comments, name.slice(COMMENT_PREFIX.length)]
				: [null, ''];
		if (!target || !key || Object.prototype.hasOwnProperty.call(target, key)) continue;
		if (target === sheet.answers ? value === '' : value.trim() === '') continue;
		setOwn(target, key, value);
	}
	return sheet;
}
