// Dates as dd/mm/yyyy in Vietnam's time zone, whatever the server's or browser's zone.
import { parseDayMonthYear } from './domain/calendar-date';
import { dayMonthYearText, vietnamMidnight } from './domain/vietnam-time';
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

/** A typed date ("30/11/2026", also ISO "2026-11-30") → unix seconds at 00:00 in Vietnam, or null if not a date. */
export function parseVietnamDate(value: string): number | null {
	const iso = parseDayMonthYear(value);
	return iso === null ? null : vietnamMidnight(iso);
}

/** "2026-11-15" → "15/11/2026"; anything else is shown as it is (the one formatter lives in vietnam-time). */
export const formatIsoDate = dayMonthYearText;
