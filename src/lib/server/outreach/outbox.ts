// How respondent-facing code hands a message (a code, a personal link) to delivery. senderFor(app)
// is the real path: the durable queue (delivery/queue.ts), sent by the worker through the channels
// configured at start. demoOutbox() writes the demo outbox at once, for the demo seed, tests and
// benchmarks that need the message before the call returns.
import { logInfo } from '../log';
import type { Transaction } from 'kysely';
import {
	PRIORITY,
	chooseRoute,
	type ContactKind,
	type MessageContent,
	type MessageKind,
	type Route
} from '$lib/domain/delivery';
import { readDeliveryConfig, type DeliveryConfig } from '../config';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import type { AppKey } from '../crypto/keyring';
import { configuredChannels } from '../delivery/channels';
import { enqueueMany } from '../delivery/queue';

export interface OutgoingMessage {
	campaignId: number | null;
	personId: number | null;
	batchId?: number | null;
	kind: MessageKind;
	route: Route;
	content: MessageContent;
	priority?: number;
}

export interface Sender {
	/** False when no channel at all is configured: callers refuse with a clear message instead. */
	readonly available: boolean;
	/** The channel that reaches this person's own contact, or null when none does. */
	routeFor(person: { email: string | null; phone: string | null }): Route | null;
	/** Hands messages over inside the caller's transaction (queued; or, for demoOutbox, written at once). */
	send(trx: Transaction<Database>, messages: readonly OutgoingMessage[], now: number): Promise<void>;
}

/** The durable queue, routed through the channels the configuration provides. */
export function senderFor(
	app: { demo: boolean; appKey: AppKey },
	config: DeliveryConfig = readDeliveryConfig()
): Sender {
	const { channels } = configuredChannels(config, app.demo);
	return {
		available: channels.email || channels.sms || channels.demo,
		routeFor: (person) => chooseRoute(person, channels),
		async send(trx, messages, now) {
			await enqueueMany(
				trx,
				app.appKey,
				messages.map((m) => ({ ...m, channel: m.route.channel, recipient: m.route.recipient })),
				now
			);
		}
	};
}

/** The demo outbox, written in the caller's transaction; `quiet` skips the console line. */
export function demoOutbox({ quiet }: { quiet: boolean }): Sender {
	return {
		available: true,
		routeFor: (person) => chooseRoute(person, { email: false, sms: false, demo: true }),
		async send(trx, messages, now) {
			for (const m of messages) {
				// Logged as delivered at once, so batch progress and the delivery log stay whole.
				await trx
					.insertInto('delivery')
					.values({
						campaign_id: m.campaignId,
						person_id: m.personId,
						batch_id: m.batchId ?? null,
						kind: m.kind,
						channel: 'demo',
						recipient: m.route.recipient,
						status: 'sent',
						priority: m.priority ?? PRIORITY[m.kind],
						attempts: 1,
						next_attempt_at: now,
						body_enc: null,
						created_at: now,
						sent_at: now
					})
					.execute();
				await trx
					.insertInto('demo_outbox')
					.values({
						created_at: now,
						channel: m.route.contact,
						recipient: m.route.recipient,
						subject: m.content.subject,
						body: m.content.text
					})
					.execute();
				if (!quiet)
					logInfo(
						`[par-survey] DEMO outbox → ${m.route.recipient} (${m.route.contact}): ${m.content.subject} — see /demo/outbox`
					);
			}
		}
	};
}

/** The person's own registered contact: e-mail first, else the mobile phone. */
export function contactOf(person: {
	email: string | null;
	phone: string | null;
}): { channel: ContactKind; recipient: string } | null {
	if (person.email) return { channel: 'email', recipient: person.email };
	if (person.phone) return { channel: 'sms', recipient: person.phone };
	return null;
}

/** The demo outbox, newest first. */
export async function listDemoOutbox(db: Db, limit = 200) {
	const rows = await db.selectFrom('demo_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.created_at,
		channel: r.channel,
		recipient: r.recipient,
		subject: r.subject,
		body: r.body
	}));
}
