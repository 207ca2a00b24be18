import { fail, redirect } from '@sveltejs/kit';
import { importFramework, type Problem } from '$lib/domain/framework';
import { message } from '$lib/domain/message';
import { importQuestionnaire } from '$lib/domain/questionnaire';
import { getApp } from '$lib/server/app';
import { staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import {
	createDefaultDocuments,
	listTemplateDocuments,
	loadFramework,
	saveFrameworkVersion,
	saveQuestionnaireVersion
} from '$lib/server/templates/documents';
import {
	chooseDocumentName,
	ERRORS_SHOWN,
	parseDocumentId,
	readDocumentName,
	readJsonUpload,
	readUploadForm
} from '$lib/server/templates/json-files';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'templates');
	const { db } = await getApp();
	return { db, actor: staffActor(user), meta: requestMeta(event) };
}

type ImportAction = 'importFramework' | 'importQuestionnaire';
// The typed name and chosen framework come back so the form refills; a file input cannot.
function refused(action: ImportAction, status: number, problems: Problem[], values: Record<string, string>) {
	const { data } = refuseForm(action, message('templates.import.failed'), values);
	return fail(status, {
		...data,
		problems: problems.slice(0, ERRORS_SHOWN),
		more: Math.max(0, problems.length - ERRORS_SHOWN)
	});
}

export const load: PageServerLoad = async (event) => {
	const { db } = await context(event);
	return listTemplateDocuments(db);
};

export const actions: Actions = {
	createDefault: async (event) => {
		const { db, actor, meta } = await context(event);
		const { created } = await createDefaultDocuments(db, actor, meta);
		return {
			action: 'createDefault',
			saved: message(created ? 'templates.defaultCreated' : 'templates.defaultExists')
		};
	},
	importFramework: async (event) => {
		const { db, actor, meta } = await context(event);
		const body = await readUploadForm(event.request);
		if (!body.ok) return refused('importFramework', body.status, body.errors, {});
		const values = { name: String(body.form.get('name') ?? '') };
		const name = readDocumentName(body.form.get('name'));
		if (!name.ok) return refused('importFramework', name.status, name.errors, values);
		const upload = await readJsonUpload(body.form.get('file'));
		if (!upload.ok) return refused('importFramework', upload.status, upload.errors, values);
		const parsed = importFramework(upload.text);
		if (!parsed.ok) return refused('importFramework', 400, parsed.errors, values);
		const docName = chooseDocumentName(name.name, parsed.value.name, upload.fileName);
		const id = await saveFrameworkVersion(db, docName, parsed.value, actor, meta);
		redirect(303, `/templates/framework/${id}?imported=1`);
	},
	importQuestionnaire: async (event) => {
		const { db, actor, meta } = await context(event);
		const body = await readUploadForm(event.request);
		if (!body.ok) return refused('importQuestionnaire', body.status, body.errors, {});
		const values = {
			name: String(body.form.get('name') ?? ''),
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
