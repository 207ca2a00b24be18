// The one way actions read forms and refuse them: `readForm` then `refuseForm`, so every page gets
// `{ action, errors, values }` back and can tell which of its forms failed.
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { echoValues, parseForm, type FormValues, type ParsedForm } from '$lib/domain/form';
import type { FieldErrors, Message } from '$lib/domain/message';

export type FormFailure = { action: string; errors: FieldErrors; values: FormValues };

/** The submitted fields as plain strings (files and repeated fields are read by the action itself). */
export async function readFields(event: RequestEvent): Promise<Record<string, string>> {
	const data = await event.request.formData();
	const fields: Record<string, string> = {};
	for (const [name, value] of data) if (typeof value === 'string' && !(name in fields)) fields[name] = value;
	return fields;
}

/** `keep`: fields to echo back although their name looks secret (a group's `code`). */
export async function readForm<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	keep: readonly string[] = []
): Promise<ParsedForm<z.output<S>>> {
	return parseForm(schema, await readFields(event), keep);
}

/** 400 (or `status`) with the one failure shape; `errors.form` carries a problem of the whole form. */
export function refuseForm(
	action: string,
	errors: FieldErrors | Message,
	values: FormValues | Record<string, unknown> = {},
	status = 400,
	keep: readonly string[] = []
) {
	const fieldErrors: FieldErrors =
		'key' in errors && typeof errors.key === 'string' ? { form: errors as Message } : (errors as FieldErrors);
	return fail(status, { action, errors: fieldErrors, values: echoValues(values, keep) } satisfies FormFailure);
}
