// Vietnamese first, English second. Each feature keeps its texts beside the core ones; a test
// fails when a key exists in one locale and not the other.
import { ballotMessages } from './ballot';
import { campaignMessages } from './campaign';
import { campaignNavMessages } from './campaign-nav';
import { deliveryMessages } from './delivery';
import { flagsMessages } from './flags';
import { frameworkMessages } from './framework';
import { monitoringMessages } from './monitoring';
import { outreachMessages } from './outreach';
import { messagesMessages } from './messages';
import { publicMessages } from './public';
import { respondentMessages } from './respondent';
import { resultsMessages } from './results';
import { resultsExportMessages } from './results-export';
import { rosterMessages } from './roster';
import { sealingMessages } from './sealing';
import { committeeMessages } from './committee';
import { openingMessages } from './opening';
import { auditAnchorMessages } from './audit-anchor';
import { auditWordsMessages } from './audit-words';
import { templatesMessages } from './templates';
import { en as coreEn } from './en';
import type { MessageKey } from './keys';
import { translatorOf, type Translate } from './translate';

export type { MessageKey } from './keys';
export type { Translate, MessageParams, Texts } from './translate';
export { translatorOf } from './translate';
import { vi as coreVi } from './vi';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const vi = {
	...coreVi,
	...campaignMessages.vi,
	...campaignNavMessages.vi,
	...frameworkMessages.vi,
	...rosterMessages.vi,
	...templatesMessages.vi,
	...respondentMessages.vi,
	...outreachMessages.vi,
	...messagesMessages.vi,
	...publicMessages.vi,
	...ballotMessages.vi,
	...flagsMessages.vi,
	...monitoringMessages.vi,
	...deliveryMessages.vi,
	...resultsMessages.vi,
	...resultsExportMessages.vi,
	...sealingMessages.vi,
	...committeeMessages.vi,
	...openingMessages.vi,
	...auditAnchorMessages.vi,
	...auditWordsMessages.vi
};
const en: Record<string, string> = {
	...coreEn,
	...campaignMessages.en,
	...campaignNavMessages.en,
	...frameworkMessages.en,
	...rosterMessages.en,
	...templatesMessages.en,
	...respondentMessages.en,
	...outreachMessages.en,
	...messagesMessages.en,
	...publicMessages.en,
	...ballotMessages.en,
	...flagsMessages.en,
	...monitoringMessages.en,
	...deliveryMessages.en,
	...resultsMessages.en,
	...resultsExportMessages.en,
	...sealingMessages.en,
	...committeeMessages.en,
	...openingMessages.en,
	...auditAnchorMessages.en,
	...auditWordsMessages.en
};

/** Both locales hold the same keys (a unit test compares them); `vi` carries the key type. */
export const messages: { vi: typeof vi; en: Record<string, string> } = { vi, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'vi' || value === 'en';
}

export function isMessageKey(key: string): key is MessageKey {
	return Object.prototype.hasOwnProperty.call(vi, key);
}

/** The full catalog of a locale, for server-side texts (e-mails, exports, CLI); pages use `translatorOf`. */
export function translator(locale: Locale): Translate {
	return translatorOf(messages[locale]);
}
