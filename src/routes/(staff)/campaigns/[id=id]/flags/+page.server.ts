// Proxy-completion flags of one campaign (docs/integrity.md, promise 2). Readable by admins, auditors and
// the organisers who manage the campaign; analysts and out-of-scope organisers get an audited 403.
// Admins and auditors may mark a flag reviewed (the `review` action); organisers see reviews only.
// campaignContext is not used: it requires the 'campaigns' area, which auditors do not have.
import { error } from '@sveltejs/kit';
import { message, type Message } from '$lib/domain/message';
import { canReviewFlags, flagReviewSchema } from '$lib/domain/flag-review';
import { DEFAULT_FLAG_OPTIONS, type ProxyFlagOptions } from '$lib/domain/proxy-flags';
import type { SettingValues } from '$lib/domain/settings';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { getCampaign } from '$lib/server/campaigns/campaigns';
import { readSettings } from '$lib/server/admin/settings';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { reviewFlag } from '$lib/server/monitoring/flag-reviews';
import { PROXY_FLAG_ROLES, canViewProxyFlags, listProxyFlagsByKind } from '$lib/server/monitoring/proxy-flags';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A threshold from the query: the fallback when absent, null when malformed or out of range. */
function thresholdParam(raw: string | null, min: number, max: number, fallback: number): number | null {
	if (raw === null || raw === '') return fallback;
	return /^\d{1,4}$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : null;
}

/** The signed-in reader, the campaign and the database, once every check of this page has passed. */
async function context(event: RequestEvent) {
	// Every role has 'home': this only handles sign-in and the second factor; the role check follows.
	const user = await requireStaff(event, 'home');
	if (!PROXY_FLAG_ROLES.includes(user.role)) await denyAccess(event, user, 'flags.role');
	const { db } = await getApp();
	const campaign = await getCampaign(db, Number(event.params.id));
	if (!campaign) error(404, { message: 'campaign.error.notFound' });
	if (!(await canViewProxyFlags(db, user, campaign))) await denyAccess(event, user, 'flags.scope');
	return { user, db, campaign };
}

/** The admin's settings give the thresholds; the query lets a reviewer try other ipBurst ones. */
function flagOptions(url: URL, settings: SettingValues) {
	const q = url.searchParams;
	const errors: Message[] = [];
	const count = thresholdParam(q.get('ipCount'), 2, 1000, settings.flag_ip_burst_people);
	const minutes = thresholdParam(q.get('ipMinutes'), 1, 1440, settings.flag_ip_burst_minutes);
	if (count === null) errors.push(message('flags.error.ipCount'));
	if (minutes === null) errors.push(message('flags.error.ipMinutes'));
	const options = {
		ipBurstCount: count ?? settings.flag_ip_burst_people,
		ipBurstMinutes: minutes ?? settings.flag_ip_burst_minutes,
		sameBrowserMinutes: settings.flag_same_browser_minutes,
		serialGapMinutes: settings.flag_serial_gap_minutes,
		relaySeconds: settings.flag_relay_seconds
	} satisfies Partial<ProxyFlagOptions>;
	return { options, errors };
}

export const load: PageServerLoad = async (event) => {
	const { user, db, campaign } = await context(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	const { options, errors } = flagOptions(event.url, await readSettings(db));
	const { kinds, total } = await listProxyFlagsByKind(db, campaign.id, options);
	// The review form posts with the thresholds in view, so the flag it names is computed the same way.
	const query = new URLSearchParams();
	for (const name of ['ipCount', 'ipMinutes']) {
		const value = event.url.searchParams.get(name);
		if (value) query.set(name, value);
	}
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state },
		// Auditors have no campaign pages: their way back is the audit log, which lists the campaigns.
		backHref: user.role === 'auditor' ? '/audit' : `/campaigns/${campaign.id}`,
		kinds,
		total,
		options: { ...options, failedCodesThreshold: DEFAULT_FLAG_OPTIONS.failedCodesThreshold },
		errors,
		canReview: canReviewFlags(user.role),
		reviewAction: query.size > 0 ? `?${query}&/review` : '?/review'
	};
};

export const actions: Actions = {
	review: async (event) => {
		const { user, db, campaign } = await context(event);
		if (!canReviewFlags(user.role)) return refuseForm('review', message('flags.review.error.role'), {}, 403);
		const form = await readForm(event, flagReviewSchema);
		if (!form.ok) return refuseForm('review', form.errors, form.values);
		const { options } = flagOptions(event.url, await readSettings(db));
		const { flagKey, reason } = form.value;
		const result = await reviewFlag(db, campaign.id, flagKey, reason, user, requestMeta(event), options);
		if (!result.ok) return refuseForm('review', result.errors, form.values);
		return { action: 'review', saved: message('flags.review.saved') };
	}
};
