// A campaign's letterhead and its own message templates (issue 15, item 4): read for the messages page,
// saved and reset (audited in the same transaction), and rendered when invitations and reminders are queued.
import { sql, type Transaction } from 'kysely';
import type { LetterheadInput } from '$lib/domain/letterhead';
import { message, type FieldErrors } from '$lib/domain/message';
import {
	SMS_MAX_PARTS,
	TEMPLATE_CHANNELS,
	TEMPLATE_KINDS,
	checkTemplate,
	defaultTemplate,
	emptyPlaceholders,
	smsEstimate,
	type MessageTemplate,
	type Placeholder,
	type TemplateChannel,
	type TemplateKind,
	type TemplateValues
} from '$lib/domain/message-template';
import type { MessageContent, Route } from '$lib/domain/delivery';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import type { CampaignRow, Database } from '../db/schema';
import { isShort, renderTemplate, templateValues, type Letterhead } from '../delivery/templates';
import { nowSeconds } from '../time';

/** A made-up recipient for previews: the page shows a real unit of the roster beside it. */
export const SAMPLE_NAME = 'Nguyễn Thị Minh Khai';
/** The token in a personal link is 32 characters (160 bits, base32): previews count with its real length. */
const SAMPLE_TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';

const LETTERHEAD_VALUES: readonly Placeholder[] = ['so_hieu', 'ngay_ban_hanh', 'duong_day_nong', 'email_ho_tro'];

export type Refused = { ok: false; errors: FieldErrors };

export function letterheadOf(c: CampaignRow): Letterhead {
	return {
		parentBody: c.parent_body,
		issuingBody: c.issuing_body,
		dispatchRef: c.dispatch_ref,
		dispatchPlace: c.dispatch_place,
		dispatchDate: c.dispatch_date,
		signerName: c.signer_name,
		signerTitle: c.signer_title,
		hotline: c.hotline,
		supportEmail: c.support_email
	};
}

const editable = (c: Pick<CampaignRow, 'state'>) => c.state === 'draft' || c.state === 'open';

/** The campaign's saved templates (a kind/channel missing here uses the default). */
export async function loadTemplates(db: Db, campaignId: number): Promise<MessageTemplate[]> {
	const rows = await db
		.selectFrom('message_template')
		.select(['kind', 'channel', 'subject', 'body'])
		.where('campaign_id', '=', campaignId)
		.execute();
	return rows;
}

const find = (templates: MessageTemplate[], kind: TemplateKind, channel: TemplateChannel) =>
	templates.find((t) => t.kind === kind && t.channel === channel) ?? null;

/**
 * What invitations or reminders of a campaign say: the campaign and its templates read once (per part of
 * an issue), then one render per person.
 */
export async function linkMessageRenderer(db: Db, campaignId: number, kind: TemplateKind) {
	const campaign = await db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
	const templates = await loadTemplates(db, campaignId);
	const letterhead = letterheadOf(campaign);
	return (
		v: { fullName: string; url: string; unitName?: string },
		route: Pick<Route, 'channel' | 'contact'>
	): MessageContent => {
		const values = templateValues({
			fullName: v.fullName,
			unitName: v.unitName,
			url: v.url,
			title: campaign.title,
			closesOn: campaign.closes_on,
			letterhead
		});
		const channel: TemplateChannel = isShort(route) ? 'sms' : 'email';
		return renderTemplate(find(templates, kind, channel) ?? defaultTemplate(kind, channel, values), values, route);
	};
}

/** Sample values for a preview: a made-up name, the roster's first unit, the real deadline and letterhead. */
async function sampleValues(db: Db, campaign: CampaignRow, origin: string): Promise<TemplateValues> {
	const unit = await db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.select('u.name')
		.where('p.campaign_id', '=', campaign.id)
		.orderBy('u.code')
		.limit(1)
		.executeTakeFirst();
	const scope = campaign.scope_unit_id
		? await db.selectFrom('unit').select('name').where('id', '=', campaign.scope_unit_id).executeTakeFirst()
		: undefined;
	return templateValues({
		fullName: SAMPLE_NAME,
		unitName: unit?.name ?? scope?.name ?? '',
		url: `${origin}/s/${SAMPLE_TOKEN}`,
		title: campaign.title,
		closesOn: campaign.closes_on,
		letterhead: letterheadOf(campaign)
	});
}

