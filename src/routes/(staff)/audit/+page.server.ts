import type { MessageKey } from '$lib/domain/message';
import { DAY_SECONDS } from '$lib/domain/vietnam-time';
import { parseVietnamDate } from '$lib/format';
import { getApp } from '$lib/server/app';
import { listAuditActions, listAuditEntries, staffActor, verifyAuditChainFor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import { listStartedCampaigns } from '$lib/server/campaigns/campaigns';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	await requireStaff(event, 'audit');
	const q = event.url.searchParams;
	const errors: MessageKey[] = [];
	const actor = (q.get('actor') ?? '').normalize('NFC').trim().slice(0, 100);
	const action = (q.get('action') ?? '').trim().slice(0, 64);
	const fromText = q.get('from') ?? '';
	const toText = q.get('to') ?? '';
	const from = fromText ? parseVietnamDate(fromText) : null;
	const to = toText ? parseVietnamDate(toText) : null;
	if (fromText && from === null) errors.push('audit.badFrom');
	if (toText && to === null) errors.push('audit.badTo');
	if (from !== null && to !== null && to < from) errors.push('audit.badRange');
	const pageRaw = q.get('page') ?? '1';
	const page = /^\d{1,6}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : 1;
	if (pageRaw !== String(page)) errors.push('audit.badPage');

	const { db } = await getApp();
	// With a malformed filter nothing is filtered silently: the page says so and shows no rows.
	const { total, entries } = errors.length
		? { total: 0, entries: [] }
		: await listAuditEntries(
				db,
				{
					actor: actor || undefined,
					action: action || undefined,
					from: from ?? undefined,
					to: to === null ? undefined : to + DAY_SECONDS
				},
				page,
				PAGE_SIZE
			);
	return {
		filters: { actor, action, from: fromText, to: toText },
		errors,
		page,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		total,
		actions: await listAuditActions(db),
		// Auditors reach each campaign's proxy-completion flags from here (they have no campaign pages).
		flagCampaigns: await listStartedCampaigns(db),
		events: entries
	};
};

export const actions: Actions = {
	verify: async (event) => {
		const user = await requireStaff(event, 'audit');
		const { db } = await getApp();
		return { report: await verifyAuditChainFor(db, staffActor(user), requestMeta(event)) };
	}
};
