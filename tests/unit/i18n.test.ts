import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, translator } from '$lib/i18n';
import { AREAS, ROLES } from '$lib/domain/roles';
import { SETTINGS } from '$lib/domain/settings';
import { AUDIT_ACTIONS } from '$lib/domain/audit-actions';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|svelte)$/.test(name) ? [full] : [];
	});
}

// Indexed by any string here: the test walks every key.
const vi: Record<string, string> = messages.vi;
const en = messages.en;

describe('locales', () => {
	it('Vietnamese and English have exactly the same keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
	});

	it('every text is non-empty and uses the same placeholders in both locales', () => {
		for (const key of Object.keys(vi)) {
			expect(vi[key].trim(), key).not.toBe('');
			expect(en[key].trim(), key).not.toBe('');
			expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
		}
	});

	it('Vietnamese texts are NFC-normalised', () => {
		for (const [key, text] of Object.entries(vi)) expect(text, key).toBe(text.normalize('NFC'));
	});

	it('has a text for every role, area, setting and audit action the code can produce', () => {
		const needed = [
			...ROLES.flatMap((r) => [`role.${r}`, `home.role.${r}`]),
			...AREAS.flatMap((a) => [`nav.${a}`, ...(a === 'home' ? [] : [`home.area.${a}`])]),
			...SETTINGS.flatMap((s) => [`settings.${s.key}`, `settings.${s.key}.hint`])
		];
		const sources = sourceFiles('src')
			.map((f) => readFileSync(f, 'utf8'))
			.join('\n');
		needed.push(...AUDIT_ACTIONS.map((a) => `action.${a}`));
		const errorKeys = new Set(
			[...sources.matchAll(/'((?:error|[a-z]+\.(?:error|guard|warning|problem|edit))\.[A-Za-z]+)'/g)].map((m) => m[1])
		);
		expect(errorKeys.size).toBeGreaterThan(40);
		needed.push(...errorKeys);
		expect(needed.filter((k) => !(k in vi))).toEqual([]);
	});

	it('fills placeholders and leaves unknown keys visible', () => {
		const t = translator('vi');
		expect(t('error.accountLocked', { time: '09:05' })).toContain('lúc 09:05');
		expect(translator('en')('audit.chainOk', { count: 3 })).toBe('Hash chain intact: 3 events.');
		// @ts-expect-error: an unknown key fails the type check; at run time it comes back as itself
		expect(t('no.such.key')).toBe('no.such.key');
	});
});
