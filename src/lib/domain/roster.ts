// Roster import rules: which header means which column, how cells are normalised, and what makes
// a row unusable (errors) or suspicious (warnings). Pure and streaming: rows are pushed one at a
// time from any reader; only the maps needed for duplicate and shared-contact checks are kept.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { RosterMessageKey } from '$lib/i18n/roster';
// The table helpers moved to ./table-import; re-exported for the modules that import them from here.
export {
	cleanText,
	hasUnsafeCharacters,
	headerKey,
	mapColumns,
	readCells,
	IssueList,
	compareVietnameseNames
} from './table-import';
export type { TableRow, ImportIssue, ColumnSpec, ColumnMap } from './table-import';
import {
	cleanText,
	mapColumns,
	readCells,
	IssueList,
	compareVietnameseNames,
	type TableRow,
	type ImportIssue,
	type ColumnSpec,
	type ColumnMap
} from './table-import';

// ---- The roster ----

export type RosterField = 'fullName' | 'personalCode' | 'unitCode' | 'group' | 'position' | 'email' | 'phone';

export const ROSTER_COLUMNS: Record<RosterField, ColumnSpec> = {
	fullName: { aliases: ['Họ và tên', 'Họ tên', 'full_name', 'name'], required: true, maxLength: 200 },
	personalCode: { aliases: ['Mã cá nhân', 'Mã định danh', 'personal_code', 'code'], required: true, maxLength: 64 },
	unitCode: { aliases: ['Mã đơn vị', 'unit_code', 'unit'], required: true, maxLength: 32 },
	group: { aliases: ['Nhóm', 'Nhóm đối tượng', 'group', 'group_code'], required: true, maxLength: 200 },
	position: { aliases: ['Chức vụ', 'position', 'title'], required: false, maxLength: 200 },
	email: { aliases: ['Email', 'E-mail', 'Thư điện tử', 'email'], required: false, maxLength: 254 },
	phone: { aliases: ['Số điện thoại', 'Điện thoại', 'SĐT', 'phone', 'mobile'], required: false, maxLength: 40 }
};

/** The downloadable template: its headers are the first alias of each column. */
export const ROSTER_TEMPLATE = {
	fields: ['fullName', 'personalCode', 'unitCode', 'group', 'position', 'email', 'phone'] as RosterField[],
	example: [
		'Nguyễn Văn An',
		'VD-0001',
		'21025',
		'Cán bộ, công chức',
		'Chuyên viên',
		'nguyenvanan@example.gov.vn',
		'0912 345 678'
	]
};
export const ROSTER_TEMPLATE_HEADERS = ROSTER_TEMPLATE.fields.map((f) => ROSTER_COLUMNS[f].aliases[0]);

export interface RosterGroup {
	id: number;
	code: string;
	name: string;
}

export interface RosterContext {
	/** Codes of the units people may belong to: units are matched by code, never by name. */
	unitCodes: ReadonlySet<string>;
	/** The campaign's respondent groups, matched by code or by exact name, case-insensitively. */
	groups: readonly RosterGroup[];
	/** How many errors and warnings to keep in full (all are counted). */
	maxIssues?: number;
}

export interface RosterPerson {
	line: number;
	fullName: string;
	personalCode: string;
	unitCode: string;
	groupId: number;
	groupCode: string;
	position: string | null;
	email: string | null;
	/** E.164, e.g. +84912345678. */
	phone: string | null;
}

export interface RosterReport {
	people: RosterPerson[];
	errors: ImportIssue[];
	warnings: ImportIssue[];
	counts: { rows: number; valid: number; invalid: number; errors: number; warnings: number };
	/** Which header text was used for each field. */
	columns: Partial<Record<RosterField, string>>;
}

export interface RosterValidatorOptions {
	/** Each person read without errors, in file order; given this, the report's `people` stays empty. */
	onPerson?: (person: RosterPerson) => void;
}

export interface RosterValidator {
	/** The first row pushed is the header. */
	push(row: TableRow): void;
	finish(): RosterReport;
}

const emailSchema = z.email();

/** Lower-cased and checked; null when it is not an e-mail address. */
export function normaliseEmail(raw: string): string | null {
	const value = raw.replace(/^mailto:/i, '').toLowerCase();
	return emailSchema.safeParse(value).success ? value : null;
}

/** E.164 with Vietnam as the default country; null when it is not a valid number. */
export function normalisePhone(raw: string): { e164: string; fixedLine: boolean } | null {
	if (!/^[+\d\s.()-]{6,30}$/.test(raw)) return null;
	const parsed = parsePhoneNumberFromString(raw, 'VN');
	if (!parsed || !parsed.isValid()) return null;
	return { e164: parsed.number, fixedLine: parsed.getType() === 'FIXED_LINE' };
}

