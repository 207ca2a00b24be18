// Delivery rules without I/O: which channel reaches a person, in what order messages go, how long
// a failed one waits, when to give up, how a channel's rate is spaced, how a gateway body is built.

export const DELIVERY_CHANNELS = ['email', 'sms', 'demo'] as const;
export type Channel = (typeof DELIVERY_CHANNELS)[number];
export type MessageKind = 'invitation' | 'reminder' | 'code';
/** A person's own registered contact. */
export type ContactKind = 'email' | 'sms';

/** Lower goes first: a one-time code must not wait behind a bulk send. */
export const PRIORITY: Record<MessageKind, number> = { code: 0, invitation: 10, reminder: 20 };

export interface Route {
	channel: Channel;
	recipient: string;
	/** Which of the person's contacts the recipient is. */
	contact: ContactKind;
}

export type ChannelSet = Readonly<Record<Channel, boolean>>;

export interface MessageContent {
	subject: string;
	text: string;
	html?: string;
}

/** E-mail if the person has one and e-mail is configured, else the phone by SMS, else the demo outbox. */
export function chooseRoute(
	person: { email: string | null; phone: string | null },
	channels: ChannelSet
): Route | null {
	if (person.email && channels.email) return { channel: 'email', recipient: person.email, contact: 'email' };
	if (person.phone && channels.sms) return { channel: 'sms', recipient: person.phone, contact: 'sms' };
	if (channels.demo && (person.email || person.phone)) {
		return person.email
			? { channel: 'demo', recipient: person.email, contact: 'email' }
			: { channel: 'demo', recipient: person.phone!, contact: 'sms' };
	}
	return null;
}

export const BACKOFF = { baseSeconds: 30, capSeconds: 60 * 60 };

/** Wait before attempt n + 1 after n failed ones: 30 s doubled each time, capped, ±20 % so retries do not march in step. */
export function backoffSeconds(failedAttempts: number, random: number, policy = BACKOFF): number {
	const plain = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, failedAttempts - 1));
	return Math.max(1, Math.round(plain * (0.8 + 0.4 * random)));
}

/** A one-time code lives 10 minutes: retrying it later would deliver a dead code. */
export const CODE_DELIVERY_TTL = 10 * 60;

export type Outcome = { ok: true } | { ok: false; retryable: boolean; error: string };

export type NextStep =
	| { status: 'sent' }
	| { status: 'queued'; nextAttemptAt: number }
	| { status: 'failed'; reason: 'permanent' | 'attempts' | 'expired' };

/** What becomes of a message after one attempt (attempts counts this one). */
export function nextStep(
	outcome: Outcome,
	m: { kind: MessageKind; attempts: number; createdAt: number },
	now: number,
	maxAttempts: number,
	random: number
): NextStep {
	if (outcome.ok) return { status: 'sent' };
	if (!outcome.retryable) return { status: 'failed', reason: 'permanent' };
	if (m.attempts >= maxAttempts) return { status: 'failed', reason: 'attempts' };
	const nextAttemptAt = now + backoffSeconds(m.attempts, random);
	if (m.kind === 'code' && nextAttemptAt > m.createdAt + CODE_DELIVERY_TTL)
		return { status: 'failed', reason: 'expired' };
	return { status: 'queued', nextAttemptAt };
}

/** Evenly spaced sends: returns when the next one may start (ms) and the slot after it. */
export function reserveSlot(
	nextFreeMs: number,
	nowMs: number,
	perSecond: number
): { startAt: number; nextFreeMs: number } {
	const startAt = Math.max(nowMs, nextFreeMs);
	return { startAt, nextFreeMs: startAt + 1000 / Math.max(perSecond, 0.001) };
}

const PLACEHOLDER = /\{\{(to|text|messageId)\}\}/g;

/** Fills {{to}}, {{text}}, {{messageId}} with JSON-escaped values: the template puts them inside quotes. */
export function renderGatewayBody(template: string, values: { to: string; text: string; messageId: string }): string {
	return template.replace(PLACEHOLDER, (_, name: keyof typeof values) => JSON.stringify(values[name]).slice(1, -1));
}

/** A template is usable when it has {{to}} and {{text}} and stays valid JSON whatever the values. */
export function checkGatewayTemplate(template: string): boolean {
	if (!template.includes('{{to}}') || !template.includes('{{text}}')) return false;
	try {
		const sample = renderGatewayBody(template, { to: '+84 "x"\\', text: 'Mã "1"\n\\ {{to}}', messageId: '<a@b>' });
		JSON.parse(sample);
		return true;
	} catch {
		return false;
	}
}
