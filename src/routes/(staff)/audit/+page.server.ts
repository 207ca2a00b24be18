import type { MessageKey } from '$lib/domain/message';
import { parseDayMonthYear } from '$lib/domain/calendar-date';
import { DAY_SECONDS, dayMonthYearText } from '$lib/domain/vietnam-time';
import { parseVietnamDate } from '$lib/format';
import { getApp } from '$lib/server/app';
import { parseAnchor } from '$lib/domain/audit-checkpoint';
import { describeAuditDetails, describeAuditSubject } from '$lib/domain/audit-words';
import { translator } from '$lib/i18n';
import { listAuditActions, listAuditEntries, staffActor } from '$lib/server/audit';
import { nameAuditSubjects } from '$lib/server/audit-names';
import { verifyAuditAnchorsFor } from '$lib/server/audit-checkpoint';
import { checkpointSignerFrom, checkpointSignerOf } from '$lib/server/audit-signing';
import { readFields, refuseForm } from '$lib/server/http/form';
import { requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import { listStartedCampaigns } from '$lib/server/campaigns/campaigns';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** A valid filter date shown back as dd/mm/yyyy (links from other pages carry ISO); anything else as typed. */
const shownDate = (typed: string) => {
	const iso = parseDayMonthYear(typed);
	return iso ? dayMonthYearText(iso) : typed;
};

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
	// Subjects and details in words (the raw subject and JSON stay on the page for auditors).
	const names = await nameAuditSubjects(db, entries);
	const t = translator(event.locals.locale);
	const events = entries.map((e) => ({
		...e,
		subjectWords: describeAuditSubject(t, e.subjectType, e.subjectId, names),
		detailWords: describeAuditDetails(t, e.action, e.payload)
	}));
	return {
		filters: { actor, action, from: shownDate(fromText), to: shownDate(toText) },
		errors,
		page,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		total,
		actions: await listAuditActions(db),
		// Auditors reach each campaign's proxy-completion flags from here (they have no campaign pages).
		flagCampaigns: await listStartedCampaigns(db),
		events
	};
};

export const actions: Actions = {
	verify: async (event) => {
		const user = await requireStaff(event, 'audit');
		const fields = await readFields(event);
		const text = (fields.anchor ?? '').trim();
		// An anchor copied from a printout or the public page; a malformed one is refused and nothing is written.
		const parsed = text ? parseAnchor(text) : null;
		if (parsed && !parsed.ok) return refuseForm('verify', { anchor: parsed.error }, { anchor: text });
		const { db, appKey } = await getApp();
		const signer = checkpointSignerOf(db) ?? checkpointSignerFrom(appKey);
		const expected = parsed?.ok ? [parsed.value] : [];
		const report = await verifyAuditAnchorsFor(db, signer, expected, staffActor(user), requestMeta(event));
		return { report };
	}
};
