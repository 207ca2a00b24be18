// Pages and JSON that SvelteKit built whole (they carry a content-length) are compressed here in one
// call: the streaming middleware in src/serve.js cost ~1 ms per response (a compressor stream, a flush
// per tick, several socket writes), several times the compression itself. Streamed bodies (no
// content-length) and other types still go through the middleware, which skips what is encoded here.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Handle } from '@sveltejs/kit';

const COMPRESSIBLE = /^(text\/html|application\/json)\b/i;
/** Below this a header costs more than it saves (the middleware's own threshold). */
const MIN_BYTES = 1024;
/** Above this the one-shot call would hold the event loop too long: the streaming middleware does it. */
const MAX_BYTES = 1024 * 1024;
/** As in src/lib/server/http/dress-response.js: as fast as gzip and still smaller. */
const BROTLI_QUALITY = 5;
const NEVER_COMPRESSED = new Set([204, 206, 304]);

/** 'br' or 'gzip' when the client accepts it (a q of 0 refuses), else null; brotli first. */
export function chooseEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
	const accepted = new Set<string>();
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
		if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
	}
	if (accepted.has('br')) return 'br';
	if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
	return null;
}

/** The bytes in `encoding`. */
export function compressBytes(body: Uint8Array, encoding: 'br' | 'gzip'): Uint8Array {
	return encoding === 'br'
		? brotliCompressSync(body, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
					[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
					// A window no bigger than the body: the default 4 MiB one is mapped and faulted in per call.
					[constants.BROTLI_PARAM_LGWIN]: Math.max(16, Math.min(22, Math.ceil(Math.log2(body.byteLength))))
				}
			})
		: gzipSync(body);
}

/** The response compressed whole when it is a complete page or JSON of a worthwhile size. */
export async function compressWhole(request: Request, response: Response): Promise<Response> {
	const length = Number(response.headers.get('content-length') ?? NaN);
	if (
		!(length >= MIN_BYTES && length <= MAX_BYTES) ||
		request.method === 'HEAD' ||
		NEVER_COMPRESSED.has(response.status) ||
		response.headers.has('content-encoding') ||
		/\bno-transform\b/i.test(response.headers.get('cache-control') ?? '') ||
		!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')
	)
		return response;
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return response;
	const body = compressBytes(new Uint8Array(await response.arrayBuffer()), encoding);
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(body.byteLength));
	headers.append('vary', 'Accept-Encoding');
	// zlib's result owns a plain ArrayBuffer (never shared), which Node 20's types cannot say.
	const bytes = body as Uint8Array<ArrayBuffer>;
	return new Response(bytes, { status: response.status, statusText: response.statusText, headers });
}

export const compressResponses: Handle = async ({ event, resolve }) =>
	compressWhole(event.request, await resolve(event));
