import { readFormData } from '$lib/server/http/form';
import { error, fail, redirect } from '@sveltejs/kit';
import { applyPointsValues, pointsFieldErrors, readPointsForm } from '$lib/components/questionnaire/points-form';
import { getApp } from '$lib/server/app';
import { staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import {
	findVersionCreatedAt,
	listQuestionnairesOf,
	loadFramework,
	saveFrameworkVersion
} from '$lib/server/templates/documents';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'templates');
	const { db } = await getApp();
	const stored = await loadFramework(db, Number(event.params.id));
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return { db, stored, actor: staffActor(user), meta: requestMeta(event) };
}

export const load: PageServerLoad = async (event) => {
	const { db, stored } = await context(event);
	return {
		stored: { ...stored, createdAt: await findVersionCreatedAt(db, 'framework_version', stored.id) },
		questionnaires: await listQuestionnairesOf(db, stored.id),
		saved: event.url.searchParams.has('saved'),
		imported: event.url.searchParams.has('imported')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db, stored, actor, meta } = await context(event);
		const values = readPointsForm(stored.framework, await readFormData(event));
		const { framework, errors } = applyPointsValues(stored.framework, values);
		// The points table re-checks in the browser; the values (points and ticks) refill it as typed.
		if (Object.keys(errors).length > 0)
			return fail(400, { action: 'default', errors: pointsFieldErrors(errors), values });
		const id = await saveFrameworkVersion(db, stored.name, framework, actor, meta);
		redirect(303, `/templates/framework/${id}?saved=1`);
	}
};
