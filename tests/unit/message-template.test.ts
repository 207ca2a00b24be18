// Per-campaign message templates (issue 15, item 4): placeholders checked and filled, SMS parts counted as
// carriers bill them, defaults that read like an official notice; the letterhead form.
import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/domain/form';
import { letterheadSchema } from '$lib/domain/letterhead';
import {
	checkTemplate,
	defaultTemplate,
	fillSms,
	fillTemplate,
	foldDiacritics,
	smsEstimate,
	smsSize,
	type TemplateValues
} from '$lib/domain/message-template';
import { codeMessage, escapeHtml, renderTemplate } from '$lib/server/delivery/templates';

const LINK = `https://khaosat.quangngai.gov.vn/s/${'a'.repeat(32)}`;
const values: TemplateValues = {
	ho_ten: 'Nguyễn Văn Đức',
	don_vi: 'Sở Tài chính',
	ten_dot: 'Khảo sát PAR INDEX 2026',
	han_tra_loi: '15/01/2027',
	lien_ket: LINK,
	co_quan: 'SỞ NỘI VỤ TỈNH QUẢNG NGÃI',
	so_hieu: '125/SNV-CCHC',
	ngay_ban_hanh: '05/01/2027',
	duong_day_nong: '0255 3822 123',
	email_ho_tro: 'hotro@sonoivu.gov.vn'
};
const email = (body: string, subject: string | null = 'Thư mời') =>
	({ kind: 'invitation', channel: 'email', subject, body }) as const;

describe('checking a template', () => {
	it('accepts known placeholders with the link', () => {
		expect(checkTemplate(email('Kính gửi {ho_ten}, mời trả lời tại {lien_ket}.'))).toEqual({});
	});

	it('names an unknown placeholder in Vietnamese', () => {
		const errors = checkTemplate(email('Kính gửi {ten_nguoi}: {lien_ket}'));
		expect(errors.body).toMatchObject({ key: 'messages.error.unknownPlaceholder', params: { name: '{ten_nguoi}' } });
		expect(String(errors.body?.params?.known)).toContain('{ho_ten}');
	});

	it('refuses a text without the link, an empty text, a stray brace and a link in the subject', () => {
		expect(checkTemplate(email('Kính gửi {ho_ten}.')).body?.key).toBe('messages.error.noLink');
		expect(checkTemplate(email('   ')).body?.key).toBe('messages.error.emptyBody');
		expect(checkTemplate(email('Kính gửi {ho_ten: {lien_ket}')).body?.key).toBe('messages.error.brace');
		expect(checkTemplate(email('{lien_ket}', 'Mở {lien_ket}')).subject?.key).toBe('messages.error.linkInSubject');
		expect(checkTemplate(email('{lien_ket}', '')).subject?.key).toBe('messages.error.emptySubject');
		// A text message has no subject to check.
		expect(checkTemplate({ kind: 'reminder', channel: 'sms', subject: null, body: '{lien_ket}' })).toEqual({});
	});
});

describe('filling a template', () => {
	it('escapes the literal text and the values for HTML', () => {
		const html = fillTemplate('<b>{ho_ten}</b>', { ...values, ho_ten: 'An <script>' }, escapeHtml);
		expect(html).toBe('&lt;b&gt;An &lt;script&gt;&lt;/b&gt;');
	});

	it('renders an e-mail with the link as its own paragraph, values escaped', () => {
		const m = renderTemplate(
			email('Kính gửi {ho_ten},\n\n{lien_ket}\n\n{co_quan}', 'Mời: {ten_dot}'),
			{ ...values, ho_ten: 'Hoà <b>' },
			{ channel: 'email', contact: 'email' }
		);
		expect(m.subject).toBe('Mời: Khảo sát PAR INDEX 2026');
		expect(m.html).toContain('Kính gửi Hoà &lt;b&gt;,');
		expect(m.html).toContain(`href="${LINK}"`);
		expect(m.text).toBe(`Kính gửi Hoà <b>,\n\n${LINK}\n\nSỞ NỘI VỤ TỈNH QUẢNG NGÃI`);
	});

	it('folds the values of a template written without diacritics, keeps them in one written with', () => {
		expect(foldDiacritics('Nguyễn Văn Đức “PAR”')).toBe('Nguyen Van Duc "PAR"');
		expect(fillSms('Moi Ong/Ba {ho_ten}: {lien_ket}', values)).toBe(`Moi Ong/Ba Nguyen Van Duc: ${LINK}`);
		expect(fillSms('Mời ông/bà {ho_ten}: {lien_ket}', values)).toBe(`Mời ông/bà Nguyễn Văn Đức: ${LINK}`);
	});
});

