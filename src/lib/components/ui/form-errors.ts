// Reading an action's `{ action, errors, values }` failure in a page.
import type { FieldErrors, Message } from '$lib/domain/message';
import type { Translate } from '$lib/i18n/translate';

export type FormFailureData = { action: string; errors: FieldErrors; values: Record<string, string> };

/** The failure if it came from this action (a page with several forms shows each its own). */
export function failureOf(form: unknown, action: string): FormFailureData | null {
	if (!form || typeof form !== 'object' || !('action' in form) || !('errors' in form)) return null;
	return (form as FormFailureData).action === action ? (form as FormFailureData) : null;
}

/** A translator of messages, for `{ key, params }` values handed over by the server. */
export function say(t: Translate, message: Message | undefined): string | undefined {
	return message ? t(message.key, message.params) : undefined;
}

/** The translated error of one field of a failure, if any. */
export function fieldError(t: Translate, failure: FormFailureData | null, name: string): string | undefined {
	return say(t, failure?.errors[name]);
}
