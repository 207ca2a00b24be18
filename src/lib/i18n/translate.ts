// The translator pages use: built from the texts the server sent with the page (only the catalogs that
// page shows, in the reader's locale), so no catalog is bundled into the browser's JavaScript.
import type { MessageKey } from './keys';

export type MessageParams = Record<string, string | number>;
export type Texts = Readonly<Record<string, string>>;
/** Typed over the catalog's keys: a mistyped key fails `npm run check`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Unknown keys come back as themselves, so a missing text is visible rather than blank. */
export function translatorOf(texts: Texts): Translate {
	return (key, params) => {
		const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
		return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
	};
}
