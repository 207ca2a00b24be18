// Bodies a browser never sends (a forged multipart boundary, a stream cut short) are the sender's
// fault: a 400 with a Vietnamese message, never an exception that becomes a 500 and a stack trace.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { vi } from '$lib/i18n/vi';
import { dressResponses } from '$lib/server/http/dress-response.js';
import { readFields, readForm } from '$lib/server/http/form';
import { readJsonBody } from '$lib/server/http/json-body';

const MISMATCHED = '------other\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin\r\n------other--\r\n';

function multipart(body: string): RequestEvent {
	const request = new Request('http://x/login', {
		method: 'POST',
		headers: { 'content-type': 'multipart/form-data; boundary=----expected' },
		body
	});
	return { request } as RequestEvent;
}

function failingStream(error: unknown): Request {
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(new TextEncoder().encode('{"a":'));
			controller.error(error);
		}
	});
	return new Request('http://x', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
		duplex: 'half'
	} as RequestInit);
}

describe('malformed request bodies', () => {
	it('readForm answers the one failure shape for a multipart body with the wrong boundary', async () => {
		const form = await readForm(multipart(MISMATCHED), z.object({ username: z.string() }));
		expect(form).toEqual({ ok: false, errors: { form: { key: 'error.badForm' } }, values: {} });
		expect(vi['error.badForm']).toMatch(/^Không đọc được/);
	});

	it('readFields throws a 400 with the message key, which SvelteKit answers without calling handleError', async () => {
		const thrown = await readFields(multipart(MISMATCHED)).catch((e: unknown) => e);
		expect(isHttpError(thrown, 400)).toBe(true);
		expect((thrown as { body: App.Error }).body).toEqual({ message: 'error.badForm' });
	});

	it('a well-formed multipart body still reads', async () => {
		const good = MISMATCHED.replaceAll('------other', '------expected');
		expect(await readFields(multipart(good))).toEqual({ username: 'admin' });
	});

	it('a JSON body cut short is 400, and one past adapter-node’s limit keeps its 413', async () => {
		expect(await readJsonBody(failingStream(new TypeError('terminated')), 1024)).toEqual({
			ok: false,
			status: 400,
			key: 'error.badJson'
		});
		expect(await readJsonBody(failingStream(Object.assign(new Error('too large'), { status: 413 })), 1024)).toEqual({
			ok: false,
			status: 413,
			key: 'error.bodyTooLarge'
		});
	});
});

// src/serve.js's wiring of the `compression` middleware (which negotiates and compresses: tested
// upstream): our headers and charset on every response, and streamed bodies that arrive whole.
describe('dressed responses', () => {
	async function serving(https: boolean, handler: http.RequestListener, use: (url: string) => Promise<void>) {
		const dress = dressResponses({ https });
		const server = http.createServer((req, res) => dress(req, res, () => handler(req, res)));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		} finally {
			server.closeAllConnections();
			server.close();
		}
	}

	it('streams a large download with backpressure, compressed, with the headers and charset', async () => {
		const body = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `${i},hàng ${i}\n`).join(''));
		const warnings: Error[] = [];
		const onWarning = (w: Error) => w.name === 'MaxListenersExceededWarning' && warnings.push(w);
		process.on('warning', onWarning);
		// As SvelteKit's setResponse writes a body: wait for 'drain' whenever write() says so.
		const download: http.RequestListener = (_req, res) => {
			res.setHeader('content-type', 'text/csv');
			let at = 0;
			const next = () => {
				while (at < body.length) if (!res.write(body.subarray(at, (at += 4096)))) return void res.once('drain', next);
				res.end();
			};
			next();
		};
		try {
			await serving(true, download, async (url) => {
				for (const encoding of ['br', 'gzip']) {
					const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
					expect(res.headers.get('content-encoding')).toBe(encoding);
					expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
					expect(res.headers.get('vary')).toBe('Accept-Encoding');
					expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000');
					expect(res.headers.get('x-content-type-options')).toBe('nosniff');
					expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
				}
			});
		} finally {
			process.off('warning', onWarning);
		}
		// Many 'drain' waits on one response must not pile up listeners.
		expect(warnings.map((w) => w.message)).toEqual([]);
	});

	it('a streamed page reaches the client part by part, not only when it ends', async () => {
		let sendRest = () => {};
		const rest = new Promise<void>((resolve) => (sendRest = resolve));
		const page: http.RequestListener = (_req, res) => {
			res.setHeader('content-type', 'text/html');
			res.write('<p>phần đầu</p>');
			void rest.then(() => res.end('<p>phần sau</p>'));
		};
		await serving(false, page, async (url) => {
			const res = await fetch(url, { headers: { 'accept-encoding': 'br' } });
			expect(res.headers.get('content-encoding')).toBe('br');
			const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
			let text = '';
			// Would wait forever if the compressor held the first part back until the end.
			while (!text.includes('phần đầu')) text += (await reader.read()).value ?? '';
			sendRest();
			for (let part = await reader.read(); !part.done; part = await reader.read()) text += part.value;
			expect(text).toBe('<p>phần đầu</p><p>phần sau</p>');
		});
	});

	it('HEAD, tiny, empty, already encoded and error responses keep their bytes and still get the headers', async () => {
		const big = 'x'.repeat(4096);
		const routes: Record<string, http.RequestListener> = {
			'/tiny': (_req, res) =>
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': 15 }).end('{"status":"ok"}'),
			'/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(big),
			'/none': (_req, res) => res.writeHead(204).end(),
			'/prebuilt': (_req, res) =>
				res.writeHead(200, { 'content-type': 'text/css', 'content-encoding': 'gzip' }).end(gzipSync(big)),
			// As SvelteKit answers a header it cannot set: every header dropped, then a 500.
			'/failed': (_req, res) => {
				res.setHeader('x-powered-by', 'x');
				res.getHeaderNames().forEach((name) => res.removeHeader(name));
				res.writeHead(500).end('Internal Server Error');
			}
		};
		const cases = [
			['/tiny', 'GET', 200, null, 'application/json; charset=utf-8', '{"status":"ok"}'],
			['/page', 'HEAD', 200, null, 'text/html; charset=utf-8', ''],
			['/page', 'GET', 200, 'br', 'text/html; charset=utf-8', big],
			['/none', 'GET', 204, null, null, ''],
			['/prebuilt', 'GET', 200, 'gzip', 'text/css; charset=utf-8', big],
			['/failed', 'GET', 500, null, null, 'Internal Server Error']
		] as const;
		await serving(
			false,
			(req, res) => routes[req.url!](req, res),
			async (url) => {
				for (const [path, method, status, encoding, type, body] of cases) {
					const res = await fetch(url + path, { method, headers: { 'accept-encoding': 'br, gzip' } });
					const what = `${method} ${path}`;
					expect(res.status, what).toBe(status);
					expect(res.headers.get('content-encoding'), what).toBe(encoding);
					expect(res.headers.get('content-type'), what).toBe(type);
					expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
					expect(res.headers.get('x-frame-options'), what).toBe('DENY');
					expect(res.headers.get('strict-transport-security'), what).toBeNull();
					expect(await res.text(), what).toBe(body);
				}
			}
		);
	});
});
