// One delivery channel as the worker sees it: hand over one message, learn whether it went, and if
// not whether trying again can help. Implementations: email.ts, sms.ts, demo.ts.
import { createHmac } from 'node:crypto';
import type { Channel, Outcome } from '$lib/domain/delivery';
import type { AppKey } from '../crypto/keyring';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	/** The same for every attempt of one delivery row: a repeat after a crash can be recognised. */
	messageId: string;
}

export type SendResult = Outcome;

export interface Notifier {
	channel: Channel;
	send(msg: OutgoingMail): Promise<SendResult>;
	/** Releases connections (SMTP pool); called when the worker stops. */
	close?(): Promise<void> | void;
}

/**
 * "<delivery-42-1f0c…@example.gov.vn>": derived, not stored — the row id plus a keyed hash, so it is
 * stable across retries and restarts, and differs between installations whose ids both start at 1.
 */
export function messageIdFor(appKey: AppKey, row: { id: number; created_at: number }, domain: string): string {
	const tag = createHmac('sha256', appKey)
		.update(`message-id:v1:${row.id}:${row.created_at}`)
		.digest('hex')
		.slice(0, 16);
	return `<delivery-${row.id}-${tag}@${domain}>`;
}

/** The domain of MAIL_FROM ("Ban Tổ chức" <ks@sonv.gov.vn> → sonv.gov.vn), for Message-IDs. */
export function domainOf(mailFrom: string | null): string {
	const m = mailFrom ? /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom.trim()) : null;
	return m ? m[1].toLowerCase() : 'par-survey.invalid';
}

/** Short technical detail for the delivery log; never the message itself. */
export function describeError(e: unknown): string {
	const err = e as { code?: string; message?: string };
	const text = [err?.code, err?.message ?? String(e)].filter(Boolean).join(' ');
	return text.replace(/\s+/g, ' ').slice(0, 300);
}
