// Proxy-completion flags of one campaign (docs/integrity.md, promise 2). Readable by admins, auditors and
// the organisers who manage the campaign; analysts and out-of-scope organisers get an audited 403.
// campaignContext is not used: it requires the 'campaigns' area, which auditors do not have.
import { error } from '@sveltejs/kit';
import { message, type Message } from '$lib/domain/message';
import { DEFAULT_FLAG_OPTIONS } from '$lib/domain/proxy-flags';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { getCampaign } from '$lib/server/campaigns/campaigns';
import { readSettings } from '$lib/server/admin/settings';
import { PROXY_FLAG_ROLES, canViewProxyFlags, listProxyFlagsByKind } from '$lib/server/monitoring/proxy-flags';
import type { PageServerLoad } from './$types';

/** A threshold from the query: the fallback when absent, null when malformed or out of range. */
function thresholdParam(raw: string | null, min: number, max: number, fallback: number): number | null {
	if (raw === null || raw === '') return fallback;
	return /^\d{1,4}$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : null;
}

export const load: PageServerLoad = async (event) => {
	// Every role has 'home': this only handles sign-in and the second factor; the role check follows.
	const user = await requireStaff(event, 'home');
	if (!PROXY_FLAG_ROLES.includes(user.role)) await denyAccess(event, user, 'flags.role');
	const { db } = await getApp();
	const campaign = await getCampaign(db, Number(event.params.id));
	if (!campaign) error(404, { message: 'campaign.error.notFound' });
	if (!(await canViewProxyFlags(db, user, campaign))) await denyAccess(event, user, 'flags.scope');
	event.setHeaders({ 'cache-control': 'no-store' });

	// The admin's settings give the defaults; the query lets a reviewer try other thresholds.
	const settings = await readSettings(db);
	const q = event.url.searchParams;
	const errors: Message[] = [];
	const count = thresholdParam(q.get('ipCount'), 2, 1000, settings.flag_ip_burst_people);
	const minutes = thresholdParam(q.get('ipMinutes'), 1, 1440, settings.flag_ip_burst_minutes);
	if (count === null) errors.push(message('flags.error.ipCount'));
	if (minutes === null) errors.push(message('flags.error.ipMinutes'));
	const ipBurstCount = count ?? settings.flag_ip_burst_people;
	const ipBurstMinutes = minutes ?? settings.flag_ip_burst_minutes;

	const { kinds, total } = await listProxyFlagsByKind(db, campaign.id, { ipBurstCount, ipBurstMinutes });
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state },
		// Auditors have no campaign pages: their way back is the audit log, which lists the campaigns.
		backHref: user.role === 'auditor' ? '/audit' : `/campaigns/${campaign.id}`,
		kinds,
		total,
		options: { ipBurstCount, ipBurstMinutes, failedCodesThreshold: DEFAULT_FLAG_OPTIONS.failedCodesThreshold },
		errors
	};
};
