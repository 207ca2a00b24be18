// Which texts a page is sent: only the catalogs its route shows, in the reader's locale only, so no
// catalog ships in the browser's JavaScript and a respondent's phone gets no staff or English texts.
import { messages, type Locale, type Texts } from '$lib/i18n';
import { inCatalogs, type CatalogName } from '$lib/i18n/catalogs';

const RESPONDENT: readonly CatalogName[] = ['shell', 'respondent', 'ballot', 'questionnaireView'];

/** Route-id prefix (whole segments) → catalogs; the first match wins, staff routes fall through to `staff`. */
export const ROUTE_CATALOGS: ReadonlyArray<readonly [prefix: string, catalogs: readonly CatalogName[]]> = [
	['/s', RESPONDENT],
	['/c', [...RESPONDENT, 'public']]
];
const STAFF_ROUTES: readonly CatalogName[] = ['staff'];
/** No route matched (an unknown address): the shell, for the error page. */
const NO_ROUTE: readonly CatalogName[] = ['shell'];

export function catalogsFor(routeId: string | null, staffSignedIn = false): readonly CatalogName[] {
	const matched =
		routeId === null
			? NO_ROUTE
			: (ROUTE_CATALOGS.find(([prefix]) => routeId === prefix || routeId.startsWith(`${prefix}/`))?.[1] ??
				STAFF_ROUTES);
	return staffSignedIn && !matched.includes('staff') ? [...matched, 'staffShell'] : matched;
}

// Catalogs are constant data, so each selection is computed once per locale and route shape.
const selections = new Map<string, Texts>();

/** The texts for a route (its SvelteKit route id); `staffSignedIn` adds the navigation the shell shows staff. */
export function textsFor(locale: Locale, routeId: string | null, staffSignedIn = false): Texts {
	const catalogs = catalogsFor(routeId, staffSignedIn);
	const cacheKey = `${locale}:${catalogs.join(',')}`;
	let texts = selections.get(cacheKey);
	if (!texts) {
		const all: Record<string, string> = messages[locale];
		texts = Object.fromEntries(Object.entries(all).filter(([key]) => inCatalogs(key, catalogs)));
		selections.set(cacheKey, texts);
	}
	return texts;
}
