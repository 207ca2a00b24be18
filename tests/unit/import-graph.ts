// Shared by the bundle tests: where a static import in src/ leads (a local file, or null for a package).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const SRC = path.resolve('src');

/** The local file `spec` names from `from` ($lib/… or relative), or null when it is a package. */
export function resolveImport(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? path.join(SRC, 'lib', spec.slice(5))
		: spec.startsWith('.')
			? path.resolve(path.dirname(from), spec)
			: null;
	if (!base) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')])
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	return null;
}
