// Roster import in two steps: an upload is validated into a preview (rows staged, nothing on the
// roster yet); the organiser confirms a preview without errors, which applies it in one transaction.
import type { ImportIssue, RosterPerson } from '$lib/domain/roster';
import { displayPhone } from '$lib/domain/roster-template';
import type { Message } from '$lib/domain/message';
import type { Transaction } from 'kysely';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import type { Staff } from '../auth/staff';
import { recountParticipation } from '../monitoring/counts';
import { upsertPeople } from './people';
import { COLLECT_EVERY, readRosterUpload } from './read-upload';
import { stagingRows, type StagedBlock } from './staged-people';
import { nowSeconds } from '../time';
import { collectGarbage } from '../collect-garbage';

const STAGE_CHUNK = 1000;
const EMPTY_BLOCK: StagedBlock = {
	count: 0,
	lines: new Uint32Array(0),
	ends: new Uint32Array(0),
	json: new Uint8Array(0)
};
// The preview lists this many issues in full; all of them are counted.
const REPORT_ISSUES = 300;
// The preview shows this many people as read, so swapped columns are seen before confirming.
const SAMPLE_ROWS = 5;

/** One person as the import read them: what will be written, with the names of their unit and group. */
export interface RosterSampleRow {
	line: number;
	personalCode: string;
	fullName: string;
	position: string | null;
	unitCode: string;
	unitName: string;
	groupCode: string;
	groupName: string;
	email: string | null;
	/** As an office writes it (0912 345 678). */
	phone: string;
}

export interface RosterPreview {
	id: number;
	fileName: string;
	status: 'preview' | 'applied' | 'discarded';
	counts: { rows: number; valid: number; invalid: number; errors: number; warnings: number };
	errors: ImportIssue[];
	warnings: ImportIssue[];
	/** The first people read without errors (none once the preview is applied or discarded). */
	sample: RosterSampleRow[];
	createdAt: number;
}

type Failure = { ok: false; error: Message };

export interface AllowedUnit {
	id: number;
	code: string;
	name: string;
	parent_id: number | null;
}

/** Units a campaign's roster may use: the campaign's scope subtree, or every active unit. */
export async function allowedUnits(db: Db, scopeUnitId: number | null): Promise<AllowedUnit[]> {
	const columns = ['unit.id', 'unit.code', 'unit.name', 'unit.parent_id'] as const;
	return scopeUnitId === null
		? await db.selectFrom('unit').select(columns).where('retired_at', 'is', null).execute()
		: await db
				.withRecursive('tree(id)', (qb) =>
					qb
						.selectFrom('unit')
						.select('unit.id')
						.where('unit.id', '=', scopeUnitId)
						.union((q2) => q2.selectFrom('unit').innerJoin('tree', 'tree.id', 'unit.parent_id').select('unit.id'))
				)
				.selectFrom('tree')
				.innerJoin('unit', 'unit.id', 'tree.id')
				.select(columns)
				.where('unit.retired_at', 'is', null)
				.execute();
}

async function allowedUnitCodes(db: Db, scopeUnitId: number | null): Promise<Map<string, number>> {
	return new Map((await allowedUnits(db, scopeUnitId)).map((r) => [r.code, r.id]));
}

