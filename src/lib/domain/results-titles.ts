// The framework's titles by code, in the reader's language where the framework has it: the results
// pages, their charts and the exports name fields, criteria and sub-criteria the same way.
import type { Locale } from '$lib/i18n';
import type { Framework } from './framework';

/** Code → title for every field, criterion and sub-criterion. */
export function frameworkTitles(framework: Framework, locale: Locale): Record<string, string> {
	const out: Record<string, string> = {};
	const title = (node: { title: string; titleEn?: string }) =>
		locale === 'en' && node.titleEn ? node.titleEn : node.title;
	for (const field of framework.fields) {
		out[field.code] = title(field);
		for (const criterion of field.criteria) {
			out[criterion.code] = title(criterion);
			for (const sub of criterion.subCriteria) out[sub.code] = title(sub);
		}
	}
	return out;
}
