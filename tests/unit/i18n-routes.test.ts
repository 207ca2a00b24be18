// The respondent's pages are sent only the texts they show, in the reader's locale: no staff texts, no
// English for a Vietnamese reader (issue 12). Keys are found by scanning the sources the pages run.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { CATALOGS } from '$lib/i18n/catalogs';
import { campaignMessages } from '$lib/i18n/campaign';
import { committeeMessages } from '$lib/i18n/committee';
import { deliveryMessages } from '$lib/i18n/delivery';
import { FALLBACK_TEXTS } from '$lib/i18n/fallback';
import { flagsMessages } from '$lib/i18n/flags';
import { frameworkMessages } from '$lib/i18n/framework';
import { monitoringMessages } from '$lib/i18n/monitoring';
import { openingMessages } from '$lib/i18n/opening';
import { outreachMessages } from '$lib/i18n/outreach';
import { resultsMessages } from '$lib/i18n/results';
import { resultsExportMessages } from '$lib/i18n/results-export';
import { rosterMessages } from '$lib/i18n/roster';
import { sealingMessages } from '$lib/i18n/sealing';
import { templatesMessages } from '$lib/i18n/templates';
import { vi as coreVi } from '$lib/i18n/vi';
import { catalogsFor, textsFor } from '$lib/server/texts';

function sourceFiles(entry: string): string[] {
	if (!statSync(entry).isDirectory()) return [entry];
	return readdirSync(entry).flatMap((name) => sourceFiles(path.join(entry, name)));
}

// What runs on, or answers, the respondent's pages (the links, the public page, the revision page).
const RESPONDENT_SOURCES = [
	'src/routes/s',
	'src/routes/c',
	'src/routes/+error.svelte',
	'src/lib/components/respondent',
	'src/lib/components/questionnaire/QuestionnaireView.svelte',
	'src/lib/components/questionnaire/pages.ts',
	'src/lib/respondent',
	'src/lib/server/respondent',
	'src/lib/server/ballot',
	'src/lib/server/http/json-body.ts',
	'src/lib/domain/ballot.ts'
].flatMap(sourceFiles);

// Keys those sources name that never reach a respondent's page, each with why.
const NOT_SHOWN_TO_RESPONDENTS = new Set([
	'delivery.error.cancelledNewCode' // written on a superseded code message, read in the staff delivery log
]);

const vi: Record<string, string> = messages.vi;
const allKeys = Object.keys(vi);

