// Figures leaving the system, audited: a file of the published results (XLSX or one table as CSV)
// and the printable report. Each is logged before it leaves, so the log says who took which selection.
import type { ExportableResults, ResultTableKey } from '$lib/domain/results-table';
import { appendAuditEvent, staffActor, verifyAuditChain, type RequestMeta } from '../audit';
import type { Staff } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import { resultsCsv, type CsvDialect } from './csv';
import { exportMeta, resultsXlsx } from './export';
import { contentDisposition, resultsFileNames } from './file-names';
import type { ResultsCampaignRow } from './published';
import { buildResultTable, buildResultTables } from './tables';

/** Who asks for which selection of which campaign, from where. */
export interface ResultsRequestContext {
	db: Db;
	user: Staff;
	campaign: ResultsCampaignRow;
	meta: RequestMeta;
	results: ExportableResults;
	unitCode: string | null;
	groupCode: string | null;
}

const CONTENT_TYPES = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
} as const;

export interface ResultsFile {
	body: Buffer;
	contentType: string;
	contentDisposition: string;
}

/** The workbook (table null) or one table as CSV in the dialect asked, logged as 'results.exported'. */
export async function exportResults(
	ctx: ResultsRequestContext,
	format: 'xlsx' | 'csv',
	table: ResultTableKey | null,
	now: number,
	dialect: CsvDialect = 'standard'
): Promise<ResultsFile> {
	const { db, user, campaign, meta, results, unitCode, groupCode } = ctx;
	const info = exportMeta(results, campaign, now);
	const body =
		table === null
			? await resultsXlsx(buildResultTables(results), info)
			: resultsCsv(buildResultTable(results, table), dialect);
	await appendAuditEvent(db, {
		actor: staffActor(user),
		action: 'results.exported',
		subject: { type: 'campaign', id: campaign.id },
		meta,
		// The dialect only when it is not the standard one (earlier entries have none).
		payload: { format, table, unit: unitCode, group: groupCode, ...(dialect === 'standard' ? {} : { dialect }) }
	});
	const names = resultsFileNames(info, format, table);
	return { body, contentType: CONTENT_TYPES[format], contentDisposition: contentDisposition(names.ascii, names.full) };
}

export type ReportChain =
	{ ok: true; count: number; headHash: string } | { ok: false; count: number; brokenSeq: number };

/**
 * Logs the report's opening ('results.printed') before verifying the chain, so the head hash printed
 * is the one that includes this very opening. O(events): the printed claim needs the whole chain read.
 */
export async function printResultsReport(ctx: Omit<ResultsRequestContext, 'results'>): Promise<ReportChain> {
	const { db, user, campaign, meta, unitCode, groupCode } = ctx;
	await appendAuditEvent(db, {
		actor: staffActor(user),
		action: 'results.printed',
		subject: { type: 'campaign', id: campaign.id },
		meta,
		payload: { unit: unitCode, group: groupCode }
	});
	const chain = await verifyAuditChain(db);
	return chain.ok
		? { ok: true, count: chain.count, headHash: chain.headHash }
		: { ok: false, count: chain.count, brokenSeq: chain.brokenSeq };
}
