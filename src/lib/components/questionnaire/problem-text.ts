// A problem from checkFramework/checkQuestionnaire/an import, in the reader's language, with its
// numbers written the local way (1,5 in Vietnamese).
import type { Problem } from '$lib/domain/framework';
import type { Locale } from '$lib/i18n';
import type { Translate } from '$lib/i18n/translate';

export function problemText(t: Translate, problem: Problem, locale: Locale): string {
	const format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		maximumFractionDigits: 9,
		useGrouping: false
	});
	const params = Object.fromEntries(
		Object.entries(problem.params).map(([name, value]) => [
			name,
			typeof value === 'number' ? format.format(value) : value
		])
	);
	return t(problem.key, params);
}
