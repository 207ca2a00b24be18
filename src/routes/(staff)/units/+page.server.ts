import { fail } from '@sveltejs/kit';
import { message } from '$lib/domain/message';
import { newUnitSchema } from '$lib/domain/unit-edit';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { readForm, refuseForm, readFormData } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { addUnit, canEditUnit, importUnitsUpload } from '$lib/server/units/edit';
import { listUnitTree } from '$lib/server/units/units';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'units');
	const { db } = await getApp();
	// An organiser scoped to a unit sees only that unit's subtree.
	const scope = user.role === 'organiser' ? user.unitId : null;
	return {
		units: await listUnitTree(db, scope),
		scoped: scope !== null,
		canEdit: await canEditUnit(db, user, scope)
	};
};

async function requireEditor(event: RequestEvent) {
	const user = await requireStaff(event, 'units');
	if (user.role !== 'admin' && user.role !== 'organiser') await denyAccess(event, user, 'units.edit');
	return user;
}

export const actions: Actions = {
	add: async (event) => {
		const user = await requireEditor(event);
		const form = await readForm(event, newUnitSchema);
		if (!form.ok) return refuseForm('add', form.errors, form.values);
		const { db } = await getApp();
		const result = await addUnit(db, form.value, user, requestMeta(event));
		if (!result.ok) return refuseForm('add', result.errors, form.values);
		return { action: 'add', saved: message('units.added', { code: form.value.code }) };
	},
	import: async (event) => {
		const user = await requireEditor(event);
		const { db } = await getApp();
		const file = (await readFormData(event)).get('file');
		const result = await importUnitsUpload(db, file, user, requestMeta(event));
		if (!result.ok) {
			// The headline counts the problems; the list (capped by the import) says where each one is.
			const { data } = refuseForm('import', message('units.importErrors', { count: result.total }));
			return fail(400, { ...data, issues: result.errors });
		}
		return { action: 'import', saved: message('units.imported', { count: result.added }) };
	}
};
