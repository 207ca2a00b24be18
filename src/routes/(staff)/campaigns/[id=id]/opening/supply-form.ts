// Reading the supply form: the share as an uploaded JSON file (read as text) or as a typed or scanned
// code, and the passphrase. No database. A refusal carries only a message key: nothing read here is
// ever sent back to the page, logged or kept.
import { z } from 'zod';
import { message, ok, refuse, type MessageKey, type Result } from '$lib/domain/message';
import { codeFromUpload } from '$lib/sealing/share-file';

/** A share file is a few hundred bytes; anything much larger is not one. */
export const SHARE_FILE_MAX_BYTES = 4096;

const fields = z.object({
	text: z.string().trim().min(1, 'opening.error.noCode').max(SHARE_FILE_MAX_BYTES, 'shareFile.error.format'),
	passphrase: z.string().min(1, 'opening.error.noPassphrase').max(1024, 'shareFile.error.passphrase')
});

export type SupplyInput = Result<{ code: string; passphrase: string }>;

export async function readSupplyForm(request: Request): Promise<SupplyInput> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return refuse(message('opening.error.upload'));
	}
	const file = form.get('file');
	let text: unknown = form.get('code') ?? '';
	if (file instanceof File && file.size > 0) {
		if (file.size > SHARE_FILE_MAX_BYTES) return refuse(message('opening.error.fileTooLarge'));
		try {
			// fatal: a file in another encoding is not a share file.
			text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
		} catch {
			return refuse(message('shareFile.error.format'));
		}
	}
	const parsed = fields.safeParse({ text, passphrase: form.get('passphrase') ?? '' });
	if (!parsed.success) {
		const first = parsed.error.issues[0].message;
		// The schema's messages are catalog keys; zod's own (a wrong type) are not.
		return refuse(message(first.includes('.error.') ? (first as MessageKey) : 'opening.error.noCode'));
	}
	const code = codeFromUpload(parsed.data.text);
	if (code === null) return refuse(message('shareFile.error.format'));
	return ok({ code, passphrase: parsed.data.passphrase });
}