export async function previewRosterImport(
	db: Db,
	campaignId: number,
	file: Buffer,
	fileName: string,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; importId: number } | Failure> {
	const campaign = await db
		.selectFrom('campaign')
		.select(['state', 'scope_unit_id'])
		.where('id', '=', campaignId)
		.executeTakeFirst();
	if (!campaign) return { ok: false, error: { key: 'campaign.error.notFound', params: {} } };
	if (campaign.state !== 'draft') return { ok: false, error: { key: 'campaign.error.notDraft', params: {} } };
	const units = await allowedUnits(db, campaign.scope_unit_id);
	const groups = await db
		.selectFrom('respondent_group')
		.select(['id', 'code', 'name'])
		.where('campaign_id', '=', campaignId)
		.execute();
	// A file that cannot be read comes back as ok: false (read-upload.ts), with its Vietnamese message key.
	const report = await readRosterUpload(
		file,
		{ unitCodes: new Set(units.map((u) => u.code)), groups, maxIssues: REPORT_ISSUES },
		SAMPLE_ROWS,
		STAGE_CHUNK
	);
	if (!report.ok) return { ok: false, error: report.error };
	const { staged } = report;
	const unitNames = new Map(units.map((u) => [u.code, u.name]));
	const groupNames = new Map(groups.map((g) => [g.id, g.name]));
	const sample: RosterSampleRow[] = report.sample.map((p) => ({
		line: p.line,
		personalCode: p.personalCode,
		fullName: p.fullName,
		position: p.position,
		unitCode: p.unitCode,
		unitName: unitNames.get(p.unitCode) ?? '',
		groupCode: p.groupCode,
		groupName: groupNames.get(p.groupId) ?? '',
		email: p.email,
		phone: displayPhone(p.phone)
	}));
	// Like the staged rows, the sample holds names and contacts only until the preview is applied or replaced.
	const summary = { errors: report.errors, warnings: report.warnings, counts: report.counts, sample };
	return db.transaction().execute(async (trx) => {
		// One pending preview per campaign: a new upload replaces the previous one.
		await trx
			.updateTable('roster_import')
			.set({ status: 'discarded', report: JSON.stringify({ errors: [], warnings: [], counts: null }) })
			.where('campaign_id', '=', campaignId)
			.where('status', '=', 'preview')
			.execute();
		const { id } = await trx
			.insertInto('roster_import')
			.values({
				campaign_id: campaignId,
				file_name: fileName.normalize('NFC').slice(0, 200),
				status: 'preview',
				total_rows: report.counts.rows,
				valid_rows: report.counts.valid,
				error_count: report.counts.errors,
				warning_count: report.counts.warnings,
				report: JSON.stringify(summary),
				created_by: staff.id,
				created_at: now,
				applied_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.deleteFrom('roster_staging')
			.where(
				'import_id',
				'in',
				trx
					.selectFrom('roster_import')
					.select('id')
					.where('campaign_id', '=', campaignId)
					.where('status', '=', 'discarded')
			)
			.execute();
		// Only a preview without errors has people staged (read-upload.ts).
		// Each block let go once written; a full collection as while reading (read-upload.ts), or the
		// heap grew by ~50 MiB here in some runs.
		const collectEvery = Math.ceil(COLLECT_EVERY / STAGE_CHUNK);
		for (let i = 0; i < staged.length; i++) {
			if (i > 0 && i % collectEvery === 0) collectGarbage();
			await trx.insertInto('roster_staging').values(stagingRows(staged[i], id)).execute();
			staged[i] = EMPTY_BLOCK;
		}
		// The audit event counts rows; names and contacts stay out of the log.
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'roster.previewed',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: {
					importId: id,
					rows: report.counts.rows,
					errors: report.counts.errors,
					warnings: report.counts.warnings
				}
			},
			now
		);
		return { ok: true as const, importId: id };
	});
}

export async function getRosterImport(db: Db, campaignId: number, importId: number): Promise<RosterPreview | null> {
	const row = await db
		.selectFrom('roster_import')
		.selectAll()
		.where('id', '=', importId)
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!row) return null;
	const summary = JSON.parse(row.report) as {
		errors: ImportIssue[];
		warnings: ImportIssue[];
		counts: RosterPreview['counts'];
		sample?: RosterSampleRow[];
	};
	return {
		id: row.id,
		fileName: row.file_name,
		status: row.status,
		counts: summary.counts,
		errors: summary.errors,
		warnings: summary.warnings,
		sample: row.status === 'preview' ? (summary.sample ?? []) : [],
		createdAt: row.created_at
	};
}

export async function applyRosterImport(
	db: Db,
	campaignId: number,
	importId: number,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; inserted: number; updated: number } | Failure> {
	try {
		return await applyInTransaction(db, campaignId, importId, staff, meta, now);
	} catch (e) {
		if (e instanceof StalePreview) return { ok: false, error: { key: 'roster.apply.stale', params: {} } };
		throw e;
	}
}

