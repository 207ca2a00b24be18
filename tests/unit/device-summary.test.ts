import { describe, expect, it } from 'vitest';
import { summarizeDevice } from '$lib/domain/device-summary';
import { translator } from '$lib/i18n';

const vi = (ua: string | null) => {
	const m = summarizeDevice(ua);
	return translator('vi')(m.key, m.params);
};

// Real User-Agent strings of the browsers staff use (desktop and phone, including Vietnam's own).
const CASES: [string, string][] = [
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
		'Chrome trên Windows'
	],
	[
		'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
		'Safari trên iPhone'
	],
	[
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
		'Safari trên macOS'
	],
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
		'Edge trên Windows'
	],
	['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox trên Linux'],
	[
		'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
		'Samsung Internet trên Android'
	],
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/131.0.228 Chrome/130.0.6723.228 Safari/537.36',
		'Cốc Cốc trên Windows'
	],
	[
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
		'Chrome trên iPhone'
	],
	[
		'Mozilla/5.0 (Linux; Android 13; CPH2387 Build/TP1A.220905.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100652 ZaloTheme/light ZaloLanguage/vi',
		'Zalo trên Android'
	],
	[
		'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
		'Safari trên iPad'
	],
	[
		'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
		'Chrome trên ChromeOS'
	]
];

describe('device summary from a User-Agent', () => {
	it.each(CASES)('%s → %s', (ua, expected) => {
		expect(vi(ua)).toBe(expected);
	});

	it('says what it can when the browser or the system is unknown, and never echoes the raw string', () => {
		expect(vi('SomeCrawler/1.0 (Windows NT 10.0)')).toBe('Trình duyệt khác trên Windows');
		expect(vi('Mozilla/5.0 Firefox/133.0')).toBe('Firefox');
		expect(vi('curl/8.5.0')).toBe('Thiết bị không rõ');
		expect(vi('')).toBe('Thiết bị không rõ');
		expect(vi(null)).toBe('Thiết bị không rõ');
		expect(vi('<script>alert(1)</script> Chrome/1')).toBe('Chrome');
	});

	it('reads the same in English', () => {
		const m = summarizeDevice(CASES[0][0]);
		expect(translator('en')(m.key, m.params)).toBe('Chrome on Windows');
		expect(translator('en')(summarizeDevice('curl/8').key)).toBe('Unknown device');
	});
});