/** The longest values a text message can carry: the roster's longest name and unit, the real link. */
async function longestValues(db: Db, campaignId: number, sample: TemplateValues) {
	const longest = (column: 'p.full_name' | 'u.name') =>
		db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(sql<string>`${sql.ref(column)}`.as('text'))
			.where('p.campaign_id', '=', campaignId)
			.orderBy(sql`length(${sql.ref(column)})`, 'desc')
			.limit(1)
			.executeTakeFirst();
	const name = (await longest('p.full_name'))?.text ?? sample.ho_ten;
	const unit = (await longest('u.name'))?.text ?? sample.don_vi;
	return { ...sample, ho_ten: name, don_vi: unit };
}

export interface TemplatePreview {
	subject: string;
	text: string;
	/** Text messages: the largest one the template makes for this roster. */
	sms: { parts: number; length: number; encoding: 'gsm7' | 'ucs2'; over: boolean } | null;
}

export interface SmsBasis {
	name: number;
	unit: number;
	link: number;
}

async function previewer(db: Db, campaign: CampaignRow, origin: string) {
	const sample = await sampleValues(db, campaign, origin);
	const longest = await longestValues(db, campaign.id, sample);
	const preview = (t: MessageTemplate): TemplatePreview => {
		const content = renderTemplate(t, sample, { channel: t.channel, contact: t.channel === 'sms' ? 'sms' : 'email' });
		const size = t.channel === 'sms' ? smsEstimate(t.body, longest) : null;
		return {
			subject: content.subject,
			text: content.text,
			sms: size && { parts: size.parts, length: size.length, encoding: size.encoding, over: size.parts > SMS_MAX_PARTS }
		};
	};
	const basis: SmsBasis = {
		name: longest.ho_ten.length,
		unit: longest.don_vi.length,
		link: sample.lien_ket.length
	};
	return { sample, longest, preview, basis };
}

export interface TemplateView {
	kind: TemplateKind;
	channel: TemplateChannel;
	custom: boolean;
	template: MessageTemplate;
	preview: TemplatePreview;
}

/** Everything the messages page shows: the letterhead, each template (own or default) with its preview. */
export async function messagesPage(db: Db, campaign: CampaignRow, origin: string) {
	const saved = await loadTemplates(db, campaign.id);
	const { sample, longest, preview, basis } = await previewer(db, campaign, origin);
	const templates: TemplateView[] = TEMPLATE_KINDS.flatMap((kind) =>
		TEMPLATE_CHANNELS.map((channel) => {
			const own = find(saved, kind, channel);
			const template = own ?? defaultTemplate(kind, channel, sample);
			return { kind, channel, custom: own !== null, template, preview: preview(template) };
		})
	);
	return {
		letterhead: letterheadOf(campaign),
		editable: editable(campaign),
		sample: { name: sample.ho_ten, unit: sample.don_vi },
		// For the live preview as one types (the page works without it: the server renders one on request).
		values: sample,
		longest,
		basis,
		templates
	};
}

/** A draft's preview (not saved), with the same checks a save makes. */
export async function previewTemplate(db: Db, campaign: CampaignRow, t: MessageTemplate, origin: string) {
	const { sample, preview } = await previewer(db, campaign, origin);
	const errors = checkTemplate(t);
	const p = Object.keys(errors).length ? null : preview(t);
	if (p?.sms?.over) errors.body = message('messages.error.smsTooLong', { parts: p.sms.parts, max: SMS_MAX_PARTS });
	// Only the letterhead's values can be missing by choice; name, unit, title and link always exist.
	const empty = emptyPlaceholders(`${t.subject ?? ''} ${t.body}`, sample).filter((n) => LETTERHEAD_VALUES.includes(n));
	if (!errors.body && empty.length) errors.body = message('messages.error.emptyValue', { name: `{${empty[0]}}` });
	return { preview: p, errors };
}