describe('SMS parts', () => {
	it('counts GSM-7 as 160 in one message, 153 per part', () => {
		expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm7', length: 160, parts: 1 });
		expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'gsm7', length: 161, parts: 2 });
		expect(smsSize('a'.repeat(306)).parts).toBe(2);
		expect(smsSize('a'.repeat(307)).parts).toBe(3);
		// Extension characters take two septets.
		expect(smsSize('[]').length).toBe(4);
	});

	it('counts Vietnamese with diacritics as UCS-2: 70 in one message, 67 per part', () => {
		expect(smsSize('ă'.repeat(70))).toEqual({ encoding: 'ucs2', length: 70, parts: 1 });
		expect(smsSize('ă'.repeat(71)).parts).toBe(2);
		expect(smsSize('ă'.repeat(135)).parts).toBe(3);
	});

	it('the same message without diacritics takes fewer parts', () => {
		const withMarks = smsEstimate('Mời ông/bà {ho_ten} trả lời khảo sát “{ten_dot}” tại {lien_ket}', values);
		const plain = smsEstimate('Moi Ong/Ba {ho_ten} tra loi khao sat "{ten_dot}" tai {lien_ket}', values);
		expect(withMarks.encoding).toBe('ucs2');
		expect(withMarks.parts).toBe(3);
		expect(plain.encoding).toBe('gsm7');
		expect(plain.parts).toBe(1);
	});
});

describe('default templates', () => {
	it('read like an official notice: agency, basis, deadline, hotline, in person, signed', () => {
		const t = defaultTemplate('invitation', 'email', values);
		expect(checkTemplate(t)).toEqual({});
		for (const part of [
			'Kính gửi',
			'{co_quan}',
			'{so_hieu}',
			'{han_tra_loi}',
			'{duong_day_nong}',
			'tự mình',
			'Trân trọng'
		])
			expect(t.body).toContain(part);
		const m = renderTemplate(t, values, { channel: 'email', contact: 'email' });
		expect(m.text).toContain('Thực hiện Văn bản số 125/SNV-CCHC ngày 05/01/2027, SỞ NỘI VỤ TỈNH QUẢNG NGÃI');
		expect(m.text).toContain('Hạn trả lời: hết ngày 15/01/2027.');
		expect(m.text).toMatch(/Trân trọng,\nSỞ NỘI VỤ TỈNH QUẢNG NGÃI$/);
	});

	it('leave out sentences whose value the campaign lacks', () => {
		const bare = { ...values, so_hieu: '', ngay_ban_hanh: '', duong_day_nong: '', email_ho_tro: '', han_tra_loi: '' };
		const t = defaultTemplate('reminder', 'email', bare);
		expect(t.body).not.toContain('{so_hieu}');
		expect(t.body).not.toContain('{duong_day_nong}');
		expect(t.body).not.toContain('Hạn trả lời');
	});

	it('fit a text message in 3 parts for a long name and title, the agency and hotline included', () => {
		for (const kind of ['invitation', 'reminder'] as const) {
			const t = defaultTemplate(kind, 'sms', values);
			expect(checkTemplate(t)).toEqual({});
			const size = smsEstimate(t.body, {
				...values,
				ho_ten: 'Tôn Nữ Hoàng Phương Thảo Nguyên',
				ten_dot: 'Khảo sát sự hài lòng về cải cách hành chính năm 2026'
			});
			expect(size.text).toContain('SO NOI VU TINH QUANG NGAI');
			expect(size.text).toContain('0255 3822 123');
			expect(size.encoding).toBe('gsm7');
			expect(size.parts).toBeLessThanOrEqual(3);
		}
	});
});

describe('the one-time code message', () => {
	it('is signed by the issuing body when the campaign names one', () => {
		const vars = { title: 'PAR INDEX 2026', code: '042917', issuer: 'SỞ NỘI VỤ' };
		expect(codeMessage(vars, { channel: 'email', contact: 'email' }).text).toMatch(/Trân trọng,\nSỞ NỘI VỤ$/);
		expect(codeMessage(vars, { channel: 'sms', contact: 'sms' }).text).toMatch(/^SỞ NỘI VỤ: Mã xác minh/);
		expect(codeMessage({ ...vars, issuer: null }, { channel: 'email', contact: 'email' }).text).toMatch(
			/Trân trọng,\nBan Tổ chức khảo sát$/
		);
	});
});

describe('the letterhead form', () => {
	it('stores empty fields as null and the date as ISO', () => {
		const r = letterheadSchema.safeParse({ issuingBody: '  SỞ   NỘI VỤ ', dispatchDate: '5/1/2027', hotline: '' });
		expect(r.success && r.data).toMatchObject({ issuingBody: 'SỞ NỘI VỤ', dispatchDate: '2027-01-05', hotline: null });
	});

	it('refuses an impossible date, a bad phone and e-mail, each by its own key', () => {
		const r = letterheadSchema.safeParse({ dispatchDate: '31/02/2027', hotline: 'gọi ngay', supportEmail: 'hotro@' });
		expect(r.success).toBe(false);
		const keys = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
		expect(keys).toEqual({
			dispatchDate: 'messages.error.date',
			hotline: 'messages.error.phone',
			supportEmail: 'messages.error.email'
		});
	});

	it('says how long a field may be', () => {
		const r = parseForm(letterheadSchema, { dispatchRef: 'x'.repeat(61) });
		expect(!r.ok && r.errors.dispatchRef).toEqual({ key: 'messages.error.tooLong', params: { max: 60 } });
	});
});
