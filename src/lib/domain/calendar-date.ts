// Dates typed by people as dd/mm/yyyy (the Vietnamese order), whatever the browser's locale: the one parser
// behind every date field. Dates are stored and compared as ISO "yyyy-mm-dd" calendar days.

/** What a date field accepts: d/m/yyyy with "/", "." or "-", or 8 digits (a phone's numeric keypad has no "/"). */
export const DAY_MONTH_YEAR_PATTERN = String.raw`\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{8}|\d{4}-\d{2}-\d{2}`;

const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;
// ISO too, so links and bookmarks that carry "2027-01-15" keep working.
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO calendar day if the date exists (no 31/02, 29/02 only in leap years), else null. */
function isoDay(year: number, month: number, day: number): string | null {
	if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day > daysInMonth ? null : `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * "15/1/2027", "15.01.2027", "15-01-2027", "15012027" or "2027-01-15" → "2027-01-15";
 * null when malformed or impossible ("31/02/2027", "15/13/2027"). Surrounding spaces are ignored.
 */
export function parseDayMonthYear(text: string): string | null {
	const s = text.trim();
	const dmy = DAY_MONTH_YEAR.exec(s) ?? COMPACT.exec(s);
	if (dmy) {
		const [day, month, year] = dmy.length === 5 ? [dmy[1], dmy[3], dmy[4]] : [dmy[1], dmy[2], dmy[3]];
		return isoDay(Number(year), Number(month), Number(day));
	}
	const iso = ISO.exec(s);
	return iso ? isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}
