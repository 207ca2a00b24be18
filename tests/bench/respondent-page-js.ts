// What the respondent's first page costs a phone: the JavaScript it loads (raw and gzip) and whether any
// staff or English text ships with it. Run against a server started by `npm run demo`:
//   RESPONDENT_LINK=http://localhost:3000/s/<token> npx tsx tests/bench/respondent-page-js.ts
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { messages } from '../../src/lib/i18n';

const link = process.env.RESPONDENT_LINK;
if (!link) throw new Error('Đặt RESPONDENT_LINK=<liên kết cá nhân> / set RESPONDENT_LINK to a personal link');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const scripts: { url: string; body: Buffer }[] = [];
page.on('response', async (response) => {
	if (response.request().resourceType() === 'script')
		scripts.push({ url: response.url(), body: await response.body() });
});
await page.goto(link, { waitUntil: 'networkidle' });
const html = await page.content();
await browser.close();

const js = Buffer.concat(scripts.map((s) => s.body));
const shipped = js.toString('utf8') + html;
// A staff text: one of the navigation's; an English text: the respondent page's own title in English.
const staffProbe = messages.vi['nav.users'];
const englishProbe = messages.en['respondent.title'];
console.log(
	`respondent first page: ${scripts.length} scripts, ${(js.length / 1024).toFixed(1)} kB raw, ${(gzipSync(js).length / 1024).toFixed(1)} kB gzip`
);
console.log(`  staff text "${staffProbe}" shipped: ${shipped.includes(staffProbe)}`);
console.log(`  English text "${englishProbe}" shipped: ${shipped.includes(englishProbe)}`);
