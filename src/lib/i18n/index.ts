// Vietnamese first, English second. Keys are shared; a test fails if a locale lacks one.
import { en } from './en';
import { vi } from './vi';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof vi;

export const messages: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'vi' || value === 'en';
}

export function isMessageKey(key: string): key is MessageKey {
	return Object.prototype.hasOwnProperty.call(vi, key);
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Unknown keys come back as themselves, so a missing text is visible rather than blank. */
export function translator(locale: Locale): Translate {
	const table = messages[locale];
	return (key, params) => {
		const text = isMessageKey(key) ? table[key] : key;
		return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
	};
}
