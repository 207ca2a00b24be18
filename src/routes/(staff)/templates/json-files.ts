// Reading an uploaded JSON file and naming a downloaded one; no database, so it is tested alone.
import type { Problem } from '$lib/domain/framework';

export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
export const UPLOAD_MAX_LABEL = '2 MB';
export const DOCUMENT_NAME_MAX = 200;
/** Enough errors to fix a file; a broken 2 MB file could otherwise produce thousands. */
export const ERRORS_SHOWN = 30;

export type Failure = { ok: false; status: 400 | 413; errors: Problem[] };
const failure = (status: 400 | 413, key: string, params: Problem['params'] = {}): Failure => ({
	ok: false,
	status,
	errors: [{ key, params }]
});

/**
 * Reads a multipart body. adapter-node refuses a body over BODY_SIZE_LIMIT while it is read; that
 * refusal becomes the same Vietnamese "file too large" message as our own 2 MB limit.
 */
export async function readUploadForm(request: Request): Promise<{ ok: true; form: FormData } | Failure> {
	try {
		return { ok: true, form: await request.formData() };
	} catch (e) {
		const status = (e as { status?: unknown })?.status;
		return status === 413
			? failure(413, 'templates.error.fileTooLarge', { max: UPLOAD_MAX_LABEL })
			: failure(400, 'templates.error.uploadFailed');
	}
}

export async function readJsonUpload(
	value: FormDataEntryValue | null
): Promise<{ ok: true; text: string; fileName: string } | Failure> {
	if (typeof value === 'string' || value === null || value.size === 0)
		return failure(400, 'templates.error.fileMissing');
	if (value.size > UPLOAD_MAX_BYTES) return failure(413, 'templates.error.fileTooLarge', { max: UPLOAD_MAX_LABEL });
	try {
		// fatal: a file saved in another encoding is refused rather than imported as mojibake; the BOM is dropped.
		const text = new TextDecoder('utf-8', { fatal: true }).decode(await value.arrayBuffer());
		return { ok: true, text, fileName: value.name };
	} catch {
		return failure(400, 'templates.error.fileEncoding');
	}
}

/** The optional name typed in an import form: null when empty (the file's own name is used). */
export function readDocumentName(value: FormDataEntryValue | null): { ok: true; name: string | null } | Failure {
	const name = typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
	if (name.length > DOCUMENT_NAME_MAX) return failure(400, 'templates.error.nameTooLong', { max: DOCUMENT_NAME_MAX });
	return { ok: true, name: name || null };
}

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

export function jsonDownload(body: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`
		}
	});
}

/** Route ids are small positive integers; anything else is a page that does not exist. */
export function parseDocumentId(raw: string): number | null {
	return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}
