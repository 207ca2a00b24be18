// The downloadable roster template, in XLSX or CSV.
import ExcelJS from 'exceljs';
import { ROSTER_TEMPLATE, ROSTER_TEMPLATE_HEADERS, type RosterField } from '$lib/domain/roster';
import { rosterMessages } from '$lib/i18n/roster';

const TEXT_FIELDS = new Set<RosterField>(['personalCode', 'unitCode', 'phone']);

/** The roster template: Vietnamese headers, one example row, code and phone columns as text. */
export async function writeRosterTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
	const t = rosterMessages.vi;
	if (format === 'csv') {
		const quote = (s: string) => (/[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
		const body = [ROSTER_TEMPLATE_HEADERS, ROSTER_TEMPLATE.example].map((r) => r.map(quote).join(',')).join('\r\n');
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
	const example = sheet.addRow(ROSTER_TEMPLATE.example);
	ROSTER_TEMPLATE.fields.forEach((field, i) => {
		if (TEXT_FIELDS.has(field)) example.getCell(i + 1).numFmt = '@';
	});
	const help = workbook.addWorksheet(t['roster.template.helpSheet']);
	help.getColumn(1).width = 120;
	help.addRow([t['roster.template.help.title']]).font = { bold: true };
	const lines = ['rows', ...ROSTER_TEMPLATE.fields, 'personal', 'text'] as const;
	for (const key of lines) help.addRow([t[`roster.template.help.${key}`]]);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
