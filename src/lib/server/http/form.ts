// The one way actions read forms and refuse them: `readForm` then `refuseForm`, so every page gets
// `{ action, errors, values }` back and can tell which of its forms failed.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { echoValues, parseForm, type FormValues, type ParsedForm } from '$lib/domain/form';
import type { FieldErrors, Message } from '$lib/domain/message';

export type FormFailure = { action: string; errors: FieldErrors; values: FormValues };

const BAD_FORM: Message = { key: 'error.badForm' };

/**
 * The request's form data. A body that is no well-formed form (a forged multipart boundary) is the
 * sender's fault: 400 with a Vietnamese message, not a 500 and a stack trace in the log.
 */
export async function readFormData(event: RequestEvent): Promise<FormData> {
	const data = await tryFormData(event);
	if (!data) error(400, { message: BAD_FORM.key });
	return data;
}

/** null when the body cannot be parsed; adapter-node's own refusals (413 over BODY_SIZE_LIMIT) pass through. */
async function tryFormData(event: RequestEvent): Promise<FormData | null> {
	try {
		return await event.request.formData();
	} catch (e) {
		if (typeof (e as { status?: unknown })?.status === 'number') throw e;
		return null;
	}
}

function stringFields(data: FormData): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of data) if (typeof value === 'string' && !(name in fields)) fields[name] = value;
	return fields;
}

/** The submitted fields as plain strings (files and repeated fields are read by the action itself). */
export async function readFields(event: RequestEvent): Promise<Record<string, string>> {
	return stringFields(await readFormData(event));
}

/** `keep`: fields to echo back although their name looks secret (a group's `code`). */
export async function readForm<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	keep: readonly string[] = []
): Promise<ParsedForm<z.output<S>>> {
	const data = await tryFormData(event);
	// The one failure shape, so the page shows it where it shows any refusal of the whole form.
	if (!data) return { ok: false, errors: { form: BAD_FORM }, values: {} };
	return parseForm(schema, stringFields(data), keep);
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
