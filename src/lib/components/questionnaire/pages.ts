// How a questionnaire is paged for respondents: an introduction, one page per section (a section
// repeated per rated unit gives one page per unit), then the attestation.
import type { Questionnaire, Section } from '$lib/domain/questionnaire';

export type RatedUnit = { id: string | number; name: string };

export type ViewPage =
	| { kind: 'intro'; key: string }
	| { kind: 'section'; key: string; section: Section; unit: RatedUnit | null; unitIndex: number; unitCount: number }
	| { kind: 'end'; key: string };

/** An empty `units` list skips the repeated sections: the respondent rates no unit. */
export function buildPages(q: Questionnaire, units: RatedUnit[]): ViewPage[] {
	// The index keeps keys unique even in an imported draft that repeats a section id.
	const sections = q.sections.flatMap((section, i): ViewPage[] =>
		section.repeatPerRatedUnit
			? units.map((unit, unitIndex) => ({
					kind: 'section',
					key: `s${i}:${section.id}:${unit.id}`,
					section,
					unit,
					unitIndex,
					unitCount: units.length
				}))
			: [{ kind: 'section', key: `s${i}:${section.id}`, section, unit: null, unitIndex: 0, unitCount: 1 }]
	);
	return [{ kind: 'intro', key: 'intro' }, ...sections, { kind: 'end', key: 'end' }];
}

/** The first page showing the section, or -1. */
export function pageOfSection(pages: ViewPage[], sectionId: string): number {
	return pages.findIndex((p) => p.kind === 'section' && p.section.id === sectionId);
}

/** Question numbers run through the whole questionnaire; a repeated section keeps its numbers per unit. */
export function questionNumbers(q: Questionnaire): Map<string, number> {
	return new Map(q.sections.flatMap((s) => s.questions).map((question, i) => [question.id, i + 1]));
}

/** Form field names for the answers; question ids are unique across the questionnaire. */
export function answerName(questionId: string, unit: RatedUnit | null): string {
	return unit ? `answer:${questionId}:${unit.id}` : `answer:${questionId}`;
}

export function commentName(questionId: string, unit: RatedUnit | null): string {
	return unit ? `comment:${questionId}:${unit.id}` : `comment:${questionId}`;
}

/**
 * Keys for a keyed {#each}: the id, unless an unfinished draft repeats it (checkQuestionnaire
 * reports that); Svelte refuses duplicate keys, and the page must still open so it can be fixed.
 */
export function withKeys<T extends { id: string }>(items: readonly T[]): { item: T; key: string }[] {
	const seen = new Set<string>();
	return items.map((item, i) => {
		const key = seen.has(item.id) ? `${item.id}#${i}` : item.id;
		seen.add(key);
		return { item, key };
	});
}
