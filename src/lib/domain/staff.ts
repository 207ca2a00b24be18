// Validation of staff account input with zod; every message is an i18n key, so a form can
// show the error in either locale.
import { z } from 'zod';
import { findPasswordWeakness } from './password-strength';
import { ROLES, type Role } from './roles';

export const PASSWORD_MIN = 12;
// Argon2 has no 72-byte cut-off, but hashing megabytes would be a denial-of-service lever.
export const PASSWORD_MAX = 256;

const text = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC').trim() : '');

export const usernameSchema = z.preprocess(
	(v) => text(v).toLowerCase(),
	z
		.string()
		.min(1, 'error.usernameRequired')
		.regex(/^[a-z0-9._-]{3,32}$/, 'error.usernameFormat')
);

export const newPasswordSchema = z
	.preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
	.superRefine((password, ctx) => {
		const message = !password
			? 'error.passwordRequired'
			: password.length > PASSWORD_MAX
				? 'error.passwordTooLong'
				: [...password].length < PASSWORD_MIN
					? 'error.passwordTooShort'
					: null;
		if (message) ctx.addIssue({ code: 'custom', message });
	});

const profileShape = {
	displayName: z.preprocess(text, z.string().min(1, 'error.displayNameRequired').max(100, 'error.displayNameTooLong')),
	role: z.enum(ROLES, { error: 'error.roleUnknown' }),
	unitCode: z.preprocess(
		(v) => text(v) || null,
		z
			.string()
			.regex(/^[0-9A-Za-z._-]{1,32}$/, 'error.unitUnknown')
			.nullable()
	)
};

const organiserOnlyScope = (v: { role: Role; unitCode: string | null }, ctx: z.RefinementCtx) => {
	if (v.unitCode && v.role !== 'organiser') {
		ctx.addIssue({ code: 'custom', path: ['unitCode'], message: 'error.unitScopeOrganiserOnly' });
	}
};

export const staffProfileSchema = z.object(profileShape).superRefine(organiserOnlyScope);

const passwordNotUsername = (v: { username: string; password: string }, ctx: z.RefinementCtx) => {
	if (v.password.toLowerCase().includes(v.username)) {
		ctx.addIssue({ code: 'custom', path: ['password'], message: 'error.passwordContainsUsername' });
	}
};

/** Common, breached, or built from the app's, the province's or the person's own words (ASVS 6.2.4, 6.2.11). */
const passwordNotGuessable = (v: { username: string; displayName: string; password: string }, ctx: z.RefinementCtx) => {
	const weakness = findPasswordWeakness(v.password, [v.username, v.displayName]);
	if (weakness) ctx.addIssue({ code: 'custom', path: ['password'], message: weakness.key });
};

export const newStaffUserSchema = z
	.object({ ...profileShape, username: usernameSchema, password: newPasswordSchema })
	.superRefine(organiserOnlyScope)
	.superRefine(passwordNotUsername)
	.superRefine(passwordNotGuessable);

/** The repeated password: the action compares it once the rest is valid, so one problem shows at a time. */
const typedTwice = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** The first administrator, from the setup link: no role or unit to choose. */
export const setupAdminSchema = z
	.object({ ...profileShape, username: usernameSchema, password: newPasswordSchema, confirmPassword: typedTwice })
	.superRefine(passwordNotUsername);

/** A staff member changing their own password. */
export const passwordChangeSchema = z.object({
	// Only compared with the stored hash; a huge value is cut rather than hashed whole.
	currentPassword: z.preprocess(
		(v) => (typeof v === 'string' ? v.slice(0, 1024) : ''),
		z.string().min(1, 'error.passwordRequired')
	),
	newPassword: newPasswordSchema,
	confirmPassword: typedTwice
});

/** An administrator setting someone's password. */
export const passwordResetSchema = z.object({ password: newPasswordSchema });

export type StaffProfileInput = z.infer<typeof staffProfileSchema>;
export type StaffUserInput = z.infer<typeof newStaffUserSchema>;
