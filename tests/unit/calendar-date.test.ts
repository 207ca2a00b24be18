import { describe, expect, it } from 'vitest';
import { DAY_MONTH_YEAR_PATTERN, parseDayMonthYear } from '$lib/domain/calendar-date';
import { newCampaignSchema } from '$lib/domain/campaign';
import { parseForm } from '$lib/domain/form';
import { dayMonthYearText, vietnamDayText } from '$lib/domain/vietnam-time';
import { translator } from '$lib/i18n';

describe('dates typed as dd/mm/yyyy', () => {
	it('accepts d/m/yyyy with "/", "." or "-", eight digits, and ISO', () => {
		for (const typed of ['15/01/2027', '15/1/2027', ' 15.01.2027 ', '15-1-2027', '15012027', '2027-01-15'])
			expect(parseDayMonthYear(typed), typed).toBe('2027-01-15');
		expect(parseDayMonthYear('29/02/2028')).toBe('2028-02-29');
	});

	it('refuses impossible dates and other shapes', () => {
		for (const typed of ['31/02/2027', '29/02/2027', '31/04/2027', '15/13/2027', '0/01/2027', '15/01/27', '15/01-2027'])
			expect(parseDayMonthYear(typed), typed).toBeNull();
		// Month first (the en-US order) is not guessed: 01/15/2027 has no 15th month.
		expect(parseDayMonthYear('01/15/2027')).toBeNull();
		expect(parseDayMonthYear('2027-02-31')).toBeNull();
	});

	it("gives the input a pattern browsers compile (they use the 'v' flag) and that matches what the server accepts", () => {
		const pattern = new RegExp(`^(?:${DAY_MONTH_YEAR_PATTERN})$`, 'v');
		for (const typed of ['15/01/2027', '1.1.2027', '15-01-2027', '15012027'])
			expect(pattern.test(typed), typed).toBe(true);
		expect(pattern.test('January 15')).toBe(false);
	});

	it('shows a calendar day as dd/mm/yyyy', () => {
		expect(dayMonthYearText('2027-01-15')).toBe('15/01/2027');
		expect(dayMonthYearText(null)).toBe('—');
		// 2027-01-14T17:30Z is already 15 January in Vietnam (UTC+7).
		expect(vietnamDayText(Date.UTC(2027, 0, 14, 17, 30) / 1000)).toBe('15/01/2027');
	});

	it('keeps campaign dates as ISO and refuses 31/02/2027 with a Vietnamese message', () => {
		const form = { title: 'Đợt 2027', slug: 'dot-2027', year: '2027', opensOn: '1/1/2027', closesOn: '15.01.2027' };
		const parsed = parseForm(newCampaignSchema, form);
		expect(parsed.ok && [parsed.value.opensOn, parsed.value.closesOn]).toEqual(['2027-01-01', '2027-01-15']);
		const refused = parseForm(newCampaignSchema, { ...form, closesOn: '31/02/2027' });
		expect(refused.ok).toBe(false);
		const error = !refused.ok ? refused.errors.closesOn : undefined;
		expect(error).toEqual({ key: 'campaign.error.date' });
		expect(translator('vi')(error!.key)).toContain('dd/mm/yyyy');
	});
});
