// Shared by the dashboard, its JSON endpoint and its export: the campaign (admins and the
// campaign's organisers only, via campaignContext), then the unit from `?unit=` — which must lie
// inside the viewer's own subtree, or the request is refused with an audited 403.
import { error, type RequestEvent } from '@sveltejs/kit';
import { parseSort } from '$lib/domain/monitoring';
import { denyAccess } from '$lib/server/auth/guard';
import { resolveMonitorScope } from '$lib/server/monitoring/monitoring';
import { campaignContext } from '../context';

const MAX_CODE_LENGTH = 64;

export function pageParam(raw: string | null): number {
	const n = Number(raw ?? '1');
	return Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : 1;
}

export async function monitorContext(event: RequestEvent) {
	const ctx = await campaignContext(event, { manage: true });
	const params = event.url.searchParams;
	const raw = (params.get('unit') ?? '').trim();
	if (raw.length > MAX_CODE_LENGTH) error(404, { message: 'monitor.error.unitUnknown' });
	const resolved = await resolveMonitorScope(ctx.db, ctx.campaign.id, ctx.user, raw === '' ? null : raw);
	if (!resolved.ok) {
		if (resolved.error === 'unitOutside') await denyAccess(event, ctx.user, 'monitor.unit_scope');
		error(404, { message: 'monitor.error.unitUnknown' });
	}
	return {
		...ctx,
		scope: resolved.scope,
		unitCode: raw === '' ? null : raw,
		sort: parseSort(params.get('sort'), params.get('dir')),
		page: pageParam(params.get('page'))
	};
}
