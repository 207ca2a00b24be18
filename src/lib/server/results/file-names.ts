// What a results download is called: an ASCII name for old clients and the full Vietnamese one.
import { fileNamePart } from '$lib/domain/monitoring';
import type { ResultTableKey } from '$lib/domain/results-table';
import type { ExportMeta } from './export';
import { exportText, tableLabel } from './tables';

/** A readable file name: no path separators, quotes or control characters. */
function readableName(text: string): string {
	return text
		.normalize('NFC')
		.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 150);
}

/** RFC 5987/6266: an ASCII fallback for old clients and the real name, percent-encoded in UTF-8. */
export function contentDisposition(asciiName: string, fullName: string): string {
	const fallback = asciiName.replace(/[^A-Za-z0-9._-]+/g, '-');
	const encoded = encodeURIComponent(fullName.normalize('NFC')).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function resultsFileNames(
	meta: Pick<ExportMeta, 'campaign' | 'unit' | 'group'>,
	extension: 'xlsx' | 'csv',
	table: ResultTableKey | null
): { ascii: string; full: string } {
	const asciiParts = ['ket-qua', meta.campaign.slug, meta.unit?.code, meta.group?.code, table]
		.filter((p): p is string => !!p)
		.map(fileNamePart);
	const fullParts = [
		exportText('resultsExport.fileName', { campaign: meta.campaign.title }),
		meta.unit?.name,
		meta.group?.name,
		table ? tableLabel(table) : null
	].filter((p): p is string => !!p);
	return {
		ascii: `${asciiParts.join('-')}.${extension}`,
		full: `${readableName(fullParts.join(' - ')) || 'ket-qua'}.${extension}`
	};
}
