// Dates as dd/mm/yyyy in Vietnam's time zone, whatever the server's or browser's zone.
import { vietnamMidnight } from './domain/vietnam-time';
import type { Locale } from './i18n';

const ZONE = 'Asia/Ho_Chi_Minh';

export function formatDateTime(unixSeconds: number, locale: Locale): string {
	return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		timeZone: ZONE,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hour12: false
	}).format(new Date(unixSeconds * 1000));
}

/** "2026-11-30" (from <input type=date>) → unix seconds at 00:00 in Vietnam, or null if malformed. */
export function parseVietnamDate(value: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const check = new Date(ms);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
	return vietnamMidnight(value);
}

/** "2026-11-15" → "15/11/2026"; anything else is shown as it is. */
export function formatIsoDate(iso: string | null): string {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
	return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '—');
}
