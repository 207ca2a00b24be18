import { fail } from '@sveltejs/kit';
import { newUnitSchema } from '$lib/domain/unit-edit';
import { parseWith } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import { addUnit, canEditUnit, importUnits } from '$lib/server/units/edit';
import { DEFAULT_MAX_BYTES } from '$lib/server/files/tabular-file';
import { listUnitTree } from '$lib/server/units/units';
import type { Actions, PageServerLoad } from './$types';

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

export const actions: Actions = {
	add: async (event) => {
		const user = await requireStaff(event, 'units');
		const { db } = await getApp();
		if (user.role !== 'admin' && user.role !== 'organiser') await denyAccess(event, user, 'units.edit');
		const form = Object.fromEntries(await event.request.formData());
		const values = Object.fromEntries(
			['code', 'parentCode', 'name', 'fullName', 'kind'].map((k) => [k, String(form[k] ?? '').slice(0, 250)])
		);
		const parsed = parseWith(newUnitSchema, form);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await addUnit(db, parsed.value, user, requestMeta(event));
		if (!result.ok) return fail(400, { values, errors: result.errors });
		return { added: parsed.value.code };
	},
	import: async (event) => {
		const user = await requireStaff(event, 'units');
		if (user.role !== 'admin' && user.role !== 'organiser') await denyAccess(event, user, 'units.edit');
		const { db } = await getApp();
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { importErrors: [{ key: 'roster.upload.noFile', params: {}, lines: [] }], importTotal: 1 });
		if (file.size > DEFAULT_MAX_BYTES)
			return fail(400, {
				importErrors: [{ key: 'table.error.tooLarge', params: { maxMiB: DEFAULT_MAX_BYTES / 1024 / 1024 }, lines: [] }],
				importTotal: 1
			});
		const result = await importUnits(db, Buffer.from(await file.arrayBuffer()), user, requestMeta(event));
		if (!result.ok) return fail(400, { importErrors: result.errors, importTotal: result.total });
		return { imported: result.added };
	}
};
