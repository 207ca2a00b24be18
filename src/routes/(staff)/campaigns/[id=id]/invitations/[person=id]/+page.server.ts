// One person's participation history (issue 15 item 5): links, messages, codes, verification and the
// credential, never anything from the sealed side. Each live link can be revoked on its own, or all of
// them at once, each after a confirmation that says what dies.
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { message } from '$lib/domain/message';
import { formatDateTime } from '$lib/format';
import { translator } from '$lib/i18n';
import { readForm, refuseForm } from '$lib/server/http/form';
import { revokeInvitation, revokeLink } from '$lib/server/outreach/invitations';
import { loadPersonHistory, revocationPreview } from '$lib/server/outreach/person-history';
import { campaignContext } from '../../context';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const confirmField = z.string().max(1).optional();
const linkSchema = z.object({
	link: z
		.string()
		.regex(/^[1-9]\d{0,8}$/, 'invitation.error.unknownLink')
		.transform(Number),
	confirm: confirmField
});

/** The person from the path, inside the campaign and the organiser's scope; 404 otherwise (as an unknown id). */
async function personContext(event: RequestEvent) {
	const context = await campaignContext(event, { manage: true });
	const history = await loadPersonHistory(
		context.db,
		context.campaign.id,
		Number(event.params.person),
		context.user.unitId
	);
	if (!history) error(404, { message: 'invitation.error.unknownPerson' });
	return { ...context, history };
}

export const load: PageServerLoad = async (event) => {
	const { campaign, history } = await personContext(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	return { campaign: { id: campaign.id, title: campaign.title, state: campaign.state }, ...history };
};

export const actions: Actions = {
	revokeLink: async (event) => {
		const { db, user, campaign, meta, history } = await personContext(event);
		const form = await readForm(event, linkSchema);
		const link = form.ok ? history.live.find((l) => l.id === form.value.link) : undefined;
		if (!form.ok || !link) return refuseForm('revokeLink', message('invitation.error.unknownLink'), form.values);
		if (history.credentialed) return refuseForm('revokeLink', message('invitation.error.revokeCredentialed'));
		if (form.value.confirm !== '1')
			return {
				confirm: {
					action: 'revokeLink',
					lines: [
						message('invitations.confirm.revokeLink', {
							name: history.person.fullName,
							channel: translator(event.locals.locale)(`invitations.channel.${link.channel}`),
							at: formatDateTime(link.issuedAt, event.locals.locale)
						})
					],
					fields: { link: link.id }
				}
			};
		const result = await revokeLink(db, campaign, link.id, user, meta);
		if (!result.ok) return refuseForm('revokeLink', result.error);
		return { revoked: true };
	},
	revokeAll: async (event) => {
		const { db, user, campaign, meta, history } = await personContext(event);
		const form = await readForm(event, z.object({ confirm: confirmField }));
		const preview = await revocationPreview(db, campaign.id, history.person.id, user.unitId);
		if (!preview) return refuseForm('revokeAll', message('invitation.error.unknownPerson'));
		if (preview.credentialed) return refuseForm('revokeAll', message('invitation.error.revokeCredentialed'));
		if (preview.links === 0) return refuseForm('revokeAll', message('invitation.error.noActiveLink'));
		if (!form.ok || form.value.confirm !== '1')
			return {
				confirm: {
					action: 'revokeAll',
					lines: [message('invitations.confirm.revokeAll', { links: preview.links, name: preview.name })],
					fields: {}
				}
			};
		const result = await revokeInvitation(db, campaign, history.person.id, user, meta);
		if (!result.ok) return refuseForm('revokeAll', result.error);
		return { revoked: true };
	}
};
