// `npm run cli -- results:check`: the operator's recount of an opened campaign's tallies from its opened sheets.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';
import { closeAndOpen } from './results-support';

afterAll(removeTemplate);

function cli(file: string, dir: string, args: string[]) {
	return spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_PATH: file, KEYS_FILE: path.join(dir, 'par-survey.key') }
	});
}

describe('results:check', () => {
	it('recounts the opened sheets, reports a tampered tally, refuses an unknown campaign; each run is audited', async () => {
		const { t, key, links, shares } = await seededCopy();
		try {
			for (let i = 0; i < 3; i++) {
				const { ctx } = await verifiedRespondent(t.db, key, links[i].token);
				await submitAnswers(t.db, key, ctx, i);
			}
			// Before the opening every sheet is sealed: nothing to recount, and nothing audited.
			const sealed = cli(t.file, t.dir, ['results:check', '--campaign', 'dtxh-2026']);
			expect(sealed.status).toBe(2);
			expect(sealed.stderr).toContain('chưa được kiểm phiếu');
			expect(
				await t.db.selectFrom('audit_event').select('seq').where('action', '=', 'results.tallies_checked').execute()
			).toEqual([]);
			expect(await closeAndOpen(t, shares)).toMatchObject({ sheets: 3, invalid: 0 });
			const checks = () =>
				t.db.selectFrom('audit_event').select('payload').where('action', '=', 'results.tallies_checked').execute();

			const ok = cli(t.file, t.dir, ['results:check', '--campaign', 'dtxh-2026']);
			expect(ok.status, ok.stderr).toBe(0);
			expect(ok.stdout).toContain('khớp với 3 phiếu');
			expect((await checks()).map((e) => JSON.parse(e.payload))).toEqual([{ ok: true, sheets: 3, differences: 0 }]);

			const row = await t.db
				.selectFrom('opened_tally')
				.select(['cell_id', 'question_id', 'unit_key', 'option_id', 'count'])
				.where('question_id', '=', 'q1.1.1')
				.orderBy('option_id')
				.executeTakeFirstOrThrow();
			await t.db
				.updateTable('opened_tally')
				.set({ count: row.count + 1 })
				.where('cell_id', '=', row.cell_id)
				.where('question_id', '=', row.question_id)
				.where('unit_key', '=', row.unit_key)
				.where('option_id', '=', row.option_id)
				.execute();
			const bad = cli(t.file, t.dir, ['results:check', '--campaign', 'dtxh-2026']);
			expect(bad.status).toBe(1);
			expect(bad.stderr).toContain('1 chỗ lệch');
			expect(bad.stderr).toContain(`q1.1.1 - ${row.option_id}: ${row.count + 1} ≠ ${row.count}`);

			const unknown = cli(t.file, t.dir, ['results:check', '--campaign', 'khong-co']);
			expect(unknown.status).toBe(2);
			expect(unknown.stderr).toContain('không tìm thấy đợt khảo sát');
			expect((await checks()).map((e) => JSON.parse(e.payload).ok)).toEqual([true, false]);
		} finally {
			await t.close();
		}
	}, 60_000);
});
