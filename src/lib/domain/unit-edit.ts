// Input rules for adding and editing units; error messages are i18n keys.
import { z } from 'zod';

const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim().replace(/\s+/g, ' ') : '');

export const unitCodeSchema = z.preprocess(
	text,
	z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, 'unit.error.codeFormat')
);

export const unitNamesSchema = z.object({
	name: z.preprocess(text, z.string().min(1, 'unit.error.nameRequired').max(200, 'unit.error.nameTooLong')),
	fullName: z.preprocess(text, z.string().max(250, 'unit.error.nameTooLong')),
	kind: z.preprocess(text, z.string().min(1, 'unit.error.kindRequired').max(40, 'unit.error.kindRequired'))
});

export const newUnitSchema = unitNamesSchema.extend({
	code: unitCodeSchema,
	parentCode: z.preprocess((v) => text(v) || null, z.string().nullable())
});

/** Moving a unit: the new parent's code (an unknown code is refused by the service, with the same key). */
export const unitMoveSchema = z.object({
	parentCode: z.preprocess(
		(v) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, 32) : ''),
		z.string().min(1, 'unit.error.parentUnknown')
	)
});

export type UnitNamesInput = z.infer<typeof unitNamesSchema>;
export type NewUnitInput = z.infer<typeof newUnitSchema>;
