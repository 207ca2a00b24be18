// A short name for the device behind a User-Agent ("Chrome trên Windows"), so a person can tell their
// sessions apart. A hint, not a proof: any client can send any User-Agent.
import { message, type Message } from './message';

// Order matters: Edge, Opera, Cốc Cốc and Samsung Internet also say "Chrome"; Chrome also says "Safari";
// in-app browsers (Zalo, Facebook) say both.
const BROWSERS: readonly [RegExp, string][] = [
	[/\bZalo/i, 'Zalo'],
	[/\bFBAN\/|\bFBAV\//, 'Facebook'],
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\bOPR\/|\bOpera\b/, 'Opera'],
	[/\bcoc_coc_browser\//i, 'Cốc Cốc'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];

// iPhone and iPad before macOS: their User-Agents say "like Mac OS X"; Android before Linux.
const SYSTEMS: readonly [RegExp, string][] = [
	[/\biPhone\b/, 'iPhone'],
	[/\biPad\b/, 'iPad'],
	[/\bAndroid\b/, 'Android'],
	[/\bWindows\b/, 'Windows'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

const firstMatch = (text: string, rules: readonly [RegExp, string][]) =>
	rules.find(([pattern]) => pattern.test(text))?.[1] ?? null;

/** The browser and system named by a User-Agent, as a message ("Chrome trên Windows"). */
export function summarizeDevice(userAgent: string | null | undefined): Message {
	const ua = userAgent ?? '';
	const browser = firstMatch(ua, BROWSERS);
	const os = firstMatch(ua, SYSTEMS);
	if (browser && os) return message('account.device', { browser, os });
	if (os) return message('account.deviceOtherBrowser', { os });
	if (browser) return message('account.deviceBrowserOnly', { browser });
	return message('account.deviceUnknown');
}
