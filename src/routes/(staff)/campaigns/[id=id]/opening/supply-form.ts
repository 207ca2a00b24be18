// Reading the supply form: the share as an uploaded JSON file (read as text) or as a typed or scanned
// code, and the passphrase. No database. A refusal carries only an error key: nothing read here is
// ever sent back to the page, logged or kept.
import { z } from 'zod';
import { codeFromUpload } from '$lib/sealing/share-file';

/** A share file is a few hundred bytes; anything much larger is not one. */
export const SHARE_FILE_MAX_BYTES = 4096;

const fields = z.object({
	text: z.string().trim().min(1, 'opening.error.noCode').max(SHARE_FILE_MAX_BYTES, 'shareFile.error.format'),
	passphrase: z.string().min(1, 'opening.error.noPassphrase').max(1024, 'shareFile.error.passphrase')
});

export type SupplyInput = { ok: true; value: { code: string; passphrase: string } } | { ok: false; key: string };

export async function readSupplyForm(request: Request): Promise<SupplyInput> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, key: 'opening.error.upload' };
	}
	const file = form.get('file');
	let text: unknown = form.get('code') ?? '';
	if (file instanceof File && file.size > 0) {
		if (file.size > SHARE_FILE_MAX_BYTES) return { ok: false, key: 'opening.error.fileTooLarge' };
		try {
			// fatal: a file in another encoding is not a share file.
			text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
		} catch {
			return { ok: false, key: 'shareFile.error.format' };
		}
	}
	const parsed = fields.safeParse({ text, passphrase: form.get('passphrase') ?? '' });
	if (!parsed.success)
		return {
			ok: false,
			key: parsed.error.issues[0].message.includes('.error.') ? parsed.error.issues[0].message : 'opening.error.noCode'
		};
	const code = codeFromUpload(parsed.data.text);
	if (code === null) return { ok: false, key: 'shareFile.error.format' };
	return { ok: true, value: { code, passphrase: parsed.data.passphrase } };
}
