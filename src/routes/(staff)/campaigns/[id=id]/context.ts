// Shared by the campaign's pages: the campaign from the path, with the viewer's right to manage it.
import { error } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { canManageCampaign, getCampaign } from '$lib/server/campaigns/campaigns';
import { requestMeta } from '$lib/server/http/request';

export async function campaignContext(event: RequestEvent, { manage }: { manage: boolean }) {
	const user = await requireStaff(event, 'campaigns');
	const { db, appKey } = await getApp();
	// The [id=id] matcher already refused anything but a plain id.
	const campaign = await getCampaign(db, Number(event.params.id));
	if (!campaign) error(404, { message: 'campaign.error.notFound' });
	const canManage = await canManageCampaign(db, user, campaign);
	// Organisers see only campaigns inside their scope; analysts read every campaign.
	if ((manage || user.role === 'organiser') && !canManage) await denyAccess(event, user, 'campaign.scope');
	return { db, appKey, user, campaign, canManage, meta: requestMeta(event) };
}
