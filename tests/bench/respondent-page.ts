// `npm run bench` (part, issue 16): what the respondent's pages cost a mid-range phone. Starts the built
// server (`node src/serve.js`, needs `build/`) on a fresh copy of a seeded demo, opens a personal link in
// Chromium at 390×844 with DevTools' "Fast 3G" network and 4× CPU throttling (both through CDP), cold
// cache each time, and reports for the first page (the code step) and the questionnaire step: the
// JavaScript (sum of each script's gzip size), the number of requests, first contentful paint, whether
// a staff text or (Vietnamese being active) an English text was shipped, and whether every HTML/JSON
// response of 1 kB or more came compressed (smaller ones are below the compressor's threshold).
// FCP is counted from the page's own request: opening a link first answers a 303 (the token leaves the
// address at once, docs/security.md), one more round trip of 562.5 ms that no page weight can save; the
// figure from the link is printed beside it, and so is the floor: the FCP of a few bytes of plain text
// in the same conditions, which on a busy machine alone can exceed 1 s. Figures are medians of
// BENCH_PAGE_TRIALS cold loads (default 3); the machine is shared, so FCP is noisy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core';
import { messages } from '$lib/i18n';
import { inCatalogs } from '$lib/i18n/catalogs';
import { catalogsFor } from '$lib/server/texts';
import { hasBuild, seedDemoFile, startBuiltServer } from './built-server';

const TRIALS = Number(process.env.BENCH_PAGE_TRIALS ?? 3);
const JS_TARGET_KB = 60;
const FCP_TARGET_MS = 1000;
// DevTools' "Fast 3G" preset (ChromeDevTools/devtools-frontend, front_end/core/sdk/NetworkManager.ts,
// `Fast3GConditions`, also Lighthouse's "mid-tier mobile" with 4× CPU): download 1.6 Mbit/s × 0.9,
// upload 750 kbit/s × 0.9 (bytes per second here), latency 150 ms × 3.75 = 562.5 ms per request.
const FAST_3G = {
	offline: false,
	downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
	uploadThroughput: ((750 * 1000) / 8) * 0.9,
	latency: 150 * 3.75
};
const CPU_SLOWDOWN = Number(process.env.BENCH_PAGE_CPU ?? 4);
/** The compression middleware leaves smaller bodies as they are. */
const COMPRESS_THRESHOLD = 1024;

interface Load {
	jsGzip: number;
	scripts: number;
	requests: number;
	fcpPage: number;
	fcpFromStart: number;
	shipped: string;
	uncompressed: string[];
}

// Probes. A staff text ships as an entry of a catalog (bundled, or the texts sent with the page's data):
// its key as an object key. An English text ships as itself: every English respondent text that differs
// from its Vietnamese one (long enough not to match by chance).
const respondentCatalogs = catalogsFor('/s');
const staffKeys = Object.keys(messages.vi).filter((k) => !inCatalogs(k, respondentCatalogs));
const englishProbes = Object.entries(messages.en)
	.filter(([k, v]) => inCatalogs(k, respondentCatalogs) && v.length >= 16 && v !== messages.vi[k as 'app.name'])
	.map(([k, v]) => ({ key: k, text: v }));
const asObjectKey = (key: string) => new RegExp(`["'\`]${key.replace(/\./g, '\\.')}["'\`]\\s*:`);

function leaked(shipped: string) {
	const staff = staffKeys.filter((key) => asObjectKey(key).test(shipped)).map((key) => ({ key }));
	const english = englishProbes.filter((p) => shipped.includes(p.text));
	return { staff, english };
}

