// The campaign's letterhead and message templates: edit, preview (server-rendered, works without JS), reset.
import { z } from 'zod';
import { letterheadSchema } from '$lib/domain/letterhead';
import { TEMPLATE_CHANNELS, TEMPLATE_KINDS, type MessageTemplate } from '$lib/domain/message-template';
import { getApp } from '$lib/server/app';
import {
	messagesPage,
	previewTemplate,
	resetTemplate,
	saveLetterhead,
	saveTemplate
} from '$lib/server/campaigns/messages';
import { readForm, refuseForm } from '$lib/server/http/form';
import type { RequestEvent } from '@sveltejs/kit';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

const templateSchema = z.object({
	kind: z.enum(TEMPLATE_KINDS, 'messages.error.kind'),
	channel: z.enum(TEMPLATE_CHANNELS, 'messages.error.kind'),
	subject: z.string().max(1000).default(''),
	body: z.string().max(20000).default('')
});
const whichSchema = templateSchema.pick({ kind: true, channel: true });

async function originOf(event: RequestEvent) {
	return (await getApp()).config.origin ?? event.url.origin;
}

/** The template form's id on the page (each template has its own form, so its own errors). */
const formId = (t: { kind: string; channel: string }) => `${t.kind}-${t.channel}`;

export const load: PageServerLoad = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: true });
	return { campaignId: campaign.id, ...(await messagesPage(db, campaign, await originOf(event))) };
};

async function templateAction(event: RequestEvent, mode: 'preview' | 'save') {
	const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
	const form = await readForm(event, templateSchema);
	if (!form.ok) return refuseForm('template', form.errors, form.values);
	const t: MessageTemplate = { ...form.value, subject: form.value.channel === 'email' ? form.value.subject : null };
	const id = formId(t);
	const origin = await originOf(event);
	if (mode === 'preview') {
		const { preview, errors } = await previewTemplate(db, campaign, t, origin);
		if (Object.keys(errors).length) return refuseForm(`template:${id}`, errors, form.values);
		return { action: `template:${id}`, draft: { ...form.values }, preview };
	}
	const saved = await saveTemplate(db, campaign, t, user, meta, origin);
	if (!saved.ok) return refuseForm(`template:${id}`, saved.errors, form.values);
	return { action: `template:${id}`, saved: { key: 'messages.saved' as const } };
}

export const actions: Actions = {
	letterhead: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, letterheadSchema);
		if (!form.ok) return refuseForm('letterhead', form.errors, form.values);
		const saved = await saveLetterhead(db, campaign, form.value, user, meta);
		if (!saved.ok) return refuseForm('letterhead', saved.errors, form.values);
		return { action: 'letterhead', saved: { key: 'messages.savedLetterhead' as const } };
	},
	preview: (event) => templateAction(event, 'preview'),
	save: (event) => templateAction(event, 'save'),
	reset: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, whichSchema);
		if (!form.ok) return refuseForm('template', form.errors, form.values);
		const done = await resetTemplate(db, campaign, form.value.kind, form.value.channel, user, meta);
		const id = `template:${formId(form.value)}`;
		if (!done.ok) return refuseForm(id, done.errors, form.values);
		return { action: id, saved: { key: 'messages.resetDone' as const } };
	}
};
