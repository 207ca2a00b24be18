// Results against a real SQLite file filled through the real respondent protocol, sealed, closed and
// opened by the demo committee: the tallies computed at the opening give exactly the figures a
// recomputation from the opened sheets gives, and the per-answer scoring gives the same points; the
// gate refuses who it must (nobody reads a round before its opening); no view carries anything personal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResultTree, type ResultsData } from '$lib/domain/results';
import { nodeOfRow, resultsView, type ResultsSelection, type ResultsView } from '$lib/domain/results-view';
import { scoreSurvey, scoredAnswers, type ScoredAnswer } from '$lib/domain/scoring';
import type { SheetAnswers } from '$lib/domain/ballot';
import { advanceCampaign, type Staff } from '$lib/server/campaigns/campaigns';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { loadResultTree, loadResultsData } from '$lib/server/results/load';
import { publishedResults, type ResultsCampaignRow } from '$lib/server/results/published';
import { checkTallies, recomputeResultsData } from '$lib/server/results/recompute';
import { resultsAccess } from '$lib/server/results/access';
import { readSettings } from '$lib/server/admin/settings';
import { META, type TestDb } from './support';
import { SLUG, removeTemplate, seededCopy } from './respondent-support';
import {
	byPosition,
	closeAndOpen,
	figuresOf,
	openRound,
	staffNamed,
	submitSheet,
	type Chooser
} from './results-support';

const [COMMUNE_A, COMMUNE_B, COMMUNE_C] = ['21025', '21028', '21034'];
const PROVINCE = '51';
// Two questions become optional in this copy so that blank answers occur (the demo requires all).
const OPTIONAL = ['q6.2.1', 'u5.3.2'];

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let shares: DemoShare[];
let campaign: ResultsCampaignRow;
const admin: Staff = { id: 1, username: 'admin', role: 'admin', unitId: null };
afterAll(removeTemplate);

async function loadCampaign(): Promise<ResultsCampaignRow> {
	return t.db
		.selectFrom('campaign')
		.select([
			'id',
			'slug',
			'title',
			'year',
			'state',
			'framework_version_id',
			'scope_unit_id',
			'k_threshold',
			'counted_at'
		])
		.where('slug', '=', SLUG)
		.executeTakeFirstOrThrow();
}

/** The personal links of people in one unit and group (participation side: tests only). */
async function linksOf(unitCode: string, groupCode: string): Promise<IssuedLink[]> {
	const people = await t.db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.innerJoin('respondent_group as g', 'g.id', 'p.group_id')
		.select('p.id')
		.where('p.campaign_id', '=', campaign.id)
		.where('g.code', '=', groupCode)
		.where((eb) =>
			unitCode === PROVINCE
				? eb('u.parent_id', '=', eb.selectFrom('unit').select('id').where('code', '=', PROVINCE))
				: eb('u.code', '=', unitCode)
		)
		.execute();
	const ids = new Set(people.map((p) => p.id));
	return links.filter((l) => ids.has(l.personId));
}

async function makeOptional(questionIds: string[]) {
	for (const row of await t.db.selectFrom('questionnaire_version').select(['id', 'body']).execute()) {
		const body = JSON.parse(row.body);
		for (const section of body.sections)
			for (const q of section.questions) if (questionIds.includes(q.id)) q.required = false;
		await t.db
			.updateTable('questionnaire_version')
			.set({ body: JSON.stringify(body) })
			.where('id', '=', row.id)
			.execute();
	}
}

/** Varies the option with the question, so the sheets of a cell are not all alike. */
const mixed =
	(seed: number): Chooser =>
	(question, index, unitId) =>
		question.options[(seed + index + (unitId ? Number(unitId) : 0)) % question.options.length].id;
/** Like `mixed`, but leaves the optional questions blank. */
const mixedWithBlanks =
	(seed: number): Chooser =>
	(question, index, unitId) =>
		OPTIONAL.includes(question.id) ? null : mixed(seed)(question, index, unitId);
/** "Không biết" wherever the question has it. */
const dontKnow: Chooser = (question) => (question.options.find((o) => o.dontKnow) ?? question.options[0]).id;

function viewOf(data: ResultsData, selection: ResultsSelection): ResultsView {
	const result = resultsView(buildResultTree(data), selection, null);
	if (!result.ok) throw new Error(result.error);
	return result.view;
}

