// Reading an uploaded JSON file and sending a downloaded one; no database, so it is tested alone.
import type { Problem } from '$lib/domain/framework';
import type { MessageKey } from '$lib/domain/message';
import { DOCUMENT_NAME_MAX, UPLOAD_MAX_BYTES, UPLOAD_MAX_LABEL } from '$lib/domain/template-files';
import { match as isDatabaseId } from '../../../params/id';

export {
	chooseDocumentName,
	downloadName,
	DOCUMENT_NAME_MAX,
	ERRORS_SHOWN,
	UPLOAD_MAX_BYTES,
	UPLOAD_MAX_LABEL
} from '$lib/domain/template-files';

/** A refused upload: the HTTP status and the problems to list. */
export type Failure = { ok: false; status: 400 | 413; errors: Problem[] };
const failure = (status: 400 | 413, key: MessageKey, params: Problem['params'] = {}): Failure => ({
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

export function jsonDownload(body: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`
		}
	});
}

/** A document id chosen in a form (a select of framework versions): the same rule as ids in URLs. */
export function parseDocumentId(raw: string): number | null {
	return isDatabaseId(raw) ? Number(raw) : null;
}
