// Calendar dates and clock times in Vietnam (UTC+7 all year: no daylight saving time), whatever the
// server's or the browser's own time zone. The one place that knows the offset.
export const VN_OFFSET_SECONDS = 7 * 60 * 60;
export const DAY_SECONDS = 86_400;

const pad = (n: number) => String(n).padStart(2, '0');

/** The moment as a UTC Date whose UTC fields read Vietnam's wall clock. */
function wallClock(unixSeconds: number): Date {
	return new Date((unixSeconds + VN_OFFSET_SECONDS) * 1000);
}

/** The calendar date in Vietnam, "2026-12-06". */
export function vietnamDate(unixSeconds: number): string {
	return wallClock(unixSeconds).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 in Vietnam's calendar (a day number to group by). */
export function vietnamDayNumber(unixSeconds: number): number {
	return Math.floor((unixSeconds + VN_OFFSET_SECONDS) / DAY_SECONDS);
}

/** Midnight starting a Vietnamese calendar date ("2026-12-06"), as Unix seconds; null if not a date. */
export function vietnamMidnight(isoDate: string): number | null {
	const ms = Date.parse(`${isoDate}T00:00:00Z`);
	return Number.isNaN(ms) ? null : ms / 1000 - VN_OFFSET_SECONDS;
}

/** The Vietnamese calendar date as a date-only Date at UTC midnight (what a spreadsheet date cell wants). */
export function vietnamDateOnly(unixSeconds: number): Date {
	const d = wallClock(unixSeconds);
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** "05/12/2026 14:30" on Vietnam's clock. */
export function vietnamDateTimeText(unixSeconds: number): string {
	const d = wallClock(unixSeconds);
	return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A calendar day "2027-01-15" as people read it in Vietnam, "15/01/2027"; anything else as it is, none "—". */
export function dayMonthYearText(isoDate: string | null): string {
	const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) : null;
	return m ? `${m[3]}/${m[2]}/${m[1]}` : (isoDate ?? '—');
}

/** The moment's calendar day in Vietnam, "15/01/2027". */
export function vietnamDayText(unixSeconds: number): string {
	return dayMonthYearText(vietnamDate(unixSeconds));
}
