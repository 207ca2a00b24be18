// Frameworks and questionnaires are versioned JSON documents. A version used by an open campaign
// is frozen: editing it saves a new version instead of changing what respondents answered.
import {
	checkFramework,
	DEFAULT_FRAMEWORK,
	exportFramework,
	parseFramework,
	type Framework
} from '$lib/domain/framework';
import {
	DEFAULT_QUESTIONNAIRE,
	exportQuestionnaire,
	parseQuestionnaire,
	type Questionnaire
} from '$lib/domain/questionnaire';
import type { Db } from '../db/open';
import { appendAuditEvent, type Actor, type RequestMeta } from '../audit';
import { nowSeconds } from '../time';
import { inTransaction } from '../db/transaction';

export interface StoredFramework {
	id: number;
	name: string;
	version: number;
	frozen: boolean;
	framework: Framework;
}

export interface StoredQuestionnaire {
	id: number;
	name: string;
	version: number;
	frozen: boolean;
	frameworkVersionId: number;
	questionnaire: Questionnaire;
}

async function nextVersion(
	db: Db,
	table: 'framework_version' | 'questionnaire_version',
	name: string
): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max('version').as('v'))
		.where('name', '=', name)
		.executeTakeFirst();
	return Number(row?.v ?? 0) + 1;
}

export async function saveFrameworkVersion(
	db: Db,
	name: string,
	framework: Framework,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const version = await nextVersion(trx, 'framework_version', name);
		const { id } = await trx
			.insertInto('framework_version')
			.values({
				name,
				version,
				body: exportFramework(framework),
				created_at: now,
				created_by: actor.type === 'staff' ? actor.id : null,
				frozen_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAuditEvent(
			trx,
			{
				actor,
				action: 'framework.saved',
				subject: { type: 'framework_version', id },
				meta,
				payload: { name, version, problems: checkFramework(framework).length }
			},
			now
		);
		return id;
	});
}

export async function saveQuestionnaireVersion(
	db: Db,
	name: string,
	frameworkVersionId: number,
	questionnaire: Questionnaire,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const version = await nextVersion(trx, 'questionnaire_version', name);
		const { id } = await trx
			.insertInto('questionnaire_version')
			.values({
				name,
				version,
				framework_version_id: frameworkVersionId,
				body: exportQuestionnaire(questionnaire),
				created_at: now,
				created_by: actor.type === 'staff' ? actor.id : null,
				frozen_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAuditEvent(
			trx,
			{
				actor,
				action: 'questionnaire.saved',
				subject: { type: 'questionnaire_version', id },
				meta,
				payload: { name, version, frameworkVersionId }
			},
			now
		);
		return id;
	});
}

/** Stored documents were validated when saved; a row that no longer parses is a corrupted database. */
function parsed<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }, what: string): T {
	if (!result.ok)
		throw new Error(`${what} no longer matches its schema: ${JSON.stringify(result.errors).slice(0, 500)}`);
	return result.value;
}

export async function loadFramework(db: Db, id: number): Promise<StoredFramework | null> {
	const row = await db.selectFrom('framework_version').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		version: row.version,
		frozen: row.frozen_at !== null,
		framework: parsed(parseFramework(JSON.parse(row.body)), `framework_version ${id}`)
	};
}

export async function loadQuestionnaire(db: Db, id: number): Promise<StoredQuestionnaire | null> {
	const row = await db.selectFrom('questionnaire_version').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		version: row.version,
		frozen: row.frozen_at !== null,
		frameworkVersionId: row.framework_version_id,
		questionnaire: parsed(parseQuestionnaire(JSON.parse(row.body)), `questionnaire_version ${id}`)
	};
}

export async function listFrameworkVersions(db: Db) {
	return db
		.selectFrom('framework_version')
		.select(['id', 'name', 'version', 'frozen_at', 'created_at'])
		.orderBy('name')
		.orderBy('version', 'desc')
		.execute();
}

