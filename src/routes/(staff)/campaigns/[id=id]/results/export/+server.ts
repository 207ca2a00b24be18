// The published results as a file: `?format=xlsx` (every table) or `?format=csv&table=<key>` (one
// table), for the same `?unit=` and `?group=` as the page. Figures come only from resultsContext,
// the disclosure gate; each download is audited before the file leaves.
import { DEFAULT_CSV_TABLE, buildResultTable, buildResultTables, isResultTableKey } from '$lib/domain/results-table';
import { translator } from '$lib/i18n';
import { appendAuditEvent, staffActor } from '$lib/server/audit';
import { contentDisposition, exportMeta, resultsCsv, resultsFileNames, resultsXlsx } from '$lib/server/results/export';
import { nowSeconds } from '$lib/server/time';
import { resultsContext } from '../context';
import type { RequestHandler } from './$types';

const CONTENT_TYPES = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
} as const;

export const GET: RequestHandler = async (event) => {
	const { db, campaign, user, meta, results, unitCode, groupCode } = await resultsContext(event);
	const params = event.url.searchParams;
	const format = (params.get('format') ?? '').trim() || 'xlsx';
	const rawTable = (params.get('table') ?? '').trim();
	const t = translator(event.locals.locale);
	const refuse = (key: string) =>
		new Response(t(key), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	if (format !== 'xlsx' && format !== 'csv') return refuse('resultsExport.error.format');
	if (rawTable !== '' && !isResultTableKey(rawTable)) return refuse('resultsExport.error.table');
	const table = format === 'csv' ? (isResultTableKey(rawTable) ? rawTable : DEFAULT_CSV_TABLE) : null;

	const info = exportMeta(results, campaign, nowSeconds());
	const body =
		table === null ? await resultsXlsx(buildResultTables(results), info) : resultsCsv(buildResultTable(results, table));
	// Figures leave the system: the log says who took which selection, in which form.
	await appendAuditEvent(db, {
		actor: staffActor(user),
		action: 'results.exported',
		subject: { type: 'campaign', id: campaign.id },
		meta,
		payload: { format, table, unit: unitCode, group: groupCode }
	});
	const names = resultsFileNames(info, format, table);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': contentDisposition(names.ascii, names.full),
			'cache-control': 'no-store'
		}
	});
};
