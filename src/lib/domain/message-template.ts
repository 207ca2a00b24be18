// A campaign's own message texts (issue 15, item 4): Vietnamese placeholders in braces, checked before
// saving, filled at issue time; SMS length counted in parts as a carrier bills them. Pure: no I/O.
import type { FieldErrors, Message } from './message';
import { message } from './message';

/** What a template may name, each in braces: {ho_ten}. */
export const PLACEHOLDERS = [
	'ho_ten',
	'don_vi',
	'ten_dot',
	'han_tra_loi',
	'lien_ket',
	'co_quan',
	'so_hieu',
	'ngay_ban_hanh',
	'duong_day_nong',
	'email_ho_tro'
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export const TEMPLATE_KINDS = ['invitation', 'reminder'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
/** 'sms' also serves Zalo: both carry the short text. */
export const TEMPLATE_CHANNELS = ['email', 'sms'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

export interface MessageTemplate {
	kind: TemplateKind;
	channel: TemplateChannel;
	/** E-mail only. */
	subject: string | null;
	body: string;
}

/** Who signs when a campaign names no issuing body. */
export const DEFAULT_SIGNER = 'Ban Tổ chức khảo sát';
/** A text message may take at most this many parts (each billed, and long ones arrive out of order). */
export const SMS_MAX_PARTS = 3;
export const BODY_MAX = 4000;
export const SUBJECT_MAX = 200;

const TOKEN = /\{([^{}]*)\}/g;
const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The names a text uses, in order, each once. */
export function placeholdersIn(text: string): string[] {
	return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]))];
}

function checkText(text: string): Message | null {
	const unknown = placeholdersIn(text).find((name) => !isPlaceholder(name));
	if (unknown !== undefined)
		return message('messages.error.unknownPlaceholder', {
			name: `{${unknown}}`,
			known: PLACEHOLDERS.map((p) => `{${p}}`).join(' ')
		});
	// A brace left over once the placeholders are gone is a typo ("{ho_ten" or "ho_ten}").
	if (/[{}]/.test(text.replace(TOKEN, ''))) return message('messages.error.brace');
	return null;
}

/** Each field's first problem (`subject`, `body`); empty when the template can be saved. */
export function checkTemplate(t: MessageTemplate): FieldErrors {
	const errors: FieldErrors = {};
	const body = t.body.trim();
	if (!body) errors.body = message('messages.error.emptyBody');
	else if (body.length > BODY_MAX) errors.body = message('messages.error.bodyTooLong', { max: BODY_MAX });
	else {
		const problem = checkText(body);
		if (problem) errors.body = problem;
		else if (!placeholdersIn(body).includes('lien_ket')) errors.body = message('messages.error.noLink');
	}
	if (t.channel === 'email') {
		const subject = (t.subject ?? '').trim();
		if (!subject) errors.subject = message('messages.error.emptySubject');
		else if (subject.length > SUBJECT_MAX || /[\r\n]/.test(subject))
			errors.subject = message('messages.error.subjectTooLong', { max: SUBJECT_MAX });
		else {
			const problem = checkText(subject);
			if (problem) errors.subject = problem;
			// Subjects show in lists and notifications: the personal link never goes there.
			else if (placeholdersIn(subject).includes('lien_ket')) errors.subject = message('messages.error.linkInSubject');
		}
	}
	return errors;
}

/** The placeholders a text uses whose value is empty (e.g. {duong_day_nong} while the campaign has no hotline). */
export function emptyPlaceholders(text: string, values: TemplateValues): Placeholder[] {
	return placeholdersIn(text).filter((n): n is Placeholder => isPlaceholder(n) && !values[n].trim());
}

/** The text with each placeholder replaced; `escape` (for HTML) applies to the literal text and the values alike. */
export function fillTemplate(text: string, values: TemplateValues, escape: (s: string) => string = (s) => s): string {
	let out = '';
	let last = 0;
	for (const m of text.matchAll(TOKEN)) {
		out += escape(text.slice(last, m.index));
		out += escape(isPlaceholder(m[1]) ? values[m[1]] : m[0]);
		last = m.index! + m[0].length;
	}
	return out + escape(text.slice(last));
}

// GSM 03.38: the basic set (1 septet) and the extension table (2 septets, escape + char).
const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsSize {
	/** gsm7: plain Latin (160 per message, 153 per part); ucs2: anything else, e.g. Vietnamese with diacritics (70/67). */
	encoding: 'gsm7' | 'ucs2';
	/** Characters as the carrier counts them (septets for GSM-7, UTF-16 units for UCS-2). */
	length: number;
	parts: number;
}

export function isGsm7(text: string): boolean {
	return [...text].every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c));
}

export function smsSize(text: string): SmsSize {
	if (isGsm7(text)) {
		const length = [...text].reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0);
		return { encoding: 'gsm7', length, parts: length <= 160 ? 1 : Math.ceil(length / 153) };
	}
	const length = text.length;
	return { encoding: 'ucs2', length, parts: length <= 70 ? 1 : Math.ceil(length / 67) };
}