const unitIdOf = async (code: string) =>
	(await t.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const groupIdOf = async (code: string) =>
	(
		await t.db
			.selectFrom('respondent_group')
			.select('id')
			.where('code', '=', code)
			.where('campaign_id', '=', campaign.id)
			.executeTakeFirstOrThrow()
	).id;

/** What was cast (final revisions only), and the ballot-side secrets of the round before its opening. */
let castSheets: SheetAnswers[] = [];
const castSecrets: string[] = [];

describe('results from a campaign answered through the respondent protocol', () => {
	beforeAll(async () => {
		({ t, key, links, shares } = await seededCopy());
		campaign = await loadCampaign();
		await makeOptional(OPTIONAL);
		const cast: { sheet: SheetAnswers }[] = [];
		const submit = async (link: IssuedLink, choose: Chooser) => {
			const done = await submitSheet(t.db, key, link.token, choose);
			cast.push(done);
			return done;
		};
		// Commune A: five sheets, one per answer position (the fifth is "Không biết" on the quality scales).
		const a = await linksOf(COMMUNE_A, 'LDX');
		const sheetsA = [];
		for (let i = 0; i < 5; i++) sheetsA.push(await submit(a[i], byPosition(i)));
		// Commune B: four mixed sheets, two with blanks; commune C: two. Both are below k = 5: the opening
		// stores their sheets at the province (the same group's place at the parent unit).
		const b = await linksOf(COMMUNE_B, 'LDX');
		for (let i = 0; i < 4; i++) await submit(b[i], i < 2 ? mixedWithBlanks(i) : mixed(i));
		const c = await linksOf(COMMUNE_C, 'LDX');
		for (let i = 0; i < 2; i++) await submit(c[i], mixed(10 + i));
		// Department leaders, pooled in one province-level cell: six sheets, one all "Không biết".
		const d = await linksOf(PROVINCE, 'LDS');
		const sheetsD = [];
		for (let i = 0; i < 6; i++)
			sheetsD.push(await submit(d[i], i === 5 ? dontKnow : i % 2 ? mixedWithBlanks(20 + i) : byPosition(i)));
		// Two revisions: A's first sheet moves from all A to position 2 (C); a department leader's to blanks and "Không biết".
		sheetsA[0].sheet = await sheetsA[0].revise(byPosition(2));
		sheetsD[0].sheet = await sheetsD[0].revise((question, index, unitId) =>
			OPTIONAL.includes(question.id) ? null : dontKnow(question, index, unitId)
		);
		castSheets = cast.map((x) => x.sheet);
		for (const s of await t.db
			.selectFrom('sealed_sheet')
			.select(['key_hash', 'receipt'])
			.where('campaign_id', '=', campaign.id)
			.execute())
			castSecrets.push(s.key_hash, s.receipt);
		expect(castSecrets).toHaveLength(2 * 17);
		// Nothing to read yet, for anyone: the round is open and its sheets sealed.
		expect(await publishedResults(t.db, admin, campaign, { unitCode: null, groupCode: null })).toEqual({
			ok: false,
			error: 'stillOpen'
		});
		expect(await t.db.selectFrom('counted_cell').select('id').execute()).toEqual([]);
		await closeAndOpen(t, shares);
		campaign = await loadCampaign();
	}, 180_000);
	afterAll(() => t.close());

	it('counted exactly the 17 sheets as last revised, once each', async () => {
		const opened = await t.db
			.selectFrom('opened_sheet')
			.select('body')
			.where('campaign_id', '=', campaign.id)
			.execute();
		const canonical = (x: SheetAnswers) =>
			JSON.stringify({ answers: Object.fromEntries(Object.entries(x.answers).sort()), comments: x.comments });
		expect(opened.map((r) => canonical(JSON.parse(r.body))).sort()).toEqual(castSheets.map(canonical).sort());
		expect(
			await t.db
				.selectFrom('opening_job')
				.select(['sheets', 'invalid', 'merged_cells'])
				.where('campaign_id', '=', campaign.id)
				.executeTakeFirstOrThrow()
		).toEqual({ sheets: 17, invalid: 0, merged_cells: 2 });
		// Commune B's and C's cells (4 and 2 sheets) rolled up into the province; A's five stayed at A.
		const cells = await t.db
			.selectFrom('counted_cell as c')
			.innerJoin('unit as u', 'u.id', 'c.unit_id')
			.innerJoin('respondent_group as g', 'g.id', 'c.group_id')
			.select(['g.code as group', 'u.code as unit', 'c.sheets'])
			.where('c.campaign_id', '=', campaign.id)
			.orderBy('g.code')
			.orderBy('u.code')
			.execute();
		expect(cells).toEqual([
			{ group: 'LDS', unit: PROVINCE, sheets: 6 },
			{ group: 'LDX', unit: COMMUNE_A, sheets: 5 },
			{ group: 'LDX', unit: PROVINCE, sheets: 6 }
		]);
		expect(
			(await t.db.selectFrom('counted_receipt').select('receipt').where('campaign_id', '=', campaign.id).execute())
				.map((r) => r.receipt)
				.sort()
		).toEqual(castSecrets.filter((_, i) => i % 2 === 1).sort());
	});

	it('opened 17 sheets whose tallies match a recomputation from the sheets', async () => {
		const check = await checkTallies(t.db, campaign);
		expect(check).toEqual({ ok: true, sheets: 17, differences: [] });
		// Computed once at the opening: the revisions left no trace (no zero rows, nothing negative).
		const stored = await loadResultsData(t.db, campaign);
		expect(stored.tallies.length).toBeGreaterThan(0);
		expect(stored.tallies.every((r) => r.count > 0)).toBe(true);
		expect(stored.cells.reduce((s, c) => s + c.sheets, 0)).toBe(17);
	});

	it('gives the same views from the stored tallies as from the recomputed ones', async () => {
		const stored = await loadResultsData(t.db, campaign);
		const again = await recomputeResultsData(t.db, campaign);
		const selections: ResultsSelection[] = [
			{ unitId: null, groupId: null },
			{ unitId: await unitIdOf(COMMUNE_A), groupId: null },
			{ unitId: await unitIdOf(PROVINCE), groupId: await groupIdOf('LDX') },
			{ unitId: null, groupId: await groupIdOf('LDX') },
			{ unitId: null, groupId: await groupIdOf('LDS') },
			{ unitId: await unitIdOf(COMMUNE_A), groupId: await groupIdOf('LDX') }
		];
		for (const selection of selections)
			expect(viewOf(again, selection), JSON.stringify(selection)).toEqual(viewOf(stored, selection));
		// And the gate hands out exactly the stored-tally view.
		const gate = await publishedResults(t.db, admin, campaign, { unitCode: null, groupCode: null });
		expect(gate.ok && gate.view).toEqual(viewOf(again, selections[0]));
	});

	it('scores each answer one by one to the same points as the tallies', async () => {
		const data = await loadResultsData(t.db, campaign);
		const groupOf = new Map(data.cells.map((c) => [c.id, c.groupId]));
		const answersIn = async (cells: Set<number>) => {
			const out: ScoredAnswer[] = [];
			for (const sheet of await t.db
				.selectFrom('opened_sheet')
				.select(['body', 'cell_id'])
				.where('campaign_id', '=', campaign.id)
				.execute()) {
				if (!cells.has(sheet.cell_id)) continue;
				const { answers } = JSON.parse(sheet.body) as SheetAnswers;
				const choices = Object.entries(answers).map(([k, optionId]) => ({ questionId: k.split(':')[0], optionId }));
				out.push(...scoredAnswers(data.questionnaires.get(groupOf.get(sheet.cell_id)!)!, choices));
			}
			return out;
		};
		const root = viewOf(data, { unitId: null, groupId: null });
		if (!root.total.shown) throw new Error('the campaign total is hidden');
		expect(root.total.sheets).toBe(17);
		const everything = scoreSurvey(data.framework, await answersIn(new Set(data.cells.map((c) => c.id))));
		expect(root.total.score).toEqual(everything);
		expect(everything.points).not.toBeNull();

		const communeA = await unitIdOf(COMMUNE_A);
		const atA = viewOf(data, { unitId: communeA, groupId: null });
		if (!atA.total.shown) throw new Error('commune A is hidden');
		expect(atA.total.score).toEqual(
			scoreSurvey(
				data.framework,
				await answersIn(new Set(data.cells.filter((c) => c.unitId === communeA).map((c) => c.id)))
			)
		);
		// By hand, q1.1.1 (1.1.1, 1.5 points) in commune A: the five sheets answered A, B, C, D, Không biết,
		// then the first was revised to C: C, B, C, D valid → 1.5 × (0.2 + 0.6 + 0.2 + 0) / 4 = 0.375 → 0.38.
		const sub = atA.total.score.fields[0].subCriteria.find((s) => s.code === '1.1.1')!;
		expect(sub).toMatchObject({ points: 0.38, nValid: 4, nExcluded: 1 });
		expect(atA.total.distributions.find((d) => d.questionId === 'q1.1.1')!.options.map((o) => o.count)).toEqual([
			0, 1, 2, 1, 1
		]);
		// Blanks are not answers: q6.2.1 was left blank on two sheets in B, two in the province cell and on
		// the revised one there, so 17 − 5 = 12 answered ("Không biết" counts as an answer, not as a blank).
		const optional = root.total.distributions.find((d) => d.questionId === 'q6.2.1')!;
		expect(optional.answered).toBe(12);
		expect(optional.options.find((o) => o.dontKnow)!.count).toBeGreaterThan(0);
	});

	it('reports exactly the tally row someone changed', async () => {
		const row = await t.db
			.selectFrom('opened_tally')
			.selectAll()
			.where('count', '>', 0)
			.orderBy('cell_id')
			.orderBy('question_id')
			.orderBy('option_id')
			.limit(1)
			.executeTakeFirstOrThrow();
		const setCount = (count: number) =>
			t.db
				.updateTable('opened_tally')
				.set({ count })
				.where('cell_id', '=', row.cell_id)
				.where('question_id', '=', row.question_id)
				.where('unit_key', '=', row.unit_key)
				.where('option_id', '=', row.option_id)
				.execute();
		await setCount(row.count + 3);
		try {
			expect(await checkTallies(t.db, campaign)).toEqual({
				ok: false,
				sheets: 17,
				differences: [
					{
						cellId: row.cell_id,
						questionId: row.question_id,
						unitKey: row.unit_key,
						optionId: row.option_id,
						stored: row.count + 3,
						recomputed: row.count
					}
				]
			});
		} finally {
			await setCount(row.count);
		}
		expect((await checkTallies(t.db, campaign)).ok).toBe(true);
	});

	it('puts nothing personal and no figure below k in any view', async () => {
		const secrets: string[] = [...castSecrets];
		for (const p of await t.db
			.selectFrom('person')
			.select(['full_name', 'email', 'phone', 'personal_code'])
			.where('campaign_id', '=', campaign.id)
			.execute())
			secrets.push(p.full_name, p.personal_code, ...[p.email, p.phone].filter((v): v is string => v !== null));
		for (const i of await t.db.selectFrom('invitation').select('token_hash').execute()) secrets.push(i.token_hash);
		secrets.push(...links.map((l) => l.token));
		expect(secrets.length).toBeGreaterThan(100);

		const units = [null, PROVINCE, COMMUNE_A];
		let hidden = 0;
		for (const unitCode of units)
			for (const groupCode of [null, 'LDX', 'LDS']) {
				const result = await publishedResults(t.db, admin, campaign, { unitCode, groupCode });
				if (!result.ok) throw new Error(`${unitCode}/${groupCode}: ${result.error}`);
				const json = JSON.stringify(result.view);
				for (const secret of secrets)
					expect(json.includes(secret), `${unitCode}/${groupCode} contains ${secret}`).toBe(false);
				expect(json).not.toMatch(/key_hash|keyHash|receipt|person|invitation/i);
				for (const [label, figures] of figuresOf(result.view)) {
					if (!figures.shown) {
						hidden++;
						expect(Object.keys(figures).sort(), label).toEqual(['shown']);
					} else
						expect(
							figures.sheets === 0 || figures.sheets >= campaign.k_threshold,
							`${unitCode}/${groupCode} ${label}: ${figures.sheets}`
						).toBe(true);
				}
			}
		// The opening stored no cell below k (only the root may end below it), so nothing needed hiding here.
		expect(hidden).toBe(0);
		const counted = await t.db
			.selectFrom('counted_cell')
			.select('sheets')
			.where('campaign_id', '=', campaign.id)
			.execute();
		expect(counted.length).toBe(3);
		for (const c of counted) expect(c.sheets).toBeGreaterThanOrEqual(campaign.k_threshold);
		// Communes B (4 sheets) and C (2): nothing is stored there, so the results know no such place.
		for (const code of [COMMUNE_B, COMMUNE_C])
			for (const groupCode of [null, 'LDX'])
				expect(await publishedResults(t.db, admin, campaign, { unitCode: code, groupCode })).toEqual({
					ok: false,
					error: 'unitUnknown'
				});
		const atProvince = await publishedResults(t.db, admin, campaign, { unitCode: PROVINCE, groupCode: null });
		const plan = (await loadResultTree(t.db, campaign)).hidden;
		const rows = atProvince.ok
			? atProvince.view.byUnit.map((r) => [
					r.kind,
					r.code,
					r.figures.shown ? r.figures.sheets : plan.get(nodeOfRow(atProvince.view, r))
				])
			: [];
		// B's and C's commune leaders are counted at the province itself, beside the department leaders.
		expect(rows).toEqual([
			['unit', COMMUNE_A, 5],
			['own', PROVINCE, 12]
		]);
	});
});

describe('who may read the results', () => {
	beforeAll(async () => {
		({ t, key, links, shares } = await seededCopy());
		campaign = await loadCampaign();
		// Five sheets in commune A, so that an opened round has figures to show.
		const a = await linksOf(COMMUNE_A, 'LDX');
		for (let i = 0; i < 5; i++) await submitSheet(t.db, key, a[i].token, byPosition(i));
	}, 120_000);
	afterAll(() => t.close());

	const analyst: Staff = { id: 3, username: 'analyst', role: 'analyst', unitId: null };
	const auditor: Staff = { id: 4, username: 'auditor', role: 'auditor', unitId: null };
	const organiser: Staff = { id: 2, username: 'organiser', role: 'organiser', unitId: null };
	const committee = async () => staffNamed(t.db, 'kiemphieu1');
	const outcome = async (viewer: Staff, state?: ResultsCampaignRow['state']) => {
		const r = await publishedResults(t.db, viewer, state ? { ...campaign, state } : campaign, {
			unitCode: null,
			groupCode: null
		});
		return r.ok ? 'ok' : r.error;
	};
	const everyone = async () => [
		admin,
		organiser,
		analyst,
		auditor,
		await committee(),
		{ id: 5, username: 'organiser-xa', role: 'organiser' as const, unitId: await unitIdOf(COMMUNE_A) }
	];

	it('nobody, admin included, reads an open round or a closed one before its opening; analysts wait for the publication', async () => {
		expect(campaign).toMatchObject({ state: 'open', counted_at: null });
		for (const viewer of await everyone()) expect(await outcome(viewer), viewer.username).toBe('stillOpen');
		// A draft is refused as a draft, whoever asks.
		for (const viewer of await everyone()) expect(await outcome(viewer, 'draft'), viewer.username).toBe('draft');

		// Closed: the sheets are still sealed, nothing is counted, for anyone.
		expect(await advanceCampaign(t.db, campaign.id, 'close', organiser, META)).toEqual({ ok: true, state: 'closed' });
		campaign = await loadCampaign();
		for (const viewer of await everyone()) expect(await outcome(viewer), viewer.username).toBe('notCounted');
		// Even a closed-and-published row that was never opened has nothing to read (the guard on publish aside).
		for (const viewer of await everyone())
			expect(await outcome(viewer, 'published'), viewer.username).toBe('notCounted');
		expect(await resultsAccess(t.db, admin, campaign)).toEqual({ ok: false, reason: 'notCounted' });

		// Opened (kiểm phiếu): admins and the campaign's organisers read it; analysts wait for the publication.
		await openRound(t, shares);
		campaign = await loadCampaign();
		expect(campaign.counted_at).not.toBeNull();
		expect(await outcome(admin)).toBe('ok');
		expect(await outcome(organiser)).toBe('ok');
		expect(await outcome(analyst)).toBe('unpublished');
		// A commune's organiser does not manage a province-wide campaign; auditors and committee members read no answers.
		expect(await outcome((await everyone())[5])).toBe('scope');
		expect(await outcome(auditor)).toBe('role');
		expect(await outcome(await committee())).toBe('role');

		expect(await advanceCampaign(t.db, campaign.id, 'publish', organiser, META)).toEqual({
			ok: true,
			state: 'published'
		});
		campaign = await loadCampaign();
		for (const viewer of [admin, organiser, analyst]) expect(await outcome(viewer), viewer.username).toBe('ok');
		expect(await outcome((await everyone())[5])).toBe('scope');
		expect(await outcome(auditor)).toBe('role');
		expect(await resultsAccess(t.db, organiser, campaign)).toEqual({ ok: true, viewerRoot: null });
		const view = await publishedResults(t.db, analyst, campaign, { unitCode: null, groupCode: null });
		expect(view.ok && view.view.total).toMatchObject({ shown: true, sheets: 5 });
	});

	it('has no setting that lets analysts read a round before its publication', async () => {
		expect(Object.keys(await readSettings(t.db))).not.toContain('analyst_results_before_publish');
		expect(await t.db.selectFrom('setting').select('key').where('key', 'like', '%results%').execute()).toEqual([]);
	});
});
