import { parseVietnamDate } from '$lib/format';
import { getApp } from '$lib/server/app';
import { appendAuditEvent, listAuditActions, listAuditEvents, verifyAuditChain, staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import { listStartedCampaigns } from '$lib/server/campaigns/campaigns';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const DAY = 24 * 60 * 60;

export const load: PageServerLoad = async (event) => {
	await requireStaff(event, 'audit');
	const q = event.url.searchParams;
	const errors: string[] = [];
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
	const { total, rows } = errors.length
		? { total: 0, rows: [] }
		: await listAuditEvents(
				db,
				{
					actor: actor || undefined,
					action: action || undefined,
					from: from ?? undefined,
					to: to === null ? undefined : to + DAY
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
		events: rows.map((r) => ({
			seq: r.seq,
			at: r.at,
			actor: r.actor_label ?? r.actor_type,
			actorType: r.actor_type,
			action: r.action,
			subject: r.subject_type ? `${r.subject_type}:${r.subject_id}` : '',
			ip: r.ip,
			payload: r.payload === '{}' ? '' : r.payload,
			hash: r.hash
		}))
	};
};

export const actions: Actions = {
	verify: async (event) => {
		const user = await requireStaff(event, 'audit');
		const { db } = await getApp();
		const report = await verifyAuditChain(db);
		await appendAuditEvent(db, {
			actor: staffActor(user),
			action: 'audit.chain_verified',
			meta: requestMeta(event),
			payload: report.ok
				? { ok: true, count: report.count, head: report.headHash }
				: { ok: false, brokenSeq: report.brokenSeq, reason: report.reason }
		});
		return { report };
	}
};