const ASCII_PUNCTUATION: Record<string, string> = {
	'“': '"',
	'”': '"',
	'‘': "'",
	'’': "'",
	'–': '-',
	'—': '-',
	'…': '...',
	'\u00a0': ' '
};

/** Vietnamese without diacritics ("Nguyễn Văn Đức" → "Nguyen Van Duc"), the way offices write plain SMS. */
export function foldDiacritics(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.replace(/[“”‘’–—…\u00a0]/g, (c) => ASCII_PUNCTUATION[c])
		.normalize('NFC');
}

/**
 * The SMS/Zalo text. A template written without diacritics stays plain (GSM-7, 160 characters a part):
 * the names and titles filled in lose their diacritics too, as offices do by hand.
 */
export function fillSms(body: string, values: TemplateValues): string {
	const literal = body.replace(TOKEN, '');
	if (!isGsm7(literal)) return fillTemplate(body, values);
	const folded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, foldDiacritics(v)])) as TemplateValues;
	return fillTemplate(body, folded);
}

/** The largest SMS a template makes, given the longest values (longest name and unit, the link's real length). */
export function smsEstimate(body: string, longest: TemplateValues): SmsSize & { text: string } {
	const text = fillSms(body, longest);
	return { text, ...smsSize(text) };
}

// Optional sentences appear only when the campaign has the value: no "số ... ngày ..." left blank.
const when = (values: TemplateValues, name: Placeholder, text: string) => (values[name].trim() ? text : '');

/**
 * The built-in texts, used while a campaign has none of its own: an official notice (who asks, on what
 * basis, why in person, until when, whom to call), signed by the issuing body.
 */
export function defaultTemplate(kind: TemplateKind, channel: TemplateChannel, values: TemplateValues): MessageTemplate {
	const basis = when(
		values,
		'so_hieu',
		`Thực hiện Văn bản số {so_hieu}${when(values, 'ngay_ban_hanh', ' ngày {ngay_ban_hanh}')}, `
	);
	const deadline = when(values, 'han_tra_loi', 'Hạn trả lời: hết ngày {han_tra_loi}.');
	const contact = values.duong_day_nong.trim()
		? `Mọi thắc mắc xin liên hệ đường dây nóng {duong_day_nong}${when(values, 'email_ho_tro', ' hoặc thư điện tử {email_ho_tro}')}.`
		: when(values, 'email_ho_tro', 'Mọi thắc mắc xin liên hệ thư điện tử {email_ho_tro}.');
	const personal =
		'Phiếu phải do chính ông/bà tự mình trả lời: không chuyển liên kết hay mã xác minh cho người khác trả lời thay. Câu trả lời được giữ ẩn danh; cơ quan tổ chức không biết ai đã chọn phương án nào.';
	const paragraphs = (...p: string[]) => p.filter(Boolean).join('\n\n');
	if (channel === 'sms') {
		const help = when(values, 'duong_day_nong', ' Ho tro: {duong_day_nong}.');
		const by = when(values, 'han_tra_loi', ' truoc het ngay {han_tra_loi}');
		return {
			kind,
			channel,
			subject: null,
			body:
				kind === 'invitation'
					? `{co_quan} moi Ong/Ba {ho_ten} tra loi khao sat "{ten_dot}"${by} tai lien ket ca nhan: {lien_ket} . Khong chuyen lien ket cho nguoi khac.${help}`
					: `{co_quan} nhac Ong/Ba {ho_ten}: chua nhan duoc phieu khao sat "{ten_dot}"${by}. Lien ket ca nhan: {lien_ket} . Neu da tra loi, xin bo qua.${help}`
		};
	}
	if (kind === 'invitation')
		return {
			kind,
			channel,
			subject: 'Thư mời tham gia khảo sát: {ten_dot}',
			body: paragraphs(
				'Kính gửi ông/bà {ho_ten},\n{don_vi}',
				`${basis}{co_quan} trân trọng mời ông/bà tham gia khảo sát “{ten_dot}”, nhằm thu thập ý kiến đánh giá khách quan, độc lập của chính ông/bà. Đây là liên kết cá nhân, chỉ dành riêng cho ông/bà:`,
				'{lien_ket}',
				'Khi mở liên kết, hệ thống sẽ gửi một mã xác minh gồm 6 chữ số đến địa chỉ thư điện tử hoặc số điện thoại đã đăng ký của ông/bà.',
				deadline,
				personal,
				contact,
				'Trân trọng,\n{co_quan}'
			)
		};
	return {
		kind,
		channel,
		subject: 'Nhắc trả lời khảo sát: {ten_dot}',
		body: paragraphs(
			'Kính gửi ông/bà {ho_ten},\n{don_vi}',
			`${basis}{co_quan} chưa nhận được phiếu của ông/bà cho khảo sát “{ten_dot}”. Xin mời ông/bà dành ít phút trả lời bằng liên kết cá nhân:`,
			'{lien_ket}',
			deadline,
			`Nếu ông/bà đã trả lời trong những giờ vừa qua, xin bỏ qua thư này. ${personal}`,
			contact,
			'Trân trọng,\n{co_quan}'
		)
	};
}
