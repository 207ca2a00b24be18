// What the roster template holds for one campaign: an example row built from the campaign's own unit
// and group codes, and the validation lists that point at the sheet of valid codes. Pure.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ROSTER_TEMPLATE, type RosterField } from './roster';

export interface CodeName {
	code: string;
	name: string;
}

export interface RosterTemplateCodes {
	/** Units the campaign's roster may use, in code order; `leaf` when no unit of the list lies under it. */
	units: readonly (CodeName & { leaf?: boolean })[];
	/** The campaign's respondent groups, in code order. */
	groups: readonly CodeName[];
}

/** Rows of the data sheet that carry the drop-down lists (the header is row 1). */
export const VALIDATED_ROWS = 5000;

/** The example row with a real unit code and group code of the campaign (the generic ones when it has none). */
export function rosterTemplateExample(codes: RosterTemplateCodes): string[] {
	const row = [...ROSTER_TEMPLATE.example];
	const column = (field: RosterField) => ROSTER_TEMPLATE.fields.indexOf(field);
	// People mostly work in units at the bottom of the tree; any real unit beats a code that does not exist.
	const unit = codes.units.find((u) => u.leaf) ?? codes.units[0];
	if (unit) row[column('unitCode')] = unit.code;
	if (codes.groups.length) row[column('group')] = codes.groups[0].code;
	return row;
}

/** Excel's A1 letters of a 1-based column number. */
export function columnLetter(n: number): string {
	let s = '';
	for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
	return s;
}

/** An absolute reference to a list of `count` values under a header in another sheet, e.g. 'Mã hợp lệ'!$A$2:$A$9. */
export function listReference(sheet: string, column: number, count: number): string {
	const letter = columnLetter(column);
	return `'${sheet.replace(/'/g, "''")}'!$${letter}$2:$${letter}$${count + 1}`;
}

/** A stored E.164 number as a Vietnamese office writes it (0912 345 678); other text unchanged. */
export function displayPhone(e164: string | null): string {
	if (!e164) return '';
	const parsed = parsePhoneNumberFromString(e164);
	if (!parsed) return e164;
	return parsed.country === 'VN' ? parsed.formatNational() : parsed.formatInternational();
}
