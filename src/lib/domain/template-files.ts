// Limits and names of the templates' JSON files: shared by the upload form (which refuses an oversized file
// before sending it) and the server (which checks again).

export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
export const UPLOAD_MAX_LABEL = '2 MB';
export const DOCUMENT_NAME_MAX = 200;
/** Enough errors to fix a file; a broken 2 MB file could otherwise produce thousands. */
export const ERRORS_SHOWN = 30;

/** The stored name for an imported document: typed name, else the document's own, else the file's. */
export function chooseDocumentName(typed: string | null, own: string, fileName: string): string {
	const fromFile = fileName
		.replace(/\.json$/i, '')
		.normalize('NFC')
		.trim();
	return (typed ?? (own.trim() || fromFile || 'Tài liệu nhập từ tệp')).slice(0, DOCUMENT_NAME_MAX);
}

/** An ASCII file name: "Bộ tiêu chí mặc định" → "bo-tieu-chi-mac-dinh". */
export function downloadName(name: string, version: number): string {
	const slug = name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/, '');
	return `${slug || 'tai-lieu'}-v${version}.json`;
}