/** Thrown inside the apply transaction to roll back what it wrote: units or groups vanished since the preview. */
class StalePreview extends Error {}

/** The staged people of an import in line order, a chunk at a time, so the roster is never in memory whole. */
async function* readStaged(trx: Transaction<Database>, importId: number): AsyncGenerator<RosterPerson[]> {
	for (let after = 0; ;) {
		const rows = await trx
			.selectFrom('roster_staging')
			.select(['line', 'data'])
			.where('import_id', '=', importId)
			.where('line', '>', after)
			.orderBy('line')
			.limit(STAGE_CHUNK)
			.execute();
		if (rows.length === 0) return;
		after = rows[rows.length - 1].line;
		yield rows.map((r) => JSON.parse(r.data) as RosterPerson);
	}
}

function applyInTransaction(
	db: Db,
	campaignId: number,
	importId: number,
	staff: Staff,
	meta: RequestMeta,
	now: number
): Promise<{ ok: true; inserted: number; updated: number } | Failure> {
	return db.transaction().execute(async (trx): Promise<{ ok: true; inserted: number; updated: number } | Failure> => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'scope_unit_id'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign || campaign.state !== 'draft')
			return { ok: false as const, error: { key: 'campaign.error.notDraft', params: {} } };
		const imp = await trx
			.selectFrom('roster_import')
			.select(['status', 'error_count'])
			.where('id', '=', importId)
			.where('campaign_id', '=', campaignId)
			.executeTakeFirst();
		if (!imp || imp.status !== 'preview')
			return { ok: false as const, error: { key: 'roster.apply.stale', params: {} } };
		if (imp.error_count > 0)
			return { ok: false as const, error: { key: 'roster.apply.hasErrors', params: { count: imp.error_count } } };
		// Units or groups may have changed since the preview: resolve again and refuse if any vanished.
		const units = await allowedUnitCodes(trx, campaign.scope_unit_id);
		const groups = new Set(
			(await trx.selectFrom('respondent_group').select('id').where('campaign_id', '=', campaignId).execute()).map(
				(g) => g.id
			)
		);
		let result = { inserted: 0, updated: 0 };
		// As while reading the upload (read-upload.ts): without it the heap grew by ~60 MiB here.
		const collectEvery = Math.ceil(COLLECT_EVERY / STAGE_CHUNK);
		let chunks = 0;
		for await (const people of readStaged(trx, importId)) {
			if (++chunks % collectEvery === 0) collectGarbage();
			if (people.some((p) => !units.has(p.unitCode) || !groups.has(p.groupId))) throw new StalePreview();
			const chunk = await upsertPeople(
				trx,
				campaignId,
				people.map((p) => ({
					personalCode: p.personalCode,
					fullName: p.fullName,
					unitId: units.get(p.unitCode)!,
					groupId: p.groupId,
					position: p.position,
					email: p.email,
					phone: p.phone
				})),
				now,
				{ recount: false }
			);
			result = { inserted: result.inserted + chunk.inserted, updated: result.updated + chunk.updated };
		}
		const large = chunks >= collectEvery;
		if (large) collectGarbage();
		await recountParticipation(trx, campaignId);
		if (large) collectGarbage();
		// Once applied, the preview's list of names and contacts has served its purpose: keep counts only.
		const counts = (
			JSON.parse(
				(await trx.selectFrom('roster_import').select('report').where('id', '=', importId).executeTakeFirstOrThrow())
					.report
			) as { counts: unknown }
		).counts;
		await trx
			.updateTable('roster_import')
			.set({ status: 'applied', applied_at: now, report: JSON.stringify({ errors: [], warnings: [], counts }) })
			.where('id', '=', importId)
			.execute();
		await trx.deleteFrom('roster_staging').where('import_id', '=', importId).execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'roster.applied',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { importId, ...result }
			},
			now
		);
		return { ok: true as const, ...result };
	});
}
