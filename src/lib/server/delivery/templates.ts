// The messages people receive, in Vietnamese: an e-mail (plain text + HTML, everything escaped, no
// remote images) or a short SMS/Zalo text. Each carries one secret (a link or a code) and the
// reminder that the survey must be answered in person.
import { formatIsoDate } from '$lib/format';
import type { MessageContent, Route } from '$lib/domain/delivery';

export interface LinkVars {
	fullName: string;
	title: string;
	url: string;
	/** yyyy-mm-dd, the campaign's closing date, if known. */
	closesOn?: string | null;
}

export interface CodeVars {
	title: string;
	code: string;
}

const SIGNATURE = 'Ban Tổ chức khảo sát';
const PERSONAL =
	'Phiếu phải do chính ông/bà tự mình trả lời: không chuyển liên kết hay mã xác minh cho người khác trả lời thay. Câu trả lời được giữ ẩn danh.';

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const nfc = (c: MessageContent): MessageContent => ({
	subject: c.subject.normalize('NFC'),
	text: c.text.normalize('NFC'),
	...(c.html ? { html: c.html.normalize('NFC') } : {})
});
const isShort = (route: Pick<Route, 'channel' | 'contact'>) =>
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

function deadline(closesOn: string | null | undefined): Block[] {
	return closesOn ? [{ text: `Hạn trả lời: hết ngày ${formatIsoDate(closesOn)}.` }] : [];
}

export function invitationMessage(v: LinkVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	const subject = `Thư mời tham gia khảo sát: ${v.title}`;
	if (isShort(route))
		return nfc({
			subject,
			text: `Mời ông/bà ${v.fullName} trả lời khảo sát “${short(v.title, 60)}” bằng liên kết cá nhân: ${v.url} . Không chuyển liên kết cho người khác.`
		});
	return email(subject, [
		{ text: `Kính gửi ông/bà ${v.fullName},` },
		{
			text: `Ban Tổ chức trân trọng mời ông/bà tham gia khảo sát “${v.title}”. Đây là liên kết cá nhân, chỉ dành riêng cho ông/bà:`
		},
		{ link: v.url },
		{
			text: 'Khi mở liên kết, hệ thống sẽ gửi một mã xác minh gồm 6 chữ số đến địa chỉ thư điện tử hoặc số điện thoại đã đăng ký của ông/bà.'
		},
		...deadline(v.closesOn),
		{ text: PERSONAL },
		{ text: `Trân trọng,\n${SIGNATURE}` }
	]);
}

export function reminderMessage(v: LinkVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	const subject = `Nhắc trả lời khảo sát: ${v.title}`;
	if (isShort(route))
		return nfc({
			subject,
			text: `Nhắc ông/bà ${v.fullName}: khảo sát “${short(v.title, 60)}” chưa nhận được phiếu của ông/bà. Liên kết cá nhân: ${v.url} .`
		});
	return email(subject, [
		{ text: `Kính gửi ông/bà ${v.fullName},` },
		{
			text: `Ban Tổ chức chưa nhận được phiếu của ông/bà cho khảo sát “${v.title}”. Xin mời ông/bà dành ít phút trả lời bằng liên kết cá nhân:`
		},
		{ link: v.url },
		...deadline(v.closesOn),
		{ text: `Nếu ông/bà đã trả lời trong những giờ vừa qua, xin bỏ qua thư này. ${PERSONAL}` },
		{ text: `Trân trọng,\n${SIGNATURE}` }
	]);
}

export function codeMessage(v: CodeVars, route: Pick<Route, 'channel' | 'contact'>): MessageContent {
	const subject = 'Mã xác minh phiếu khảo sát';
	if (isShort(route))
		return nfc({
			subject,
			text: `Mã xác minh khảo sát “${short(v.title, 50)}”: ${v.code} (hiệu lực 10 phút, dùng một lần). Không đưa mã cho người khác.`
		});
	return email(subject, [
		{ text: `Mã xác minh của ông/bà cho “${v.title}” là ${v.code}. Mã có hiệu lực 10 phút và chỉ dùng một lần.` },
		{
			text: 'Không đưa mã này cho bất kỳ ai, kể cả người giúp việc hay cán bộ tổ chức: phiếu phải do chính ông/bà trả lời.'
		},
		{ text: 'Nếu ông/bà không yêu cầu mã này, xin bỏ qua thư.' }
	]);
}
