// JSON request bodies for our endpoints: JSON content type only (no form posts from other sites),
// a size cap far below BODY_SIZE_LIMIT, and one Vietnamese answer for every malformed body.
import type { MessageKey } from '$lib/domain/message';

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; key: MessageKey };

export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, status: 415, key: 'error.jsonOnly' };
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) return { ok: false, status: 413, key: 'error.bodyTooLarge' };
	const reader = request.body?.getReader();
	if (!reader) return { ok: false, status: 400, key: 'error.badJson' };
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			// Stop reading as soon as the cap is passed, whatever Content-Length claimed.
			if (size > maxBytes) {
				await reader.cancel();
				return { ok: false, status: 413, key: 'error.bodyTooLarge' };
			}
			chunks.push(value);
		}
	} catch (e) {
		// adapter-node's BODY_SIZE_LIMIT, or a body cut short: the sender's fault, not a 500 with a stack trace.
		const tooLarge = (e as { status?: unknown })?.status === 413;
		return tooLarge
			? { ok: false, status: 413, key: 'error.bodyTooLarge' }
			: { ok: false, status: 400, key: 'error.badJson' };
	}
	try {
		return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
	} catch {
		return { ok: false, status: 400, key: 'error.badJson' };
	}
}
