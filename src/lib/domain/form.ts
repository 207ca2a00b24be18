// Reading a submitted form against a zod schema: the parsed value, or each field's first problem as a
// message (the schema's messages are catalog keys), plus what to put back in the form.
import type { z } from 'zod';
import type { FieldErrors, Message, MessageKey, MessageParams } from './message';

export type FormValues = Record<string, string>;
export type ParsedForm<T> =
	{ ok: true; value: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Fields never sent back to the browser, even a rejected one (a form may `keep` a field this names by chance). */
const SECRET_FIELD = /^(code|otp|totp)$|pass|secret|token|share|revision/i;
/** Long enough for a list of rated unit codes; the schema refuses anything longer anyway. */
const ECHO_LIMIT = 5000;

/** What the user typed, to fill the form again: text fields only, trimmed to a safe length, secrets left out. */
export function echoValues(input: Record<string, unknown>, keep: readonly string[] = []): FormValues {
	const values: FormValues = {};
	for (const [name, value] of Object.entries(input)) {
		if (typeof value === 'string' && (keep.includes(name) || !SECRET_FIELD.test(name)))
			values[name] = value.slice(0, ECHO_LIMIT);
	}
	return values;
}

export function parseForm<S extends z.ZodType>(
	schema: S,
	input: Record<string, unknown>,
	keep: readonly string[] = []
): ParsedForm<z.output<S>> {
	const values = echoValues(input, keep);
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, value: result.data, values };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		const params = 'params' in issue ? (issue.params as MessageParams | undefined) : undefined;
		errors[field] ??= toMessage(issue.message, params);
	}
	return { ok: false, errors, values };
}

function toMessage(key: string, params?: MessageParams): Message {
	// Schemas name catalog keys; the i18n test checks every key a schema can return exists.
	return params ? { key: key as MessageKey, params } : { key: key as MessageKey };
}
