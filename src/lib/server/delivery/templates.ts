// The messages people receive, in Vietnamese: an e-mail (plain text + HTML, everything escaped, no
// remote images) or a short SMS/Zalo text. Each carries one secret (a link or a code) and the
// reminder that the survey must be answered in person. Link messages come from templates (the campaign's
// own or the defaults of domain/message-template.ts), signed by the campaign's issuing body.
import { formatIsoDate } from '$lib/format';
import type { MessageContent, Route } from '$lib/domain/delivery';
import type { LetterheadInput } from '$lib/domain/letterhead';
import {
	DEFAULT_SIGNER,
	defaultTemplate,
	fillSms,
	fillTemplate,
	type MessageTemplate,
	type TemplateKind,
	type TemplateValues
} from '$lib/domain/message-template';

export interface LinkVars {
	fullName: string;
	title: string;
	url: string;
	/** yyyy-mm-dd, the campaign's closing date, if known. */
	closesOn?: string | null;
	unitName?: string;
	/** The campaign's letterhead (0011); missing fields leave their sentences out of the defaults. */
	letterhead?: Partial<Letterhead>;
}

export interface CodeVars {
	title: string;
	code: string;
	/** The campaign's issuing body, who signs; the default signer when none is set. */
	issuer?: string | null;
}

/** The campaign fields a message may name (all optional): the letterhead form's fields. */
export type Letterhead = LetterheadInput;

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const nfc = (c: MessageContent): MessageContent => ({
	subject: c.subject.normalize('NFC'),
	text: c.text.normalize('NFC'),
	...(c.html ? { html: c.html.normalize('NFC') } : {})
});
/** Whether the route carries the short text (SMS, Zalo, or the demo outbox standing in for them). */
export const isShort = (route: Pick<Route, 'channel' | 'contact'>) =>
	route.channel === 'sms' || (route.channel === 'demo' && route.contact === 'sms');

type Block = { text: string } | { link: string };

// One list of paragraphs renders both parts, so the text and the HTML never say different things.
function email(subject: string, blocks: Block[]): MessageContent {
	const text = blocks.map((b) => ('link' in b ? b.link : b.text)).join('\n\n');
	const body = blocks
		.map((b) =>
			'link' in b
				? `<p style="margin:16px 0"><a href="${escapeHtml(b.link)}" style="font-size:17px;font-weight:bold;color:#0b5394">${escapeHtml(b.link)}</a></p>`
				: `<p style="margin:12px 0">${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`
		)
		.join('\n');
	const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">
${body}
</body></html>`;
	return nfc({ subject, text, html });
}

/** The placeholder values for one person (dates shown dd/mm/yyyy; the signer defaults to the organising board). */
export function templateValues(v: LinkVars): TemplateValues {
	const l = v.letterhead ?? {};
	return {
		ho_ten: v.fullName,
		don_vi: v.unitName ?? '',
		ten_dot: v.title,
		han_tra_loi: v.closesOn ? formatIsoDate(v.closesOn) : '',
		lien_ket: v.url,
		co_quan: l.issuingBody?.trim() || DEFAULT_SIGNER,
		so_hieu: l.dispatchRef ?? '',
		ngay_ban_hanh: l.dispatchDate ? formatIsoDate(l.dispatchDate) : '',
		duong_day_nong: l.hotline ?? '',
		email_ho_tro: l.supportEmail ?? ''
	};
}

/**
 * A message from a template (the campaign's own, or the default): e-mail paragraphs split on blank
 * lines, a paragraph that is only {lien_ket} shown as the link; SMS/Zalo as one short text.
 */
export function renderTemplate(
	template: MessageTemplate,
	values: TemplateValues,
	route: Pick<Route, 'channel' | 'contact'>
): MessageContent {
	const subject = fillTemplate(template.subject ?? '', values)
		.replace(/\s+/g, ' ')
		.trim();
	if (template.channel === 'sms' || isShort(route)) return nfc({ subject, text: fillSms(template.body, values) });
	const blocks: Block[] = template.body
		.trim()
		.split(/\n[ \t]*\n/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p) => (p === '{lien_ket}' ? { link: values.lien_ket } : { text: fillTemplate(p, values) }));
	return email(subject, blocks);
}

function linkMessage(kind: TemplateKind, v: LinkVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	const values = templateValues(v);
	return renderTemplate(defaultTemplate(kind, isShort(route) ? 'sms' : 'email', values), values, route);
}

export function invitationMessage(v: LinkVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	return linkMessage('invitation', v, route);
}

export function reminderMessage(v: LinkVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	return linkMessage('reminder', v, route);
}

export function codeMessage(v: CodeVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	const subject = 'Mã xác minh phiếu khảo sát';
	if (isShort(route))
		return nfc({
			subject,
			text: `${v.issuer?.trim() ? `${short(v.issuer.trim(), 40)}: ` : ''}Mã xác minh khảo sát “${short(v.title, 50)}”: ${v.code} (hiệu lực 10 phút, dùng một lần). Không đưa mã cho người khác.`
		});
	return email(subject, [
		{ text: `Mã xác minh của ông/bà cho “${v.title}” là ${v.code}. Mã có hiệu lực 10 phút và chỉ dùng một lần.` },
		{
			text: 'Không đưa mã này cho bất kỳ ai, kể cả người giúp việc hay cán bộ tổ chức: phiếu phải do chính ông/bà trả lời.'
		},
		{ text: 'Nếu ông/bà không yêu cầu mã này, xin bỏ qua thư.' },
		{ text: `Trân trọng,\n${v.issuer?.trim() || DEFAULT_SIGNER}` }
	]);
}
