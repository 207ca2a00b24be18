// Which texts a page is sent: the reader's locale only, so no catalog ships in the browser's JavaScript.
import { messages, type Locale, type Texts } from '$lib/i18n';

/** The texts for a route (its SvelteKit route id); a page may show any of them. */
export function textsFor(locale: Locale, _routeId: string | null): Texts {
	return messages[locale];
}
