// The counting committee (Tổ kiểm phiếu) of one campaign: naming its members and threshold (a plain
// form), and recording what the key ceremony produced in the browser (public key and check values only).
import { fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { loadCommittee, recordCeremony, saveCommittee } from '$lib/server/sealing/committee';
import { listStaffUsers } from '$lib/server/admin/staff-users';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

/** A ceremony record is a few hundred bytes per member; anything far larger is not one. */
const MAX_RECORD_CHARS = 20_000;

export const load: PageServerLoad = async (event) => {
	const { db, campaign, canManage } = await campaignContext(event, { manage: false });
	const committee = (await loadCommittee(db, campaign.id))!;
	const editable = canManage && campaign.state === 'draft' && committee.key === null;
	// Members already named come first, in slot order, so saving again keeps their share numbers.
	const active = editable ? (await listStaffUsers(db)).filter((u) => !u.disabled) : [];
	const slotOf = new Map(committee.members.map((m) => [m.username, m.slot]));
	const staff = active
		.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role }))
		.sort(
			(a, b) => (slotOf.get(a.username) ?? 99) - (slotOf.get(b.username) ?? 99) || a.username.localeCompare(b.username)
		);
	return {
		campaign: { id: campaign.id, slug: campaign.slug, title: campaign.title, state: campaign.state },
		committee,
		canManage,
		editable,
		staff
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await event.request.formData();
		const usernames = form.getAll('usernames').map((v) => String(v));
		const threshold = String(form.get('threshold') ?? '').slice(0, 8);
		const values = { usernames: usernames.slice(0, 100), threshold };
		const result = await saveCommittee(db, campaign.id, { usernames, threshold: Number(threshold) }, user, meta, {
			demo: (await getApp()).demo
		});
		if (!result.ok) return fail(400, { action: 'save' as const, values, error: result.error, saved: null });
		return { action: 'save' as const, values: null, error: null, saved: 'committee.saved' };
	},
	ceremony: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const raw = String((await event.request.formData()).get('record') ?? '');
		let record: unknown = null;
		try {
			if (raw.length <= MAX_RECORD_CHARS) record = JSON.parse(raw);
		} catch {
			record = null;
		}
		const result = await recordCeremony(db, campaign.id, record, user, meta);
		if (!result.ok) return fail(400, { action: 'ceremony' as const, error: result.error, fingerprint: null });
		return { action: 'ceremony' as const, error: null, fingerprint: result.fingerprint };
	}
};