// Names listed in one shared-contact warning; the count says how many there are in all.
const NAMES_SHOWN = 10;

type Seen = { line: number; name: string };
/** The line a contact or name was first seen on; the lines, once it is seen again. */
type Lines = number | number[];

/**
 * The e-mails and phones shared by several rows, in the order their first rows come (an e-mail before a phone
 * of the same row): the order one map of both would give.
 */
function* sharedContacts(
	emails: Map<string, Lines>,
	phones: Map<string, Lines>
): Generator<['email' | 'phone', string, number[]]> {
	const shared = (map: Map<string, Lines>) => {
		const found: [string, number[]][] = [];
		map.forEach((seen, contact) => Array.isArray(seen) && found.push([contact, seen]));
		return found;
	};
	const e = shared(emails);
	const p = shared(phones);
	for (let i = 0, j = 0; i < e.length || j < p.length;) {
		if (j >= p.length || (i < e.length && e[i][1][0] <= p[j][1][0])) yield ['email', ...e[i++]];
		else yield ['phone', ...p[j++]];
	}
}

export function createRosterValidator(context: RosterContext, options: RosterValidatorOptions = {}): RosterValidator {
	const errors = new IssueList(context.maxIssues ?? 1000);
	const warnings = new IssueList(context.maxIssues ?? 1000);
	const people: RosterPerson[] = [];
	const keep = options.onPerson ?? ((person: RosterPerson) => people.push(person));
	let valid = 0;
	const firstLineOfCode = new Map<string, number>();
	// Keyed by the values the people keep anyway and holding line numbers, so a 100,000-row roster adds
	// no strings or objects of its own; the name for a line is looked up only for a shared contact.
	const emails = new Map<string, Lines>();
	const phones = new Map<string, Lines>();
	const whoOnLine: string[] = [];
	const sameName = new Map<string, number | number[]>();
	const sameNameText = new Map<string, string>();
	const groupByCode = new Map<string, RosterGroup>();
	const groupByName = new Map<string, RosterGroup>();
	for (const g of context.groups) {
		groupByCode.set(g.code.normalize('NFC').toLowerCase(), g);
		groupByName.set(cleanText(g.name).toLowerCase(), g);
	}
	let unitsWithoutZeros: Map<string, string[]> | null = null;
	let columns: ColumnMap<RosterField> | null = null;
	let fileBroken = false;
	let rows = 0;

	function suggestUnit(code: string): string | null {
		if (!/^\d+$/.test(code)) return null;
		if (!unitsWithoutZeros) {
			unitsWithoutZeros = new Map();
			for (const known of context.unitCodes) {
				if (!/^0\d*$/.test(known)) continue;
				const key = known.replace(/^0+/, '');
				unitsWithoutZeros.set(key, [...(unitsWithoutZeros.get(key) ?? []), known]);
			}
		}
		const candidates = unitsWithoutZeros.get(code.replace(/^0+/, ''));
		return candidates && candidates.length === 1 ? candidates[0] : null;
	}

	function remember<V>(map: Map<string, V | V[]>, key: string, value: V) {
		const seen = map.get(key);
		if (seen === undefined) map.set(key, value);
		else if (Array.isArray(seen)) seen.push(value);
		else map.set(key, [seen, value]);
	}

	function header(row: TableRow) {
		columns = mapColumns(row.cells, ROSTER_COLUMNS);
		for (const issue of columns.issues) (issue.key.startsWith('roster.warning.') ? warnings : errors).add(issue);
		fileBroken = columns.issues.some((i) => i.key.startsWith('roster.file.'));
	}

	function check(row: TableRow, map: ColumnMap<RosterField>) {
		const line = row.line;
		const rowErrors: ImportIssue[] = [];
		const fail = (key: RosterMessageKey, params: Record<string, string | number> = {}, lines = [line]) =>
			rowErrors.push({ key, params: { line, ...params }, lines });
		const v = readCells(row, map, ROSTER_COLUMNS, rowErrors);
		const fullName = v.fullName;
		const personalCode = v.personalCode;
		const unitCode = v.unitCode;
		const groupText = v.group;
		const emailText = v.email;
		const phoneText = v.phone;
		// A cell already reported (formula, too long…) is not also called missing.
		const given = (field: RosterField) => v[field] !== '' || v.reported.includes(field);

		if (!given('fullName')) fail('roster.error.nameMissing');
		if (!given('personalCode')) fail('roster.error.codeMissing');
		if (fullName === ROSTER_TEMPLATE.example[0] && personalCode === ROSTER_TEMPLATE.example[1])
			fail('roster.error.exampleRow');

		if (!given('unitCode')) fail('roster.error.unitMissing');
		else if (unitCode && !context.unitCodes.has(unitCode)) {
			const suggestion = suggestUnit(unitCode);
			if (suggestion) fail('roster.error.unitLeadingZeros', { value: unitCode, suggestion });
			else fail('roster.error.unitUnknown', { value: unitCode });
		}

		const group = groupText
			? (groupByCode.get(groupText.toLowerCase()) ?? groupByName.get(groupText.toLowerCase()))
			: undefined;
		if (!given('group')) fail('roster.error.groupMissing');
		else if (groupText && !group)
			fail('roster.error.groupUnknown', { value: groupText, known: context.groups.map((g) => g.code).join(', ') });

		const email = emailText ? normaliseEmail(emailText) : null;
		if (emailText && !email) fail('roster.error.emailInvalid', { value: emailText });
		const phone = phoneText ? normalisePhone(phoneText) : null;
		if (phoneText && !phone) fail('roster.error.phoneInvalid', { value: phoneText });
		if (phone?.fixedLine)
			warnings.add({ key: 'roster.warning.phoneNotMobile', params: { line, value: phoneText }, lines: [line] });
		if (!given('email') && !given('phone')) fail('roster.error.noContact');

		if (personalCode) {
			// Codes differing only in letter case are the same person typed twice. The first row stands;
			// only the repeats are flagged, each naming the row it repeats.
			const upper = personalCode.toUpperCase();
			const codeKey = upper === personalCode ? personalCode : upper;
			const firstLine = firstLineOfCode.get(codeKey);
			if (firstLine === undefined) firstLineOfCode.set(codeKey, line);
			else fail('roster.error.codeDuplicate', { value: personalCode, firstLine });
		}
		const who = fullName || personalCode;
		if (email || phone) whoOnLine[line] = who;
		if (email) remember(emails, email, line);
		if (phone) remember(phones, phone.e164, line);
		if (fullName && unitCode) {
			const key = `${unitCode}\u0000${fullName.toLowerCase()}`;
			if (sameName.has(key) && !sameNameText.has(key)) sameNameText.set(key, fullName);
			remember(sameName, key, line);
		}

		for (const issue of rowErrors) errors.add(issue);
		if (rowErrors.length) return;
		valid++;
		keep({
			line,
			fullName,
			personalCode,
			unitCode,
			groupId: group!.id,
			groupCode: group!.code,
			position: v.position || null,
			email,
			phone: phone?.e164 ?? null
		});
	}

	function sharedContactWarnings() {
		for (const [kind, contact, seenOn] of sharedContacts(emails, phones)) {
			const seen: Seen[] = seenOn.map((line) => ({ line, name: whoOnLine[line] }));
			const sorted = [...seen].sort((a, b) => compareVietnameseNames(a.name, b.name));
			const names =
				sorted
					.slice(0, NAMES_SHOWN)
					.map((s) => s.name)
					.join(', ') + (sorted.length > NAMES_SHOWN ? ', …' : '');
			const lines = seen.map((s) => s.line).sort((a, b) => a - b);
			warnings.add({
				key: kind === 'email' ? 'roster.warning.sharedEmail' : 'roster.warning.sharedPhone',
				params: { contact, count: seen.length, lines: lines.join(', '), names },
				lines,
				people: sorted
			});
		}
		for (const [key, seen] of sameName) {
			if (!Array.isArray(seen)) continue;
			warnings.add({
				key: 'roster.warning.sameName',
				params: {
					name: sameNameText.get(key)!,
					unit: key.split('\u0000')[0],
					count: seen.length,
					lines: seen.join(', ')
				},
				lines: seen
			});
		}
	}

	return {
		push(row) {
			if (row.cells.every((c) => !c.trim())) return;
			if (!columns) return header(row);
			rows++;
			if (fileBroken) return;
			check(row, columns);
		},
		finish() {
			if (!columns) errors.add({ key: 'table.error.empty', params: {}, lines: [] });
			else if (rows === 0 && !fileBroken) errors.add({ key: 'table.error.headerOnly', params: {}, lines: [] });
			if (!fileBroken) sharedContactWarnings();
			return {
				people,
				errors: errors.sorted(),
				warnings: warnings.sorted(),
				counts: {
					rows,
					valid,
					invalid: rows - valid,
					errors: errors.total,
					warnings: warnings.total
				},
				columns: columns?.header ?? {}
			};
		}
	};
}

export function validateRoster(rows: Iterable<TableRow>, context: RosterContext): RosterReport {
	const validator = createRosterValidator(context);
	for (const row of rows) validator.push(row);
	return validator.finish();
}

export async function validateRosterStream(
	rows: AsyncIterable<TableRow>,
	context: RosterContext,
	options: RosterValidatorOptions = {}
): Promise<RosterReport> {
	const validator = createRosterValidator(context, options);
	for await (const row of rows) validator.push(row);
	return validator.finish();
}
