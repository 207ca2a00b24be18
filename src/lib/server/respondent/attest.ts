// Attestation (docs/integrity.md step 4): the respondent answers personally, or declares who helps and
// why. Recorded on the participation side and shown to auditors as declared, not as suspicious.
import { z } from 'zod';
import { message, type FieldErrors } from '$lib/domain/message';
import { appendAuditEvent, type RequestMeta } from '../audit';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import { nowSeconds } from '../time';
import type { RespondentContext } from './sessions';

const text = (max: number) => z.string().normalize('NFC').trim().min(1, 'required').max(max, 'tooLong');
const attestationSchema = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('personal'), confirm: z.literal('1', 'confirm') }),
	z.object({ mode: z.literal('assisted'), helper: text(200), reason: text(500), confirm: z.literal('1', 'confirm') })
]);

export type AttestInput = Record<string, unknown>;

export async function attest(
	db: Db,
	ctx: RespondentContext,
	input: AttestInput,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
	if (ctx.verifiedAt === null) return { ok: false, errors: { form: message('respondent.error.notVerified') } };
	if (ctx.invitation.credentialAt !== null)
		return { ok: false, errors: { form: message('respondent.error.alreadySubmitted') } };
	const parsed = attestationSchema.safeParse(input);
	if (!parsed.success) {
		const errors: FieldErrors = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'form');
			errors[field] ??= message(
				field === 'helper' || field === 'reason'
					? `respondent.error.${field}.${issue.message === 'tooLong' ? 'tooLong' : 'required'}`
					: field === 'confirm'
						? 'respondent.error.confirm'
						: 'respondent.error.mode'
			);
		}
		return { ok: false, errors };
	}
	const value = parsed.data;
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('invitation')
			.set({
				attested_at: now,
				attestation: value.mode,
				assist_helper: value.mode === 'assisted' ? value.helper : null,
				assist_reason: value.mode === 'assisted' ? value.reason : null
			})
			.where('id', '=', ctx.invitation.id)
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor: { type: 'invitation', id: ctx.invitation.id },
				action: value.mode === 'assisted' ? 'respondent.assisted' : 'respondent.attested',
				subject: { type: 'invitation', id: ctx.invitation.id },
				meta,
				payload:
					value.mode === 'assisted'
						? { device: ctx.deviceHash, helper: value.helper, reason: value.reason }
						: { device: ctx.deviceHash }
			},
			now
		);
	});
	return { ok: true };
}
