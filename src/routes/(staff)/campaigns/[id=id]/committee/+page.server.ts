// The counting committee (Tổ kiểm phiếu) of one campaign: naming its members and threshold (a plain
// form), and recording what the key ceremony produced in the browser (public key and check values only).
import { message } from '$lib/domain/message';
import { getApp } from '$lib/server/app';
import { refuseForm, readFormData } from '$lib/server/http/form';
import { recordCeremony } from '$lib/server/sealing/ceremony';
import { loadCommitteePage, saveCommittee } from '$lib/server/sealing/committee';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

/** A ceremony record is a few hundred bytes per member; anything far larger is not one. */
const MAX_RECORD_CHARS = 20_000;

export const load: PageServerLoad = async (event) => {
	const { db, campaign, canManage } = await campaignContext(event, { manage: false });
	return {
		campaign: { id: campaign.id, slug: campaign.slug, title: campaign.title, state: campaign.state },
		...(await loadCommitteePage(db, campaign.id, canManage, campaign.state)),
		canManage
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		// A repeated field (one checkbox per member, in slot order): read here, checked by the service.
		const form = await readFormData(event);
		const usernames = form.getAll('usernames').map((v) => String(v));
		const threshold = String(form.get('threshold') ?? '').slice(0, 8);
		const result = await saveCommittee(db, campaign.id, { usernames, threshold: Number(threshold) }, user, meta, {
			demo: (await getApp()).demo
		});
		// The ticked names go back as one line each, so the page can tick them again.
		if (!result.ok)
			return refuseForm('save', result.error, { usernames: usernames.slice(0, 100).join('\n'), threshold });
		return { action: 'save', saved: message('committee.saved') };
	},
	ceremony: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const raw = String((await readFormData(event)).get('record') ?? '');
		let record: unknown = null;
		try {
			if (raw.length <= MAX_RECORD_CHARS) record = JSON.parse(raw);
		} catch {
			record = null;
		}
		const result = await recordCeremony(db, campaign.id, record, user, meta);
		if (!result.ok) return refuseForm('ceremony', result.error);
		return { action: 'ceremony' as const, fingerprint: result.fingerprint };
	}
};
