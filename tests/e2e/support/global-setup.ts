// Once per e2e run: a directory for the seeded demo template that demo-template.ts fills on first use
// (a run of files that need no demo database never seeds one); removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		e2eDemoTemplateDir: string;
	}
}

export default function setup(project: TestProject): () => void {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-e2e-template-'));
	project.provide('e2eDemoTemplateDir', dir);
	return () => rmSync(dir, { recursive: true, force: true });
}
