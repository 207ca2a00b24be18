// The respondent's first page must stay light on a phone (issue 16): follows every static import of the
// modules that page loads (the root layout, the error page, `/s`) and checks that none reaches zod, a
// message catalog (texts come with the page's data, in one locale) or a package beyond Svelte. Crypto,
// QR codes and charts may only be loaded lazily (`import()`, not followed here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImport, SRC } from './import-graph';

const ENTRIES = ['routes/+layout.svelte', 'routes/+error.svelte', 'routes/s/+page.svelte'].map((f) =>
	path.join(SRC, f)
);
/** Static imports and re-exports (`import x from`, `export * from`, `import 'x'`), not `import type`. */
const STATIC_IMPORT = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
/** The translator and the error page's few shell texts; every other file of src/lib/i18n is a catalog. */
const I18N_ALLOWED = new Set(['translate.ts', 'fallback.ts']);

/** The local files and the packages (with a file importing each) reachable from `entries`. */
function reach(entries: string[]) {
	const files = new Set<string>();
	const packages = new Map<string, string>();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		for (const [, typeOnly, spec] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
			if (typeOnly) continue; // erased at build time
			const local = resolveImport(file, spec);
			if (local) queue.push(local);
			else if (!spec.startsWith('.') && !spec.startsWith('$')) packages.set(spec, path.relative(SRC, file));
		}
	}
	return { files: [...files].map((f) => path.relative(SRC, f)), packages };
}

describe("the respondent's first page", () => {
	const { files, packages } = reach(ENTRIES);

	it('follows imports into the components and the domain (the walk works)', () => {
		expect(files).toContain('lib/components/respondent/AnswerForm.svelte');
		expect(files).toContain('lib/domain/ballot.ts');
		expect(files).toContain('lib/i18n/translate.ts');
	});

	it('imports no package but Svelte: no zod, and crypto, QR codes and charts only lazily', () => {
		const foreign = [...packages].filter(([name]) => !/^svelte(\/|$)/.test(name));
		expect(foreign, 'package ← importing file').toEqual([]);
	});

	it('imports no message catalog: its texts come with the page, in the reader’s locale only', () => {
		const catalogs = files.filter((f) => f.startsWith('lib/i18n/') && !I18N_ALLOWED.has(path.basename(f)));
		expect(catalogs).toEqual([]);
	});

	it('sees a re-export and a catalog when there is one (the check is not blind)', () => {
		const barrel = reach([path.join(SRC, 'lib/domain/questionnaire.ts')]);
		expect(barrel.packages.has('zod')).toBe(true);
		const i18n = reach([path.join(SRC, 'lib/i18n/index.ts')]);
		expect(i18n.files).toContain('lib/i18n/respondent.ts');
	});
});
