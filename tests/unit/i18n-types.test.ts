// `Translate` is typed over the catalog's keys, so `npm run check` (svelte-check type-checks tests too)
// fails on a mistyped key. Each `@ts-expect-error` below is itself an error if the line ever type-checks.
import { describe, expect, it } from 'vitest';
import type { MessageKey } from '$lib/i18n/keys';
import { translatorOf, type Translate } from '$lib/i18n/translate';
import { message } from '$lib/domain/message';

const t: Translate = translatorOf({ 'respondent.title': 'Phiếu khảo sát cá nhân' });

describe('message keys are checked at compile time', () => {
	it('accepts a known key and refuses an unknown one', () => {
		expect(t('respondent.title')).toBe('Phiếu khảo sát cá nhân');
		// @ts-expect-error: not a catalog key, so the type check fails
		expect(t('no.such.key')).toBe('no.such.key');
	});

	it('refuses an unknown key as a MessageKey and in a Message', () => {
		const known: MessageKey = 'error.notFound';
		// @ts-expect-error: not a catalog key
		const unknown: MessageKey = 'error.noSuchThing';
		// @ts-expect-error: not a catalog key
		const refused = message('respondent.error.noSuchThing');
		expect([known, unknown, refused.key]).toEqual([
			'error.notFound',
			'error.noSuchThing',
			'respondent.error.noSuchThing'
		]);
	});
});
