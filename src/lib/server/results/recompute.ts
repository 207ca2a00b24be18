// The check on the tallies kept at cast time: rebuild them from the answer sheets themselves and
// compare. Reads every sheet of the campaign (its cell and answers, nothing else exists on a sheet).
// better-sqlite3 is synchronous, so this holds the process for its whole run (~75 s at a million
// sheets): it is an operator command (`npm run cli -- results:check`), not a page.
import { tallyKeys, type SheetAnswers } from '$lib/domain/ballot';
import type { ResultsData, TallyRow } from '$lib/domain/results';
import type { Db } from '../db/open';
import { loadResultsData, type ResultsCampaign } from './load';

/** Tallies and sheet counts recomputed from the stored sheets, in the shape the stored ones have. */
export async function recomputeResultsData(db: Db, campaign: ResultsCampaign, loaded?: ResultsData): Promise<ResultsData> {
	const stored = loaded ?? (await loadResultsData(db, campaign));
	const counts = new Map<string, TallyRow>();
	const sheets = new Map<number, number>();
	let current: { key: string; cell: number; body: string } | null = null;
	const finish = () => {
		if (!current) return;
		sheets.set(current.cell, (sheets.get(current.cell) ?? 0) + 1);
		for (const k of tallyKeys(JSON.parse(current.body) as SheetAnswers)) {
			// A plain string key: JSON.stringify per answer was most of the time at a million sheets.
			const id = `${current.cell}\u0000${k.questionId}\u0000${k.unitId}\u0000${k.optionId}`;
			const row = counts.get(id);
			if (row) row.count++;
			else counts.set(id, { cellId: current.cell, questionId: k.questionId, unitKey: k.unitId, optionId: k.optionId, count: 1 });
		}
	};
	const rows = db
		.selectFrom('answer_sheet as s')
		.innerJoin('answer_chunk as c', 'c.key_hash', 's.key_hash')
		.select(['s.key_hash', 's.cell_id', 'c.body'])
		.where('s.campaign_id', '=', campaign.id)
		.orderBy('s.key_hash')
		.orderBy('c.n')
		.stream(1000);
	for await (const row of rows) {
		if (current && current.key === row.key_hash) current.body += row.body;
		else {
			finish();
			current = { key: row.key_hash, cell: row.cell_id, body: row.body };
		}
	}
	finish();
	return { ...stored, cells: stored.cells.map((c) => ({ ...c, sheets: sheets.get(c.id) ?? 0 })), tallies: [...counts.values()] };
}

export interface TallyCheck {
	ok: boolean;
	sheets: number;
	/** Rows whose stored count differs from the recomputed one (missing rows count as 0). */
	differences: { cellId: number; questionId: string; unitKey: string; optionId: string; stored: number; recomputed: number }[];
}

/** Compares the stored tallies and sheet counts with a recomputation from the sheets. */
export async function checkTallies(db: Db, campaign: ResultsCampaign): Promise<TallyCheck> {
	const stored = await loadResultsData(db, campaign);
	const again = await recomputeResultsData(db, campaign, stored);
	const id = (r: TallyRow) => `${r.cellId}\u0000${r.questionId}\u0000${r.unitKey}\u0000${r.optionId}`;
	const a = new Map(stored.tallies.filter((r) => r.count !== 0).map((r) => [id(r), r]));
	const b = new Map(again.tallies.map((r) => [id(r), r]));
	const differences: TallyCheck['differences'] = [];
	for (const key of new Set([...a.keys(), ...b.keys()])) {
		const s = a.get(key)?.count ?? 0;
		const r = b.get(key)?.count ?? 0;
		const row = (a.get(key) ?? b.get(key))!;
		if (s !== r) differences.push({ cellId: row.cellId, questionId: row.questionId, unitKey: row.unitKey, optionId: row.optionId, stored: s, recomputed: r });
	}
	for (const cell of stored.cells) {
		const r = again.cells.find((c) => c.id === cell.id)!.sheets;
		if (r !== cell.sheets) differences.push({ cellId: cell.id, questionId: '*', unitKey: '', optionId: '*', stored: cell.sheets, recomputed: r });
	}
	return { ok: differences.length === 0, sheets: again.cells.reduce((s, c) => s + c.sheets, 0), differences };
}
