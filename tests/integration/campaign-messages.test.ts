// A campaign's letterhead and own message templates (issue 15, item 4): saved with an audit event in the
// same transaction, refused in Vietnamese with nothing written, and used by the next invitations.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { letterheadSchema } from '$lib/domain/letterhead';
import { messagesPage, resetTemplate, saveLetterhead, saveTemplate } from '$lib/server/campaigns/messages';
import { issueInvitations, type IssuedLink } from '$lib/server/outreach/invitations';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { openLink } from '$lib/server/respondent/links';
import { validateRespondentSession } from '$lib/server/respondent/sessions';
import { loadRespondentStep } from '$lib/server/respondent/step';
import { translator } from '$lib/i18n';
import { META, auditActions, type TestDb } from './support';
import { SLUG, removeTemplate, seededCopy } from './respondent-support';

const ORIGIN = 'https://khaosat.example.vn';
const STAFF = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
const vi = translator('vi');

let t: TestDb;
let links: IssuedLink[];
beforeEach(async () => ({ t, links } = await seededCopy()));
afterEach(() => t.close());
afterAll(removeTemplate);

const campaign = () => t.db.selectFrom('campaign').selectAll().where('slug', '=', SLUG).executeTakeFirstOrThrow();
const templateRows = () => t.db.selectFrom('message_template').selectAll().execute();
const letterhead = letterheadSchema.parse({
	parentBody: 'UBND TỈNH QUẢNG NGÃI',
	issuingBody: 'SỞ NỘI VỤ',
	dispatchRef: '125/SNV-CCHC',
	dispatchPlace: 'Quảng Ngãi',
	dispatchDate: '05/01/2027',
	hotline: '0255 3822 123'
});

