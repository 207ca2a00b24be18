// The downloadable roster template of one campaign, in XLSX or CSV.
import ExcelJS from 'exceljs';
import { ROSTER_TEMPLATE, ROSTER_TEMPLATE_HEADERS, type RosterField } from '$lib/domain/roster';
import {
	VALIDATED_ROWS,
	columnLetter,
	listReference,
	rosterTemplateExample,
	type CodeName,
	type RosterTemplateCodes
} from '$lib/domain/roster-template';
import { rosterMessages } from '$lib/i18n/roster';

const TEXT_FIELDS = new Set<RosterField>(['personalCode', 'unitCode', 'phone']);
/** exceljs keeps range validations in `worksheet.dataValidations` (one entry per range), missing from its typings. */
export type ValidatedSheet = ExcelJS.Worksheet & {
	dataValidations: {
		add(range: string, rule: ExcelJS.DataValidation): void;
		model: Record<string, ExcelJS.DataValidation>;
	};
};
const NO_CODES: RosterTemplateCodes = { units: [], groups: [] };
const t = rosterMessages.vi;

/**
 * The roster template: Vietnamese headers, one example row with the campaign's real codes, code and
 * phone columns as text; in XLSX also a sheet of the valid unit and group codes, offered as drop-down lists.
 */
export async function writeRosterTemplate(
	format: 'xlsx' | 'csv',
	codes: RosterTemplateCodes = NO_CODES
): Promise<Buffer> {
	const example = rosterTemplateExample(codes);
	if (format === 'csv') {
		const quote = (s: string) => (/[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
		const body = [ROSTER_TEMPLATE_HEADERS, example].map((r) => r.map(quote).join(',')).join('\r\n');
		// The BOM makes Excel open the file as UTF-8 instead of the Windows code page.
		return Buffer.from(`\uFEFF${body}\r\n`, 'utf8');
	}
	const workbook = new ExcelJS.Workbook();
	workbook.creator = t['roster.template.sheet'];
	const sheet = workbook.addWorksheet(t['roster.template.sheet'], { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = ROSTER_TEMPLATE.fields.map((field, i) => ({
		header: ROSTER_TEMPLATE_HEADERS[i],
		key: field,
		width: field === 'fullName' || field === 'email' || field === 'group' ? 30 : 18,
		style: TEXT_FIELDS.has(field) ? { numFmt: '@' } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	const exampleRow = sheet.addRow(example);
	ROSTER_TEMPLATE.fields.forEach((field, i) => {
		if (TEXT_FIELDS.has(field)) exampleRow.getCell(i + 1).numFmt = '@';
	});
	addCodeLists(workbook, sheet, codes);
	const help = workbook.addWorksheet(t['roster.template.helpSheet']);
	help.getColumn(1).width = 120;
	help.addRow([t['roster.template.help.title']]).font = { bold: true };
	const lines = ['rows', ...ROSTER_TEMPLATE.fields, 'personal', 'text'] as const;
	for (const key of lines) help.addRow([t[`roster.template.help.${key}`]]);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The sheet of valid codes (units in A–B, groups in D–E) and the data sheet's lists pointing at it. */
function addCodeLists(workbook: ExcelJS.Workbook, data: ExcelJS.Worksheet, codes: RosterTemplateCodes) {
	const name = t['roster.template.codesSheet'];
	const list = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	const table = (column: number, header: [string, string], rows: readonly CodeName[]) => {
		list.getColumn(column).width = 18;
		list.getColumn(column).numFmt = '@';
		list.getColumn(column + 1).width = 40;
		list.getCell(1, column).value = header[0];
		list.getCell(1, column + 1).value = header[1];
		list.getCell(1, column).font = list.getCell(1, column + 1).font = { bold: true };
		rows.forEach((r, i) => {
			list.getCell(i + 2, column).value = r.code;
			list.getCell(i + 2, column + 1).value = r.name;
		});
	};
	table(1, [t['roster.template.codes.unitCode'], t['roster.template.codes.unitName']], codes.units);
	table(4, [t['roster.template.codes.groupCode'], t['roster.template.codes.groupName']], codes.groups);

	const validate = (field: RosterField, listColumn: number, count: number, error: string) => {
		// An empty list would refuse every value: the importer's own check is enough then.
		if (count === 0) return;
		const letter = columnLetter(ROSTER_TEMPLATE.fields.indexOf(field) + 1);
		(data as ValidatedSheet).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS + 1}`, {
			type: 'list',
			allowBlank: true,
			formulae: [listReference(name, listColumn, count)],
			showErrorMessage: true,
			errorStyle: 'stop',
			errorTitle: t['roster.template.invalid.title'],
			error
		});
	};
	validate('unitCode', 1, codes.units.length, t['roster.template.invalid.unit']);
	validate('group', 4, codes.groups.length, t['roster.template.invalid.group']);
}
