// E-mail through SMTP with nodemailer. Connection trouble and 4xx replies are worth retrying; a
// 5xx reply to the recipient or the message is final for that recipient only.
import nodemailer, { type NodemailerError } from 'nodemailer';
import { translator } from '$lib/i18n';
import { describeError, type Notifier, type SendResult } from './notifier';

export interface EmailOptions {
	smtpUrl: string;
	mailFrom: string;
	/** Milliseconds; defaults suit a real relay (connection 10 s, greeting 10 s, idle socket 30 s). */
	timeouts?: { connection?: number; greeting?: number; socket?: number };
}

const t = translator('vi');

/** The settings are usable: an smtp:// or smtps:// URL and a From address. */
export function checkEmailSettings(smtpUrl: string | null, mailFrom: string | null): boolean {
	if (!smtpUrl || !mailFrom || !/@[A-Za-z0-9.-]+>?\s*$/.test(mailFrom.trim())) return false;
	try {
		return ['smtp:', 'smtps:'].includes(new URL(smtpUrl).protocol);
	} catch {
		return false;
	}
}

function detailOf(e: NodemailerError): string {
	return (e.response ? `${e.responseCode ?? ''} ${e.response}` : describeError(e))
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 300);
}

/** Maps a nodemailer error to retry-or-not; exported for the tests' table. */
export function classifySmtpError(e: NodemailerError): SendResult {
	const detail = detailOf(e);
	const command = (e.command ?? '').toUpperCase();
	if (typeof e.responseCode === 'number') {
		const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503);
		// A 5xx to MAIL FROM or AUTH is our configuration, not this recipient: keep the message and retry.
		const aboutThisMessage = command.startsWith('RCPT') || command.startsWith('DATA');
		if (permanent && aboutThisMessage)
			return { ok: false, retryable: false, error: t('delivery.error.smtpRejected', { detail }) };
		if (e.code === 'EAUTH' || command.startsWith('MAIL') || command.startsWith('AUTH'))
			return { ok: false, retryable: true, error: t('delivery.error.smtpAuth', { detail }) };
		return { ok: false, retryable: true, error: t('delivery.error.smtpTemporary', { detail }) };
	}
	// Refused before talking to the server: the address itself is malformed.
	if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
		return { ok: false, retryable: false, error: t('delivery.error.smtpRejected', { detail }) };
	return { ok: false, retryable: true, error: t('delivery.error.smtpConnect', { detail }) };
}

export function createEmailNotifier(options: EmailOptions): Notifier {
	const transport = nodemailer.createTransport({
		url: options.smtpUrl,
		pool: true,
		maxConnections: 1,
		maxMessages: 100,
		// The queue retries with back-off; the pool must not silently resend on its own.
		maxRequeues: 0,
		connectionTimeout: options.timeouts?.connection ?? 10_000,
		greetingTimeout: options.timeouts?.greeting ?? 10_000,
		socketTimeout: options.timeouts?.socket ?? 30_000,
		dnsTimeout: 10_000
	});
	return {
		channel: 'email',
		async send(msg) {
			try {
				await transport.sendMail({
					from: options.mailFrom,
					to: msg.to,
					subject: msg.subject,
					text: msg.text,
					html: msg.html,
					messageId: msg.messageId,
					headers: { 'Auto-Submitted': 'auto-generated' },
					disableFileAccess: true,
					disableUrlAccess: true
				});
				return { ok: true };
			} catch (e) {
				return classifySmtpError(e as NodemailerError);
			}
		},
		close() {
			transport.close();
		}
	};
}