describe('campaign message templates', () => {
	it('refuses a bad template in Vietnamese and writes nothing, not even an audit event', async () => {
		const before = (await auditActions(t)).length;
		const c = await campaign();
		const unknown = await saveTemplate(
			t.db,
			c,
			{ kind: 'invitation', channel: 'email', subject: 'Thư mời', body: 'Kính gửi {ten}: {lien_ket}' },
			STAFF,
			META,
			ORIGIN
		);
		expect(unknown.ok).toBe(false);
		const error = !unknown.ok ? unknown.errors.body! : null;
		expect(vi(error!.key, error!.params)).toMatch(/^Không có chỗ điền \{ten\}\. Chỉ dùng: \{ho_ten\}/);
		// No hotline yet: a template naming it is refused rather than sent with a blank.
		const noHotline = await saveTemplate(
			t.db,
			c,
			{ kind: 'reminder', channel: 'sms', subject: null, body: 'Goi {duong_day_nong}: {lien_ket}' },
			STAFF,
			META,
			ORIGIN
		);
		expect(!noHotline.ok && noHotline.errors.body?.key).toBe('messages.error.emptyValue');
		const tooLong = await saveTemplate(
			t.db,
			c,
			{ kind: 'invitation', channel: 'sms', subject: null, body: `${'Mời ông/bà trả lời. '.repeat(8)}{lien_ket}` },
			STAFF,
			META,
			ORIGIN
		);
		expect(!tooLong.ok && tooLong.errors.body).toMatchObject({ key: 'messages.error.smsTooLong', params: { max: 3 } });
		expect(await templateRows()).toEqual([]);
		expect((await auditActions(t)).length).toBe(before);
	});

	it('saves the letterhead and templates (audited), and the next invitations carry them', async () => {
		expect((await saveLetterhead(t.db, await campaign(), letterhead, STAFF, META)).ok).toBe(true);
		const c = await campaign();
		expect(c).toMatchObject({ issuing_body: 'SỞ NỘI VỤ', dispatch_date: '2027-01-05', hotline: '0255 3822 123' });
		const email = {
			kind: 'invitation' as const,
			channel: 'email' as const,
			subject: '{co_quan} mời khảo sát {ten_dot}',
			body: 'Kính gửi {ho_ten} ({don_vi}),\n\nTheo văn bản số {so_hieu}, mời trả lời:\n\n{lien_ket}\n\nGọi {duong_day_nong}.'
		};
		const sms = {
			kind: 'invitation' as const,
			channel: 'sms' as const,
			subject: null,
			body: 'SNV moi {ho_ten} tra loi: {lien_ket} . Hotline {duong_day_nong}'
		};
		for (const tpl of [email, sms]) expect((await saveTemplate(t.db, c, tpl, STAFF, META, ORIGIN)).ok).toBe(true);
		expect(await templateRows()).toHaveLength(2);
		expect((await auditActions(t)).filter((a) => a === 'campaign.messages_saved')).toHaveLength(3);

		const seen = await t.db
			.selectFrom('demo_outbox')
			.select((eb) => eb.fn.max('id').as('id'))
			.executeTakeFirst();
		const issued = await issueInvitations(
			t.db,
			c,
			links.map((l) => l.personId),
			STAFF,
			META,
			{ sender: demoOutbox({ quiet: true }), origin: ORIGIN, demo: true, deliver: true }
		);
		if (!issued.ok) throw new Error(issued.error.key);
		const outbox = await t.db
			.selectFrom('demo_outbox')
			.selectAll()
			.where('id', '>', Number(seen?.id ?? 0))
			.orderBy('id')
			.execute();
		expect(outbox.length).toBe(links.length);
		const byEmail = outbox.filter((m) => m.channel === 'email');
		const bySms = outbox.filter((m) => m.channel === 'sms');
		expect(byEmail.length + bySms.length).toBe(links.length);
		for (const m of byEmail) {
			expect(m.subject).toBe(`SỞ NỘI VỤ mời khảo sát ${c.title}`);
			expect(m.body).toMatch(
				/^Kính gửi .+ \(.+\),\n\nTheo văn bản số 125\/SNV-CCHC, mời trả lời:\n\nhttps:\/\/khaosat\.example\.vn\/s\/[a-z2-7]{32}\n\nGọi 0255 3822 123\.$/
			);
		}
		// The SMS template has no diacritics: the name filled in loses them too.
		for (const m of bySms)
			expect(m.body).toMatch(
				/^SNV moi [\x20-\x7e]+ tra loi: https:\/\/khaosat\.example\.vn\/s\/[a-z2-7]{32} \. Hotline 0255 3822 123$/
			);

		// Back to the default: the reminder had none of its own, the invitation loses its own.
		expect((await resetTemplate(t.db, c, 'invitation', 'email', STAFF, META)).ok).toBe(true);
		const page = await messagesPage(t.db, await campaign(), ORIGIN);
		const invitationEmail = page.templates.find((x) => x.kind === 'invitation' && x.channel === 'email')!;
		expect(invitationEmail.custom).toBe(false);
		expect(invitationEmail.preview.text).toContain(
			'Thực hiện Văn bản số 125/SNV-CCHC ngày 05/01/2027, SỞ NỘI VỤ trân trọng mời'
		);
		expect(invitationEmail.preview.text).toContain('Trân trọng,\nSỞ NỘI VỤ');
		const smsView = page.templates.find((x) => x.kind === 'invitation' && x.channel === 'sms')!;
		expect(smsView.preview.sms).toMatchObject({ encoding: 'gsm7', over: false });
	});

	it('the respondent’s first page names the issuing body once it is set', async () => {
		const step = async () => {
			const opened = await openLink(t.db, links[0].token, 'device-intro', META);
			if (!opened.ok) throw new Error(opened.error.key);
			return loadRespondentStep(t.db, (await validateRespondentSession(t.db, opened.token))!);
		};
		const before = await step();
		expect(before.step === 'verify' && before.intro.issuer).toBeNull();
		await saveLetterhead(t.db, await campaign(), letterhead, STAFF, META);
		const after = await step();
		expect(after.step === 'verify' && after.intro.issuer).toBe('SỞ NỘI VỤ');
	});

	it('refuses every change once the round is closed', async () => {
		await t.db.updateTable('campaign').set({ state: 'closed' }).where('slug', '=', SLUG).execute();
		const c = await campaign();
		const refused = await saveLetterhead(t.db, c, letterhead, STAFF, META);
		expect(!refused.ok && refused.errors.form?.key).toBe('messages.error.closed');
		expect((await campaign()).issuing_body).toBeNull();
	});
});
