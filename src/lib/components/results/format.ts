// Numbers, labels and links of the results pages. Pure, so the page, the report and the chart
// configurations show the very same text for the very same figure.

export type Locale = 'vi' | 'en';
/** The page with charts (tables folded), the tables only, or the printed report (both). */
export type Mode = 'charts' | 'tables' | 'print';

const numberLocale = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

/** Points with the two decimals scoring rounds to ("12,78" in Vietnamese); '—' when there is no score. */
export function formatPoints(value: number | null | undefined, locale: Locale): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return new Intl.NumberFormat(numberLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
		value
	);
}

/** A signed change in points: "+1,25", "−0,50", "0,00". */
export function formatChange(value: number | null, locale: Locale): string {
	if (value === null || !Number.isFinite(value)) return '—';
	const text = formatPoints(Math.abs(value), locale);
	return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** A share (0–1) as a percentage with one decimal: "37,5 %" (no line break before %) / "37.5%". */
export function formatShare(share: number | null, locale: Locale): string {
	if (share === null || !Number.isFinite(share)) return '—';
	const text = new Intl.NumberFormat(numberLocale(locale), {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(share * 100);
	return locale === 'vi' ? `${text}\u00a0%` : `${text}%`;
}

export function formatInteger(n: number, locale: Locale): string {
	return new Intl.NumberFormat(numberLocale(locale)).format(n);
}

/** Share of the maximum, or null when there is no score or no maximum. */
export function shareOfMax(points: number | null, maxPoints: number): number | null {
	return points === null || !(maxPoints > 0) ? null : points / maxPoints;
}

/** Breaks a long label into lines of about `width` characters (Chart.js draws an array as lines), at most `lines` of them. */
export function wrapLabel(text: string, width = 26, lines = 3): string[] {
	const out: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > width) {
			out.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) out.push(line);
	if (out.length <= lines) return out;
	const kept = out.slice(0, lines);
	kept[lines - 1] = `${kept[lines - 1]}…`;
	return kept;
}

export interface ResultsParams {
	unit?: string | null;
	group?: string | null;
	view?: string | null;
	field?: string | null;
	format?: string | null;
	table?: string | null;
	dialect?: string | null;
}

/** "?unit=…&group=…" with empty values left out; '' when nothing is set. */
export function resultsQuery(params: ResultsParams): string {
	const q = new URLSearchParams();
	for (const key of ['format', 'table', 'dialect', 'unit', 'group', 'view', 'field'] as const) {
		const value = params[key];
		if (value !== null && value !== undefined && value !== '') q.set(key, value);
	}
	const s = q.toString();
	return s ? `?${s}` : '';
}