/** Changes the round's texts and records `campaign.messages_saved` in the same transaction. */
async function changeMessages(
	db: Db,
	campaign: CampaignRow,
	staff: Staff,
	meta: RequestMeta,
	payload: Record<string, unknown>,
	now: number,
	change: (trx: Transaction<Database>) => Promise<unknown>
): Promise<{ ok: true }> {
	await db.transaction().execute(async (trx) => {
		await change(trx);
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'campaign.messages_saved',
				subject: { type: 'campaign', id: campaign.id },
				meta,
				payload
			},
			now
		);
	});
	return { ok: true };
}

export async function saveTemplate(
	db: Db,
	campaign: CampaignRow,
	input: MessageTemplate,
	staff: Staff,
	meta: RequestMeta,
	origin: string,
	now = nowSeconds()
): Promise<{ ok: true } | Refused> {
	if (!editable(campaign)) return { ok: false, errors: { form: message('messages.error.closed') } };
	const t: MessageTemplate = {
		kind: input.kind,
		channel: input.channel,
		subject: input.channel === 'email' ? (input.subject ?? '').trim() : null,
		body: input.body.replace(/\r\n/g, '\n').trim()
	};
	const { errors } = await previewTemplate(db, campaign, t, origin);
	if (Object.keys(errors).length) return { ok: false, errors };
	const payload = { part: 'template', kind: t.kind, channel: t.channel, length: t.body.length };
	return changeMessages(db, campaign, staff, meta, payload, now, async (trx) => {
		const values = { subject: t.subject, body: t.body, updated_at: now, updated_by: staff.id };
		const updated = await trx
			.updateTable('message_template')
			.set(values)
			.where('campaign_id', '=', campaign.id)
			.where('kind', '=', t.kind)
			.where('channel', '=', t.channel)
			.executeTakeFirst();
		if (!Number(updated.numUpdatedRows))
			await trx
				.insertInto('message_template')
				.values({ campaign_id: campaign.id, kind: t.kind, channel: t.channel, ...values })
				.execute();
	});
}

/** Back to the default text: the campaign's own template for that kind and channel is removed. */
export async function resetTemplate(
	db: Db,
	campaign: CampaignRow,
	kind: TemplateKind,
	channel: TemplateChannel,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true } | Refused> {
	if (!editable(campaign)) return { ok: false, errors: { form: message('messages.error.closed') } };
	return changeMessages(db, campaign, staff, meta, { part: 'reset', kind, channel }, now, (trx) =>
		trx
			.deleteFrom('message_template')
			.where('campaign_id', '=', campaign.id)
			.where('kind', '=', kind)
			.where('channel', '=', channel)
			.execute()
	);
}

export async function saveLetterhead(
	db: Db,
	campaign: CampaignRow,
	input: LetterheadInput,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true } | Refused> {
	if (!editable(campaign)) return { ok: false, errors: { form: message('messages.error.closed') } };
	// Which fields are filled, not their text: the campaign row holds that.
	const filled = Object.keys(input).filter((k) => input[k as keyof LetterheadInput]);
	return changeMessages(db, campaign, staff, meta, { part: 'letterhead', filled }, now, (trx) =>
		trx
			.updateTable('campaign')
			.set({
				parent_body: input.parentBody,
				issuing_body: input.issuingBody,
				dispatch_ref: input.dispatchRef,
				dispatch_place: input.dispatchPlace,
				dispatch_date: input.dispatchDate,
				signer_name: input.signerName,
				signer_title: input.signerTitle,
				hotline: input.hotline,
				support_email: input.supportEmail,
				updated_at: now
			})
			.where('id', '=', campaign.id)
			.execute()
	);
}
