import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressWhole } from '../../src/lib/server/http/compress';

const page = '<!doctype html><p>Khảo sát xã hội học PAR INDEX</p>'.repeat(100);
const request = (acceptEncoding: string | null, method = 'GET') =>
	new Request('http://localhost/s', { method, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
const html = (body: string, headers: Record<string, string> = {}) =>
	new Response(body, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-length': String(Buffer.byteLength(body)),
			'set-cookie': 'a=1; Path=/',
			...headers
		}
	});

describe('chooseEncoding', () => {
	it('prefers brotli, falls back to gzip and honours q=0', () => {
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip;q=0.8, br;q=0')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
	});
});

describe('compressWhole', () => {
	it('compresses a whole page in the encoding asked, keeping status, cookies and type', async () => {
		const out = await compressWhole(request('gzip, br'), html(page));
		expect(out.headers.get('content-encoding')).toBe('br');
		expect(out.headers.get('vary')).toBe('Accept-Encoding');
		expect(out.headers.getSetCookie()).toEqual(['a=1; Path=/']);
		const bytes = Buffer.from(await out.arrayBuffer());
		expect(Number(out.headers.get('content-length'))).toBe(bytes.length);
		expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 10);
		expect(brotliDecompressSync(bytes).toString()).toBe(page);

		const gz = await compressWhole(request('gzip'), html(page));
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
	});

	it('leaves alone what is small, streamed, encoded, not text, HEAD or not accepted', async () => {
		const untouched = async (req: Request, res: Response) =>
			expect((await compressWhole(req, res)).headers.get('content-encoding')).toBe(res.headers.get('content-encoding'));
		await untouched(request('br'), html('<p>nhỏ</p>'));
		await untouched(request('br'), new Response(page, { headers: { 'content-type': 'text/html' } }));
		await untouched(request('br'), html(page, { 'content-encoding': 'gzip' }));
		await untouched(request('br'), html(page, { 'content-type': 'text/csv' }));
		await untouched(request('br'), html(page, { 'cache-control': 'no-store, no-transform' }));
		await untouched(request('br', 'HEAD'), html(page));
		await untouched(request('identity'), html(page));
	});
});
