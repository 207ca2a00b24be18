// The non-respondents of a unit (and its subtree) as an XLSX file for the unit secretary: a list of
// named people leaves the system, so the audit log says who took it, of which unit.
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { fileNamePart, neutraliseCell } from '$lib/domain/monitoring';
import { displayPhone } from '$lib/domain/roster-template';
import { vietnamDateOnly } from '$lib/domain/vietnam-time';
import { monitoringMessages } from '$lib/i18n/monitoring';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import type { MonitorScope } from './monitoring';
import { nonRespondentBatches, type NonRespondent } from './non-respondents';

/** The file of the scope's non-respondents and its name, after logging who took it. */
export async function exportNonRespondents(
	db: Db,
	campaign: { id: number; slug: string },
	scope: MonitorScope,
	staff: Staff,
	meta: RequestMeta
): Promise<{ body: Buffer; fileName: string }> {
	// The organisers chase people by e-mail or phone: contacts are participation data, never anything ballot-side.
	const body = await writeNonRespondentsXlsx(nonRespondentBatches(db, campaign.id, scope, { contacts: true }));
	const unit = scope.units.find((u) => u.id === scope.currentId)?.code ?? 'tat-ca';
	await appendAuditEvent(db, {
		actor: staffActor(staff),
		action: 'monitor.exported',
		subject: { type: 'campaign', id: campaign.id },
		meta,
		payload: { unit }
	});
	return { body, fileName: `chua-gui-phieu-${fileNamePart(campaign.slug)}-${fileNamePart(unit)}.xlsx` };
}

export const EXPORT_COLUMNS = [
	'index',
	'fullName',
	'unitName',
	'unitCode',
	'position',
	'group',
	'email',
	'phone',
	'state',
	'lastReminder'
] as const;

/**
 * The non-respondents as an XLSX workbook in Vietnamese: text as plain (shared-string) cells, never
 * formulas, neutralised when a spreadsheet could take it for one; the last reminder as a real date.
 */
export async function writeNonRespondentsXlsx(
	people: NonRespondent[] | AsyncIterable<NonRespondent[]>
): Promise<Buffer> {
	const t = monitoringMessages.vi;
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<void>((resolve, reject) => {
		out.on('end', resolve);
		out.on('error', reject);
	});
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
	workbook.creator = 'PAR Survey';
	const sheet = workbook.addWorksheet(t['monitor.export.sheet'], { views: [{ state: 'frozen', ySplit: 1 }] });
	const WIDTH: Record<(typeof EXPORT_COLUMNS)[number], number> = {
		index: 6,
		fullName: 30,
		unitName: 30,
		unitCode: 12,
		position: 28,
		group: 10,
		email: 30,
		phone: 16,
		state: 22,
		lastReminder: 16
	};
	sheet.columns = EXPORT_COLUMNS.map((key) => ({
		key,
		width: WIDTH[key],
		style: key === 'lastReminder' ? { numFmt: 'dd/mm/yyyy' } : key === 'index' ? {} : { numFmt: '@' }
	}));
	const header = sheet.addRow(EXPORT_COLUMNS.map((key) => t[`monitor.export.col.${key}`]));
	header.font = { bold: true };
	header.commit();
	let index = 0;
	const batches: AsyncIterable<NonRespondent[]> | NonRespondent[][] = Array.isArray(people) ? [people] : people;
	for await (const batch of batches) {
		for (const p of batch) {
			sheet
				.addRow([
					++index,
					neutraliseCell(p.fullName),
					neutraliseCell(p.unitName),
					neutraliseCell(p.unitCode),
					neutraliseCell(p.position ?? ''),
					neutraliseCell(p.groupCode),
					neutraliseCell(p.contacts?.email ?? ''),
					neutraliseCell(displayPhone(p.contacts?.phone ?? null)),
					t[`monitor.state.${p.state}`],
					p.lastReminderAt === null ? null : vietnamDateOnly(p.lastReminderAt)
				])
				.commit();
			// Writing rows is synchronous work: let other requests through now and then.
			if (index % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
		}
	}
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
	await sheet.commit();
	await workbook.commit();
	await done;
	return Buffer.concat(chunks);
}
