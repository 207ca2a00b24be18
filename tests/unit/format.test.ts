import { describe, expect, it } from 'vitest';
import { formatDateTime, formatIsoDate, parseVietnamDate } from '$lib/format';

describe('dates in Vietnam time', () => {
	it('shows dd/mm/yyyy in Asia/Ho_Chi_Minh whatever the machine zone', () => {
		// 2026-11-30T17:30:00Z is 00:30 on 1 December in Vietnam (UTC+7).
		const t = Date.UTC(2026, 10, 30, 17, 30, 0) / 1000;
		expect(formatDateTime(t, 'vi')).toMatch(/01\/12\/2026/);
		expect(formatDateTime(t, 'vi')).toMatch(/00:30:00/);
		expect(formatDateTime(t, 'en')).toMatch(/01\/12\/2026/);
	});

	it('parses a typed date (dd/mm/yyyy or ISO) as midnight in Vietnam and refuses impossible dates', () => {
		expect(parseVietnamDate('2026-12-01')).toBe(Date.UTC(2026, 10, 30, 17, 0, 0) / 1000);
		expect(parseVietnamDate('2026-02-30')).toBeNull();
		expect(parseVietnamDate('2026-13-45')).toBeNull();
		expect(parseVietnamDate('01/12/2026')).toBe(Date.UTC(2026, 10, 30, 17, 0, 0) / 1000);
		expect(parseVietnamDate('30/02/2026')).toBeNull();
	});
});

describe('calendar dates', () => {
	it('shows yyyy-mm-dd as dd/mm/yyyy', () => {
		expect(formatIsoDate('2026-11-15')).toBe('15/11/2026');
		expect(formatIsoDate(null)).toBe('—');
	});
});