/** Every catalog key a source names: quoted literals, and each key under a `prefix.${…}` template. */
function keysUsedIn(source: string): string[] {
	const literals = [...source.matchAll(/['"]([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)['"]/g)].map((m) => m[1]);
	const templates = [...source.matchAll(/`([a-z][A-Za-z]*(?:\.[A-Za-z_]+)*\.)\$\{/g)].map((m) => m[1]);
	return [
		...literals.filter((key) => key in messages.vi),
		...templates.flatMap((prefix) => allKeys.filter((key) => key.startsWith(prefix)))
	];
}

const respondentRoutes = ['/s', '/s/[token]', '/s/credential', '/c/[slug]', '/c/[slug]/revise', '/c/[slug]/ballot'];

describe('texts sent per route', () => {
	it('sends a respondent route every key its pages, components and services use', () => {
		const sent = textsFor('vi', '/c/[slug]');
		expect(Object.keys(textsFor('vi', '/s')).every((key) => key in sent)).toBe(true);
		const missing = RESPONDENT_SOURCES.flatMap((file) =>
			keysUsedIn(readFileSync(file, 'utf8'))
				.filter((key) => !(key in sent) && !NOT_SHOWN_TO_RESPONDENTS.has(key))
				.map((key) => `${file}: ${key}`)
		);
		expect(RESPONDENT_SOURCES.length).toBeGreaterThan(20);
		expect(missing).toEqual([]);
	});

	it('sends the shell keys to every route, and the staff navigation only to signed-in staff', () => {
		const layout = readFileSync('src/routes/+layout.svelte', 'utf8');
		// The navigation and the signed-in user's block render only for staff.
		const staffBlocks = /\{#if data\.(?:nav\.length|user)\}[\s\S]*?\{\/if\}/g;
		expect(layout.match(staffBlocks)).toHaveLength(2);
		const shellKeys = keysUsedIn(layout.replace(staffBlocks, ''));
		expect(shellKeys).toContain('nav.skip');
		for (const routeId of [...respondentRoutes, null, '/login', '/(staff)/campaigns/[id=id]'])
			for (const key of shellKeys) expect(textsFor('vi', routeId), `${routeId}: ${key}`).toHaveProperty([key]);
		const signedIn = textsFor('vi', '/s', true);
		for (const key of keysUsedIn(layout)) expect(signedIn, key).toHaveProperty([key]);
		expect(textsFor('vi', '/s')).not.toHaveProperty(['nav.campaigns']);
	});

	it('sends respondent routes no staff-only key', () => {
		// Namespaces staff catalogs share with the respondent's pages.
		const shared = ['qview.', 'campaign.stateName.', 'public.', 'cast.error.'];
		const shell = new Set(Object.keys(textsFor('vi', null)));
		const staffOnly = [
			Object.keys(coreVi).filter((key) => !shell.has(key)),
			...[
				campaignMessages,
				committeeMessages,
				deliveryMessages,
				flagsMessages,
				frameworkMessages,
				monitoringMessages,
				openingMessages,
				outreachMessages,
				resultsMessages,
				resultsExportMessages,
				rosterMessages,
				sealingMessages,
				templatesMessages
			].map((catalog) => Object.keys(catalog.vi))
		]
			.flat()
			.filter((key) => !shared.some((prefix) => key.startsWith(prefix)));
		expect(staffOnly.length).toBeGreaterThan(1000);
		for (const routeId of respondentRoutes) {
			const sent = textsFor('vi', routeId);
			expect(
				staffOnly.filter((key) => key in sent),
				routeId
			).toEqual([]);
		}
		for (const key of ['invitations.title', 'letters.title', 'outbox.title', 'action.link.opened', 'users.title'])
			expect(textsFor('vi', '/s')).not.toHaveProperty([key]);
	});

	it('sends a Vietnamese reader Vietnamese texts only', () => {
		const english = new Set(allKeys.filter((k) => messages.en[k] !== vi[k]).map((k) => messages.en[k]));
		for (const routeId of respondentRoutes) {
			const sent = textsFor('vi', routeId);
			for (const [key, text] of Object.entries(sent)) {
				expect(text, key).toBe(vi[key]);
				expect(english.has(text), key).toBe(false);
			}
		}
		const en = textsFor('en', '/s');
		expect(en['respondent.title']).toBe(messages.en['respondent.title']);
		expect(Object.keys(en).sort()).toEqual(Object.keys(textsFor('vi', '/s')).sort());
	});

	it('sends a respondent far less than the whole catalog, and staff routes all of it', () => {
		const size = (texts: object) => JSON.stringify(texts).length;
		expect(size(textsFor('vi', '/s'))).toBeLessThan(size(messages.vi) / 4);
		expect(textsFor('vi', '/(staff)/campaigns/[id=id]/invitations')).toEqual(messages.vi);
		expect(textsFor('vi', '/login')).toEqual(messages.vi);
	});

	it('declares no catalog entry that selects nothing (a renamed key must not silently drop out)', () => {
		for (const [name, prefixes] of Object.entries(CATALOGS))
			for (const prefix of prefixes)
				expect(
					allKeys.some((key) => (prefix === '' || prefix.endsWith('.') ? key.startsWith(prefix) : key === prefix)),
					`${name}: ${prefix}`
				).toBe(true);
	});

	it('matches route ids by whole segments', () => {
		expect(catalogsFor('/setup/[token]')).toEqual(['staff']);
		expect(catalogsFor('/s/credential')).toContain('respondent');
		expect(catalogsFor('/c/[slug]/revise')).toContain('public');
		expect(catalogsFor(null)).toEqual(['shell']);
	});

	it('gives the error page its own Vietnamese texts for when the layout failed', () => {
		for (const [key, text] of Object.entries(FALLBACK_TEXTS)) expect(text, key).toBe(vi[key]);
		const page = readFileSync('src/routes/+error.svelte', 'utf8');
		for (const key of keysUsedIn(page)) expect(FALLBACK_TEXTS, key).toHaveProperty([key]);
	});
});
