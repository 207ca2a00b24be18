// The campaign's letterhead and contact (issue 15, item 4) as typed in the form: every field optional,
// an empty field stored as null; the date typed dd/mm/yyyy, stored ISO.
import { z } from 'zod';
import { parseDayMonthYear } from './calendar-date';

export interface LetterheadInput {
	parentBody: string | null;
	issuingBody: string | null;
	dispatchRef: string | null;
	dispatchPlace: string | null;
	/** yyyy-mm-dd */
	dispatchDate: string | null;
	signerName: string | null;
	signerTitle: string | null;
	hotline: string | null;
	supportEmail: string | null;
}

export const LETTERHEAD_FIELDS = [
	'parentBody',
	'issuingBody',
	'dispatchRef',
	'dispatchPlace',
	'dispatchDate',
	'signerName',
	'signerTitle',
	'hotline',
	'supportEmail'
] as const satisfies readonly (keyof LetterheadInput)[];

/** An optional one-line text of at most `max` characters; empty → null. */
const line = (max: number) =>
	z
		.string()
		.default('')
		.transform((s) => s.replace(/\s+/g, ' ').trim())
		.refine((s) => s.length <= max, { message: 'messages.error.tooLong', params: { max } })
		.transform((s) => s || null);

export const letterheadSchema = z.object({
	parentBody: line(200),
	issuingBody: line(200),
	dispatchRef: line(60),
	dispatchPlace: line(60),
	dispatchDate: z
		.string()
		.default('')
		.transform((s, ctx) => {
			if (!s.trim()) return null;
			const iso = parseDayMonthYear(s);
			if (!iso) {
				ctx.addIssue({ code: 'custom', message: 'messages.error.date' });
				return z.NEVER;
			}
			return iso;
		}),
	signerName: line(100),
	signerTitle: line(100),
	hotline: line(40).refine((s) => s === null || /^\+?[0-9][0-9 .()-]{2,}$/.test(s), 'messages.error.phone'),
	supportEmail: line(120).refine(
		(s) => s === null || /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(s),
		'messages.error.email'
	)
}) satisfies z.ZodType<LetterheadInput, unknown>;
