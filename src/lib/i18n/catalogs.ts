// What a page may be sent, by feature. A catalog is a feature's key namespaces (a prefix ending in '.')
// or single keys; `src/lib/server/texts.ts` maps each route to the catalogs it shows, so a respondent's
// phone never downloads staff texts.

/** Key prefixes per feature; `''` selects every key. */
export const CATALOGS = {
	/** The page shell every page shows: header, footer, skip link, demo banner, the error page. */
	shell: [
		'app.',
		'nav.skip',
		'demo.banner',
		'error.title',
		'error.reference',
		'error.backHome',
		'error.unexpected',
		'error.notFound',
		'error.unavailable',
		'error.forbidden',
		'error.badForm'
	],
	/** The staff part of the shell (navigation, role badge): only for a signed-in staff member. */
	staffShell: ['nav.', 'role.'],
	/** The respondent's own pages: link, verification, attestation, answering, receipt, revision. */
	respondent: [
		'respondent.',
		'resume.',
		'answer.',
		'receipt.',
		'revise.',
		'cast.error.',
		'error.jsonOnly',
		'error.bodyTooLarge',
		'error.badJson'
	],
	/** Refusals of a submitted answer sheet (`domain/ballot.ts`). */
	ballot: ['ballot.'],
	/** The questionnaire as the respondent sees it (`QuestionnaireView`). */
	questionnaireView: ['qview.'],
	/** The public page of a campaign: state, receipts, keys, counts. */
	public: ['public.', 'campaign.stateName.'],
	/** Staff pages may show any feature's texts (previews, audit labels, results). */
	staff: ['']
} as const satisfies Record<string, readonly string[]>;

export type CatalogName = keyof typeof CATALOGS;

/** Whether `key` belongs to one of `catalogs`. */
export function inCatalogs(key: string, catalogs: readonly CatalogName[]): boolean {
	return catalogs.some((name) =>
		CATALOGS[name].some((prefix) => (prefix === '' || prefix.endsWith('.') ? key.startsWith(prefix) : key === prefix))
	);
}
