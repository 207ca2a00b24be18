// Once per run, before any integration file: a directory for the seeded demo template that
// demo-template.ts fills on first use (so a run that needs no template never seeds one), removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		demoTemplateDir: string;
	}
}

export default function setup(project: TestProject): () => void {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-template-'));
	project.provide('demoTemplateDir', dir);
	return () => rmSync(dir, { recursive: true, force: true });
}
