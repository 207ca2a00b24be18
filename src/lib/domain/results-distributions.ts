// Answer distributions of a selection of cells: per question, how many answers each option got.
// Computed for shown nodes only (results-view.ts asks the disclosure plan before calling this).
import type { OptionCounts, ResultCell, ResultTree } from './results';

export interface OptionShare {
	id: string;
	label: string;
	weight: number | null;
	dontKnow: boolean;
	count: number;
}
export interface Distribution {
	questionId: string;
	text: string;
	subCriterion: string;
	rated: boolean;
	answered: number;
	options: OptionShare[];
}

/** How the selection's answers spread over each question's options (only the view calls this: it checks the plan). */
export function distributionsOf(tree: ResultTree, cells: ResultCell[]): Distribution[] {
	const counts = new Map<string, OptionCounts>();
	const groupsSeen = new Set<number>();
	for (const cell of cells) {
		groupsSeen.add(cell.groupId);
		for (const [questionId, opts] of tree.cellAggregates.get(cell.id)!.options) {
			const into = counts.get(questionId) ?? new Map<string, number>();
			for (const [optionId, n] of opts) into.set(optionId, (into.get(optionId) ?? 0) + n);
			counts.set(questionId, into);
		}
	}
	// Questions in questionnaire order, each once even when several groups share it; the options are the
	// union over the groups' versions (the first label wins), so no group's answers are dropped.
	const out: Distribution[] = [];
	const byId = new Map<string, Distribution>();
	for (const group of tree.data.groups) {
		const q = tree.data.questionnaires.get(group.id);
		if (!q || !groupsSeen.has(group.id)) continue;
		for (const section of q.sections) {
			for (const question of section.questions) {
				let d = byId.get(question.id);
				if (!d) {
					d = {
						questionId: question.id,
						text: question.text,
						subCriterion: question.subCriterion,
						rated: section.repeatPerRatedUnit,
						answered: 0,
						options: []
					};
					byId.set(question.id, d);
					out.push(d);
				}
				const got = counts.get(question.id) ?? new Map<string, number>();
				for (const o of question.options)
					if (!d.options.some((x) => x.id === o.id))
						d.options.push({
							id: o.id,
							label: o.label,
							weight: o.weight,
							dontKnow: o.dontKnow,
							count: got.get(o.id) ?? 0
						});
			}
		}
	}
	for (const d of out) d.answered = d.options.reduce((s, o) => s + o.count, 0);
	return out;
}
