// The published results as a file: `?format=xlsx` (every table) or `?format=csv&table=<key>` (one
// table; `&dialect=excel-vi` for ";" and decimal commas), for the same `?unit=` and `?group=` as the page. Figures come only from resultsContext,
// the disclosure gate; each download is audited before the file leaves (exportResults).
import { DEFAULT_CSV_TABLE, isResultTableKey } from '$lib/domain/results-table';
import { translator, type MessageKey } from '$lib/i18n';
import { isCsvDialect } from '$lib/server/results/csv';
import { exportResults } from '$lib/server/results/download';
import { nowSeconds } from '$lib/server/time';
import { resultsContext } from '../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await resultsContext(event);
	const params = event.url.searchParams;
	const format = (params.get('format') ?? '').trim() || 'xlsx';
	const rawTable = (params.get('table') ?? '').trim();
	const dialect = (params.get('dialect') ?? '').trim() || 'standard';
	const refuse = (key: MessageKey) =>
		new Response(translator(event.locals.locale)(key), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	if (format !== 'xlsx' && format !== 'csv') return refuse('resultsExport.error.format');
	if (rawTable !== '' && !isResultTableKey(rawTable)) return refuse('resultsExport.error.table');
	if (!isCsvDialect(dialect)) return refuse('resultsExport.error.dialect');
	const table = format === 'csv' ? (isResultTableKey(rawTable) ? rawTable : DEFAULT_CSV_TABLE) : null;

	const file = await exportResults(ctx, format, table, nowSeconds(), dialect);
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': file.contentDisposition,
			'cache-control': 'no-store'
		}
	});
};