/** A cold load of `url` in a fresh context (with `cookies`), throttled as a phone on Fast 3G. */
async function coldLoad(browser: Browser, url: string, cookies: Cookie[] = []): Promise<Load> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
	await context.addCookies(cookies);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', FAST_3G);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	const bodies: Promise<void>[] = [];
	const load: Load = { jsGzip: 0, scripts: 0, requests: 0, fcpPage: 0, fcpFromStart: 0, shipped: '', uncompressed: [] };
	page.on('request', () => load.requests++);
	page.on('response', (response) => {
		const type = response.request().resourceType();
		bodies.push(
			(async () => {
				const body = await response.body().catch(() => null);
				if (!body) return;
				const contentType = (await response.headerValue('content-type')) ?? '';
				const encoding = await response.headerValue('content-encoding');
				if (/html|json/.test(contentType) && body.length >= COMPRESS_THRESHOLD && !encoding)
					load.uncompressed.push(`${response.url()} (${body.length} B)`);
				if (type === 'script') {
					load.scripts++;
					load.jsGzip += gzipSync(body).length;
				}
				if (type === 'script' || type === 'document' || type === 'fetch') load.shipped += body.toString('utf8');
			})()
		);
	});
	await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
	await page.waitForLoadState('networkidle', { timeout: 120_000 });
	// Plain values only: tsx would wrap a named function in a helper the page does not have.
	const timing = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		return {
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
			fetchStart: nav.fetchStart,
			marks: [nav.responseStart, nav.responseEnd, nav.domInteractive]
		};
	});
	// Where the time goes, from the page's own request: BENCH_PAGE_TIMELINE=1.
	if (process.env.BENCH_PAGE_TIMELINE) {
		const [start, end, parsed, fcp] = [...timing.marks, timing.fcp].map((ms) => (ms - timing.fetchStart).toFixed(0));
		console.log(`  ${url.replace(/\/s\/.*/, '/s/…')}: response ${start}–${end} ms, parsed ${parsed} ms, FCP ${fcp} ms`);
	}
	await Promise.all(bodies);
	load.fcpFromStart = timing.fcp;
	load.fcpPage = timing.fcp - timing.fetchStart;
	await context.close();
	return load;
}

