// One shape for every text the domain or a service hands to the UI: a catalog key and its parameters.
// Types only from i18n (erased at build time): the domain never holds Vietnamese or English text.
import type { MessageKey, MessageParams } from '$lib/i18n';

export type { MessageKey, MessageParams };
export type Message = { key: MessageKey; params?: MessageParams };
/** A field's first problem, by field name; `form` holds a problem of the whole form. */
export type FieldErrors = Partial<Record<string, Message>>;
/** The outcome of an operation that can be refused: its value, or why not. */
export type Result<T = void, E = Message> = { ok: true; value: T } | { ok: false; error: E };

export function message(key: MessageKey, params?: MessageParams): Message {
	return params ? { key, params } : { key };
}

export function ok<T>(value: T): { ok: true; value: T } {
	return { ok: true, value };
}

export function refuse<E = Message>(error: E): { ok: false; error: E } {
	return { ok: false, error };
}
