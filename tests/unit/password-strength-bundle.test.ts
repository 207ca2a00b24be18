// The password checker's dictionaries weigh megabytes: no browser code may import them, least of all a
// respondent's page. Follows every import from every client-side module (components, universal loads).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImport, SRC } from './import-graph';

const SERVER_ONLY = /(\.server\.ts$|\/server\/|\/cli\/)/;

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : [full];
	});
}

/** Every package a client module can reach, with the local file that imports it. */
function reachablePackages(entries: string[]): Map<string, string> {
	const packages = new Map<string, string>();
	const seen = new Set<string>();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const [, typeOnly, spec] of source.matchAll(/import\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g)) {
			if (typeOnly) continue; // erased at build time
			const local = resolveImport(file, spec);
			if (local) queue.push(local);
			else if (!spec.startsWith('.') && !spec.startsWith('$')) packages.set(spec, path.relative(SRC, file));
		}
	}
	return packages;
}

describe('the password checker stays on the server', () => {
	it('no client-side module reaches zxcvbn or its dictionaries', () => {
		const clientEntries = walk(SRC).filter(
			(f) => (f.endsWith('.svelte') || /\/\+(page|layout)\.ts$/.test(f)) && !SERVER_ONLY.test(f)
		);
		expect(clientEntries.length).toBeGreaterThan(20);
		const packages = reachablePackages(clientEntries);
		expect(packages.has('zod')).toBe(true); // the walk does follow $lib imports into the domain
		expect([...packages].filter(([name]) => name.startsWith('@zxcvbn-ts/'))).toEqual([]);
	});
});