/** Through the code step (code from the demo outbox) and the attestation to the questionnaire; its cookies. */
async function reachQuestionnaire(page: Page, codeFor: () => Promise<string>): Promise<Cookie[]> {
	const vi = messages.vi;
	await page.getByRole('button', { name: vi['respondent.verify.send'], exact: true }).click();
	await page.getByRole('status').first().waitFor();
	await page.locator('input[name=code]').fill(await codeFor());
	await Promise.all([
		page.waitForURL('**/s', { waitUntil: 'load' }),
		page.getByRole('button', { name: vi['respondent.verify.submit'], exact: true }).click()
	]);
	await page.getByRole('heading', { name: vi['respondent.attest.title'] }).waitFor();
	await page.locator('input[name=confirm]').check();
	await page.getByRole('button', { name: vi['respondent.attest.submit'] }).click();
	await page.locator('.qv-options').first().waitFor({ state: 'attached' });
	return page.context().cookies();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kB = (bytes: number) => (bytes / 1024).toFixed(1);

function summarise(name: string, loads: Load[]) {
	const jsGzip = median(loads.map((l) => l.jsGzip));
	const fcpPage = median(loads.map((l) => l.fcpPage));
	const fcpFromStart = median(loads.map((l) => l.fcpFromStart));
	const all = loads.map((l) => l.shipped).join('\n');
	// The probe must see the page's own texts, or it would find no staff text either.
	if (!asObjectKey('respondent.leave').test(all)) throw new Error('probe: the respondent texts were not found');
	const { staff, english } = leaked(all);
	const uncompressed = [...new Set(loads.flatMap((l) => l.uncompressed))];
	console.log(
		`${name}: JS ${kB(jsGzip)} kB gzip in ${loads[0].scripts} scripts, ${loads[0].requests} requests; ` +
			`FCP ${fcpPage.toFixed(0)} ms from its request (${loads.map((l) => l.fcpPage.toFixed(0)).join(', ')}), ` +
			`${fcpFromStart.toFixed(0)} ms from the navigation`
	);
	console.log(
		`  staff texts shipped: ${staff.length}${staff.length ? ` (${staff.map((p) => p.key).join(', ')})` : ''}; ` +
			`English texts shipped: ${english.length}${english.length ? ` (e.g. ${english[0].key})` : ''}; ` +
			`uncompressed HTML/JSON ≥ 1 kB: ${uncompressed.length ? uncompressed.join(', ') : 'none'}`
	);
	return { jsGzip, fcpPage, staff: staff.length, english: english.length, uncompressed: uncompressed.length };
}

async function main() {
	if (!hasBuild()) {
		console.error('respondent-page: no build/ — run `npx vite build` first (the bench drives the built server).');
		process.exit(1);
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-page-'));
	const missed: string[] = [];
	let stop = async () => {};
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run']
	});
	try {
		const template = path.join(dir, 'template.sqlite');
		const seed = await seedDemoFile(template);
		const [link, warmLink] = seed.links.filter((l) => seed.recipientsOf(l.personId).length > 0);
		const port = 42000 + (process.pid % 1000);
		const server = await startBuiltServer(template, path.join(dir, 'run.sqlite'), port);
		stop = server.stop;
		const linkUrl = `${server.url}/s/${link.token}`;
		console.log(
			`Fast 3G (${FAST_3G.latency} ms, ${kB(FAST_3G.downloadThroughput)} kB/s down), CPU ${CPU_SLOWDOWN}× slower, ` +
				`390×844, cold cache, ${TRIALS} load(s) per step`
		);
		// A server that has answered before, and a browser that has painted before: the respondent's
		// first page, not the process's first request (JIT, lazy imports) nor Chromium's first paint.
		const warm = await browser.newPage();
		await warm.goto(`${server.url}/s/${warmLink.token}`);
		await warm.close();
		// The floor of this machine in the same conditions: a few bytes of plain text (no page at all).
		const floor: Load[] = [];
		for (let i = 0; i < TRIALS; i++) floor.push(await coldLoad(browser, `${server.url}/healthz`));
		const floorFcp = median(floor.map((l) => l.fcpPage));
		console.log(
			`floor (/healthz, plain text, 1 request): FCP ${floorFcp.toFixed(0)} ms — what the machine's load leaves`
		);
		const first: Load[] = [];
		for (let i = 0; i < TRIALS; i++) first.push(await coldLoad(browser, linkUrl));
		const firstFigures = summarise('first page (code step)', first);

		const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		await page.goto(linkUrl);
		const cookies = await reachQuestionnaire(page, () =>
			server.codeFor({ recipients: seed.recipientsOf(link.personId) })
		);
		// The step's data as a client navigation fetches it, and its compression.
		const data = await context.request.get(`${server.url}/s/__data.json?x-sveltekit-invalidated=11`, {
			headers: { 'accept-encoding': 'br, gzip' }
		});
		const dataEncoding = data.headers()['content-encoding'] ?? 'none';
		const dataBytes = (await data.body()).length;
		await context.close();
		const answer: Load[] = [];
		for (let i = 0; i < TRIALS; i++) answer.push(await coldLoad(browser, `${server.url}/s`, cookies));
		const answerFigures = summarise('questionnaire step', answer);
		console.log(`  its __data.json: ${kB(dataBytes)} kB, content-encoding ${dataEncoding}`);

		const check = (label: string, ok: boolean, figure: string) => {
			console.log(`  target: ${label}: ${figure} ${ok ? 'met' : 'MISSED'}`);
			if (!ok) missed.push(label);
		};
		check(
			`first page JS ≤ ${JS_TARGET_KB} kB gzip`,
			firstFigures.jsGzip / 1024 <= JS_TARGET_KB,
			`${kB(firstFigures.jsGzip)} kB`
		);
		check(
			`first page FCP < ${FCP_TARGET_MS} ms`,
			firstFigures.fcpPage < FCP_TARGET_MS,
			`${firstFigures.fcpPage.toFixed(0)} ms`
		);
		for (const [name, f] of [
			['first page', firstFigures],
			['questionnaire step', answerFigures]
		] as const) {
			check(`${name}: no staff text`, f.staff === 0, String(f.staff));
			check(`${name}: no English text (vi active)`, f.english === 0, String(f.english));
			check(`${name}: every HTML/JSON response compressed`, f.uncompressed === 0, `${f.uncompressed} uncompressed`);
		}
	} finally {
		await browser.close();
		await stop();
		rmSync(dir, { recursive: true, force: true });
	}
	if (missed.length) {
		console.log(`respondent-page: missed ${missed.join(', ')}`);
		process.exit(1);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
