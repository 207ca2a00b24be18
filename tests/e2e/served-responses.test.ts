// src/serve.js in front of adapter-node, without a browser: security headers, an explicit charset and
// compression on every response (static files included, which never reach the hooks); refused
// cross-site posts audited once per origin and minute; a malformed multipart body answered 400.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../integration/support';
import { vi } from '$lib/i18n/vi';
import { readAudit } from './support/app';
import { ROOT, startServer, type RunningServer } from './support/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.dispose();
});

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** node:http rather than fetch: fetch decodes bodies itself and hides what was on the wire. */
function request(pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = http.request(`${server.url}${pathname}`, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

function decode(raw: Raw): Buffer {
	const encoding = raw.headers['content-encoding'];
	if (encoding === 'br') return brotliDecompressSync(raw.body);
	if (encoding === 'gzip') return gunzipSync(raw.body);
	return raw.body;
}

function expectSecurityHeaders(raw: Raw, what: string) {
	expect(raw.headers['x-content-type-options'], what).toBe('nosniff');
	expect(raw.headers['referrer-policy'], what).toBe('no-referrer');
	expect(raw.headers['x-frame-options'], what).toBe('DENY');
	expect(raw.headers['cross-origin-opener-policy'], what).toBe('same-origin');
	expect(raw.headers['permissions-policy'], what).toContain('camera=()');
	// ORIGIN is http here: no HSTS (it would pin a plain-http test host).
	expect(raw.headers['strict-transport-security'], what).toBeUndefined();
}

/** The app's entry script: a file adapter-node serves itself, before any hook runs. */
function immutableScript(): { url: string; file: string } {
	const dir = path.join(ROOT, 'build', 'client', '_app', 'immutable', 'entry');
	const name = readdirSync(dir).find((f) => f.startsWith('app.') && f.endsWith('.js'))!;
	return { url: `/_app/immutable/entry/${name}`, file: path.join(dir, name) };
}

/** The largest stylesheet (pages inline theirs; client navigations load the files). */
function immutableStylesheet(): { url: string; file: string } {
	const dir = path.join(ROOT, 'build', 'client', '_app', 'immutable', 'assets');
	const size = (f: string) => statSync(path.join(dir, f)).size;
	const name = readdirSync(dir)
		.filter((f) => f.endsWith('.css'))
		.sort((a, b) => size(b) - size(a))[0];
	return { url: `/_app/immutable/assets/${name}`, file: path.join(dir, name) };
}

describe('every response from src/serve.js', () => {
	it('static files carry the security headers, a utf-8 charset, and are compressed as the client asks', async () => {
		const script = immutableScript();
		const stylesheet = immutableStylesheet();
		for (const [url, file, type] of [
			[script.url, script.file, 'text/javascript'],
			[stylesheet.url, stylesheet.file, 'text/css'],
			['/favicon.svg', path.join(ROOT, 'build', 'client', 'favicon.svg'), 'image/svg+xml']
		]) {
			const original = readFileSync(file);
			for (const encoding of ['br', 'gzip', 'identity']) {
				const raw = await request(url, { 'accept-encoding': encoding });
				const what = `${url} (${encoding})`;
				expect(raw.status, what).toBe(200);
				expectSecurityHeaders(raw, what);
				expect(raw.headers['content-type'], what).toBe(`${type}; charset=utf-8`);
				expect(raw.headers['vary'], what).toMatch(/accept-encoding/i);
				expect(raw.headers['content-encoding'], what).toBe(encoding === 'identity' ? undefined : encoding);
				expect(decode(raw).equals(original), what).toBe(true);
			}
		}
	});

	it('a page and its JSON data are compressed whole, with their length, the headers and charset', async () => {
		for (const [url, type] of [
			['/login', 'text/html; charset=utf-8'],
			['/login/__data.json', 'application/json; charset=utf-8']
		]) {
			const plain = await request(url, { 'accept-encoding': 'identity' });
			expect(plain.status, url).toBe(200);
			expect(plain.headers['content-encoding'], url).toBeUndefined();
			expect(plain.body.length, url).toBeGreaterThan(1024);
			for (const encoding of ['br', 'gzip']) {
				const raw = await request(url, { 'accept-encoding': `${encoding}, identity;q=0.5` });
				const what = `${url} (${encoding})`;
				expect(raw.status, what).toBe(200);
				expectSecurityHeaders(raw, what);
				expect(raw.headers['content-type'], what).toBe(type);
				expect(raw.headers['content-encoding'], what).toBe(encoding);
				// Built whole by SvelteKit, compressed in one call by the hooks (http/compress.ts): its true length.
				expect(raw.headers['content-length'], what).toBe(String(raw.body.length));
				expect(raw.headers['vary'], what).toMatch(/accept-encoding/i);
				expect(raw.body.length, what).toBeLessThan(plain.body.length / 2);
				const text = decode(raw).toString('utf8');
				// The page carries a fresh CSP nonce each time; everything else is the same document.
				const strip = (s: string) => s.replace(/nonce-[^']+'|nonce="[^"]+"/g, 'nonce');
				expect(strip(text), what).toBe(strip(plain.body.toString('utf8')));
			}
		}
		expect(decode(await request('/login', { 'accept-encoding': 'br' })).toString('utf8')).toContain('<html lang="vi">');
	});

	it('tiny bodies and HEAD requests are sent as they are', async () => {
		const health = await request('/healthz', { 'accept-encoding': 'br, gzip' });
		expect(health.headers['content-encoding']).toBeUndefined();
		expect(health.headers['content-type']).toBe('application/json; charset=utf-8');
		expectSecurityHeaders(health, '/healthz');
		expect(JSON.parse(health.body.toString('utf8'))).toEqual({ status: 'ok', engine: TEST_ENGINE });
		const head = await request('/login', { 'accept-encoding': 'br, gzip' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-encoding']).toBeUndefined();
		expect(head.body.length).toBe(0);
	});
});

describe('refused cross-site requests', () => {
	const post = (pathname: string, origin: string) =>
		request(pathname, { origin, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'username=admin');

	it('are refused 403 and audited once per origin and minute, by route id, never by path', async () => {
		const before = (await readAudit(server.dbPath)).length;
		for (let i = 0; i < 5; i++) {
			const res = await post('/login', 'http://evil.example');
			expect(res.status).toBe(403);
			expect(res.body.toString('utf8')).toContain('Yêu cầu bị từ chối');
		}
		const token = 'respondenttoken1234567890ab';
		expect((await post(`/s/${token}`, 'https://other.example')).status).toBe(403);
		expect((await post(`/s/${token}`, 'https://other.example')).status).toBe(403);

		const events = (await readAudit(server.dbPath)).slice(before);
		expect(events.map((e) => e.action)).toEqual(['security.cross_site_refused', 'security.cross_site_refused']);
		expect(JSON.parse(events[0].payload)).toEqual({
			origin: 'http://evil.example',
			method: 'POST',
			route: '/login',
			suppressed: 0,
			suppressedOtherOrigins: 0
		});
		expect(JSON.parse(events[1].payload)).toMatchObject({ origin: 'https://other.example', route: '/s/[token]' });
		expect(JSON.stringify(events)).not.toContain(token);
	});
});

describe('a malformed multipart body', () => {
	const BAD = 'multipart/form-data; boundary=----expected';
	const body = '------other\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin\r\n------other--\r\n';

	it('is answered 400 in Vietnamese, and leaves no stack trace in the log', async () => {
		const page = await request(
			'/login',
			{ origin: server.url, 'content-type': BAD, accept: 'text/html' },
			'POST',
			body
		);
		expect(page.status).toBe(400);
		expect(page.body.toString('utf8')).toContain(vi['error.badForm']);
		// The enhanced form (fetch with x-sveltekit-action) gets the same refusal as JSON.
		const json = await request(
			'/login',
			{ origin: server.url, 'content-type': BAD, accept: 'application/json', 'x-sveltekit-action': 'true' },
			'POST',
			body
		);
		expect(json.status).toBe(400);
		expect(JSON.parse(json.body.toString('utf8'))).toMatchObject({
			type: 'error',
			error: { message: 'error.badForm' }
		});
		expect(server.logs()).not.toMatch(/\n\s+at |error [0-9a-f-]{36}/);
	});
});
