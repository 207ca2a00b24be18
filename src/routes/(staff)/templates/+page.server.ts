import { staffActor } from '$lib/server/audit';
import { fail, redirect } from '@sveltejs/kit';
import { importFramework, type Problem } from '$lib/domain/framework';
import { importQuestionnaire } from '$lib/domain/questionnaire';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import {
	DEFAULT_QUESTIONNAIRE_NAME,
	ensureDefaultDocuments,
	listFrameworkVersions,
	listQuestionnaireVersions,
	loadFramework,
	saveFrameworkVersion,
	saveQuestionnaireVersion
} from '$lib/server/templates/documents';
import { requestMeta } from '$lib/server/http/request';
import {
	chooseDocumentName,
	ERRORS_SHOWN,
	parseDocumentId,
	readDocumentName,
	readJsonUpload,
	readUploadForm
} from './json-files';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'templates');
	const { db } = await getApp();
	return { db, actor: staffActor(user), meta: requestMeta(event) };
}

type ImportAction = 'importFramework' | 'importQuestionnaire';
// The typed name and chosen framework come back so the form refills; a file input cannot.
function refused(action: ImportAction, status: number, errors: Problem[], values: Record<string, string>) {
	return fail(status, {
		action,
		errors: errors.slice(0, ERRORS_SHOWN),
		more: Math.max(0, errors.length - ERRORS_SHOWN),
		values
	});
}

export const load: PageServerLoad = async (event) => {
	const { db } = await context(event);
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
};

export const actions: Actions = {
	createDefault: async (event) => {
		const { db, actor, meta } = await context(event);
		const existed = (await listQuestionnaireVersions(db)).some((q) => q.name === DEFAULT_QUESTIONNAIRE_NAME);
		await ensureDefaultDocuments(db, actor, meta);
		return { action: 'createDefault', saved: existed ? 'templates.defaultExists' : 'templates.defaultCreated' };
	},
	importFramework: async (event) => {
		const { db, actor, meta } = await context(event);
		const body = await readUploadForm(event.request);
		if (!body.ok) return refused('importFramework', body.status, body.errors, {});
		const values = { name: String(body.form.get('name') ?? '').slice(0, 250) };
		const name = readDocumentName(body.form.get('name'));
		if (!name.ok) return refused('importFramework', name.status, name.errors, values);
		const upload = await readJsonUpload(body.form.get('file'));
		if (!upload.ok) return refused('importFramework', upload.status, upload.errors, values);
		const parsed = importFramework(upload.text);
		if (!parsed.ok) return refused('importFramework', 400, parsed.errors, values);
		const id = await saveFrameworkVersion(
			db,
			chooseDocumentName(name.name, parsed.value.name, upload.fileName),
			parsed.value,
			actor,
			meta
		);
		redirect(303, `/templates/framework/${id}?imported=1`);
	},
	importQuestionnaire: async (event) => {
		const { db, actor, meta } = await context(event);
		const body = await readUploadForm(event.request);
		if (!body.ok) return refused('importQuestionnaire', body.status, body.errors, {});
		const values = {
			name: String(body.form.get('name') ?? '').slice(0, 250),
			frameworkVersionId: String(body.form.get('frameworkVersionId') ?? '').slice(0, 12)
		};
		const name = readDocumentName(body.form.get('name'));
		if (!name.ok) return refused('importQuestionnaire', name.status, name.errors, values);
		const frameworkId = parseDocumentId(values.frameworkVersionId);
		if (frameworkId === null || !(await loadFramework(db, frameworkId)))
			return refused('importQuestionnaire', 400, [{ key: 'templates.error.frameworkUnknown', params: {} }], values);
		const upload = await readJsonUpload(body.form.get('file'));
		if (!upload.ok) return refused('importQuestionnaire', upload.status, upload.errors, values);
		const parsed = importQuestionnaire(upload.text);
		if (!parsed.ok) return refused('importQuestionnaire', 400, parsed.errors, values);
		const docName = chooseDocumentName(name.name, parsed.value.title, upload.fileName);
		const id = await saveQuestionnaireVersion(db, docName, frameworkId, parsed.value, actor, meta);
		redirect(303, `/templates/questionnaire/${id}?imported=1`);
	}
};
