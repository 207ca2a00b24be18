// The check on the tallies computed at the opening: rebuild them from the opened sheets themselves and
// compare. Reads every opened sheet of the campaign (its cell and answers, nothing else exists on one).
// better-sqlite3 is synchronous, so this holds the process for its whole run (~75 s at a million
// sheets): it is an operator command (`npm run cli -- results:check`), not a page.
import { tallyKeys, type SheetAnswers } from '$lib/domain/ballot';
import type { ResultsData, TallyRow } from '$lib/domain/results';
import type { Db } from '../db/open';
import { loadResultsData, type ResultsCampaign } from './load';

/** Tallies and sheet counts recomputed from the stored sheets, in the shape the stored ones have. */
export async function recomputeResultsData(
	db: Db,
	campaign: ResultsCampaign,
	loaded?: ResultsData
): Promise<ResultsData> {
	const stored = loaded ?? (await loadResultsData(db, campaign));
	const counts = new Map<string, TallyRow>();
	const sheets = new Map<number, number>();
	const rows = db
		.selectFrom('opened_sheet')
		.select(['cell_id', 'body'])
		.where('campaign_id', '=', campaign.id)
		.stream(1000);
	for await (const row of rows) {
		sheets.set(row.cell_id, (sheets.get(row.cell_id) ?? 0) + 1);
		for (const k of tallyKeys(JSON.parse(row.body) as SheetAnswers)) {
			// A plain string key: JSON.stringify per answer was most of the time at a million sheets.
			const id = `${row.cell_id}\u0000${k.questionId}\u0000${k.unitId}\u0000${k.optionId}`;
			const found = counts.get(id);
			if (found) found.count++;
			else
				counts.set(id, {
					cellId: row.cell_id,
					questionId: k.questionId,
					unitKey: k.unitId,
					optionId: k.optionId,
					count: 1
				});
		}
	}
	return {
		...stored,
		cells: stored.cells.map((c) => ({ ...c, sheets: sheets.get(c.id) ?? 0 })),
		tallies: [...counts.values()]
	};
}

export interface TallyCheck {
	ok: boolean;
	sheets: number;
	/** Rows whose stored count differs from the recomputed one (missing rows count as 0). */
	differences: {
		cellId: number;
		questionId: string;
		unitKey: string;
		optionId: string;
		stored: number;
		recomputed: number;
	}[];
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
		if (s !== r)
			differences.push({
				cellId: row.cellId,
				questionId: row.questionId,
				unitKey: row.unitKey,
				optionId: row.optionId,
				stored: s,
				recomputed: r
			});
	}
	for (const cell of stored.cells) {
		const r = again.cells.find((c) => c.id === cell.id)!.sheets;
		if (r !== cell.sheets)
			differences.push({
				cellId: cell.id,
				questionId: '*',
				unitKey: '',
				optionId: '*',
				stored: cell.sheets,
				recomputed: r
			});
	}
	return { ok: differences.length === 0, sheets: again.cells.reduce((s, c) => s + c.sheets, 0), differences };
}