export async function listQuestionnaireVersions(db: Db) {
	return db
		.selectFrom('questionnaire_version')
		.select(['id', 'name', 'version', 'framework_version_id', 'frozen_at', 'created_at'])
		.orderBy('name')
		.orderBy('version', 'desc')
		.execute();
}

export const DEFAULT_FRAMEWORK_NAME = 'Bộ tiêu chí mặc định (theo 876/QĐ-BNV)';
export const DEFAULT_QUESTIONNAIRE_NAME = 'Phiếu điều tra xã hội học mặc định';

/** The default template, created once: organisers start a campaign from it. */
export async function ensureDefaultDocuments(
	db: Db,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ frameworkVersionId: number; questionnaireVersionId: number }> {
	return inTransaction(db, async (trx) => {
		const existing = await trx
			.selectFrom('questionnaire_version')
			.select(['id', 'framework_version_id'])
			.where('name', '=', DEFAULT_QUESTIONNAIRE_NAME)
			.orderBy('version', 'desc')
			.executeTakeFirst();
		if (existing) return { frameworkVersionId: existing.framework_version_id, questionnaireVersionId: existing.id };
		const frameworkVersionId = await saveFrameworkVersion(
			trx,
			DEFAULT_FRAMEWORK_NAME,
			DEFAULT_FRAMEWORK,
			actor,
			meta,
			now
		);
		const questionnaireVersionId = await saveQuestionnaireVersion(
			trx,
			DEFAULT_QUESTIONNAIRE_NAME,
			frameworkVersionId,
			DEFAULT_QUESTIONNAIRE,
			actor,
			meta,
			now
		);
		return { frameworkVersionId, questionnaireVersionId };
	});
}

/** The templates page's two lists, each version with its state; questionnaires name their framework. */
export async function listTemplateDocuments(db: Db) {
	const [frameworks, questionnaires] = await Promise.all([listFrameworkVersions(db), listQuestionnaireVersions(db)]);
	const frameworkById = new Map(frameworks.map((f) => [f.id, f]));
	return {
		frameworks: frameworks.map((f) => ({
			id: f.id,
			name: f.name,
			version: f.version,
			frozen: f.frozen_at !== null,
			createdAt: f.created_at
		})),
		questionnaires: questionnaires.map((q) => {
			const framework = frameworkById.get(q.framework_version_id);
			return {
				id: q.id,
				name: q.name,
				version: q.version,
				frozen: q.frozen_at !== null,
				createdAt: q.created_at,
				framework: framework ? { id: framework.id, name: framework.name, version: framework.version } : null
			};
		}),
		hasDefault: questionnaires.some((q) => q.name === DEFAULT_QUESTIONNAIRE_NAME)
	};
}

/** Creates the default template unless it exists; says which happened. */
export async function createDefaultDocuments(db: Db, actor: Actor, meta: RequestMeta): Promise<{ created: boolean }> {
	const existed = (await listQuestionnaireVersions(db)).some((q) => q.name === DEFAULT_QUESTIONNAIRE_NAME);
	await ensureDefaultDocuments(db, actor, meta);
	return { created: !existed };
}

/** When a version was saved (the stored document itself does not carry it). */
export async function findVersionCreatedAt(
	db: Db,
	table: 'framework_version' | 'questionnaire_version',
	id: number
): Promise<number> {
	const row = await db.selectFrom(table).select('created_at').where('id', '=', id).executeTakeFirst();
	return row?.created_at ?? 0;
}

/** The questionnaires built on one framework version, for its page. */
export async function listQuestionnairesOf(db: Db, frameworkVersionId: number) {
	return db
		.selectFrom('questionnaire_version')
		.select(['id', 'name', 'version'])
		.where('framework_version_id', '=', frameworkVersionId)
		.orderBy('name')
		.orderBy('version', 'desc')
		.execute();
}
