// Reading an action's `{ action, errors, values }` failure, or its `{ action, saved }` success, in a page.
import type { FieldErrors, Message } from '$lib/domain/message';
import type { Translate } from '$lib/i18n/translate';

export type FormFailureData = { action: string; errors: FieldErrors; values: Record<string, string> };

/**
 * The failure if it came from this action (a page with several forms shows each its own), or from any
 * action when none is named.
 */
export function failureOf(form: unknown, action?: string): FormFailureData | null {
	if (!form || typeof form !== 'object' || !('action' in form) || !('errors' in form)) return null;
	const failure = form as FormFailureData;
	return action === undefined || failure.action === action ? failure : null;
}

export type FormSuccessData = { action: string; saved: Message };

/** What a successful action says (`{ action, saved }`): of this action, or of any when none is named. */
export function savedOf(form: unknown, action?: string): Message | null {
	if (!form || typeof form !== 'object' || !('action' in form) || !('saved' in form)) return null;
	const success = form as FormSuccessData;
	return action === undefined || success.action === action ? success.saved : null;
}

/** A translator of messages, for `{ key, params }` values handed over by the server. */
export function say(t: Translate, message: Message | null | undefined): string | undefined {
	return message ? t(message.key, message.params) : undefined;
}

/** The translated error of one field of a failure, if any. */
export function fieldError(t: Translate, failure: FormFailureData | null, name: string): string | undefined {
	return say(t, failure?.errors[name]);
}
