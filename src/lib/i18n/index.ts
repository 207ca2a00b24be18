// Vietnamese first, English second. Each feature keeps its texts beside the core ones; a test
// fails when a key exists in one locale and not the other.
import { ballotMessages } from './ballot';
import { campaignMessages } from './campaign';
import { deliveryMessages } from './delivery';
import { flagsMessages } from './flags';
import { frameworkMessages } from './framework';
import { monitoringMessages } from './monitoring';
import { respondentMessages } from './respondent';
import { resultsMessages } from './results';
import { resultsExportMessages } from './results-export';
import { rosterMessages } from './roster';
import { sealingMessages } from './sealing';
import { committeeMessages } from './committee';
import { openingMessages } from './opening';
import { templatesMessages } from './templates';
import { en as coreEn } from './en';
import { vi as coreVi } from './vi';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const vi = {
	...coreVi,
	...campaignMessages.vi,
	...frameworkMessages.vi,
	...rosterMessages.vi,
	...templatesMessages.vi,
	...respondentMessages.vi,
	...ballotMessages.vi,
	...flagsMessages.vi,
	...monitoringMessages.vi,
	...deliveryMessages.vi,
	...resultsMessages.vi,
	...resultsExportMessages.vi,
	...sealingMessages.vi,
	...committeeMessages.vi,
	...openingMessages.vi
};
const en: Record<string, string> = {
	...coreEn,
	...campaignMessages.en,
	...frameworkMessages.en,
	...rosterMessages.en,
	...templatesMessages.en,
	...respondentMessages.en,
	...ballotMessages.en,
	...flagsMessages.en,
	...monitoringMessages.en,
	...deliveryMessages.en,
	...resultsMessages.en,
	...resultsExportMessages.en,
	...sealingMessages.en,
	...committeeMessages.en,
	...openingMessages.en
};
export type MessageKey = keyof typeof vi;

export const messages: Record<Locale, Record<string, string>> = { vi, en };

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
		const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
		return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
	};
}
