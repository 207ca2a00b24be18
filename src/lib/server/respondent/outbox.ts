// Where one-time codes and links go until real delivery channels exist. Only the demo has a
// channel: the demo outbox (a table and the console). Outside demo mode nothing is written
// anywhere, so no administrator can read a code or a link (issue: delivery comes next).
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface OutgoingMessage {
	channel: 'email' | 'sms';
	recipient: string;
	subject: string;
	body: string;
}

export interface Sender {
	/** False when no channel is configured: callers refuse with a clear message instead of sending. */
	readonly available: boolean;
	send(trx: Transaction<Database>, message: OutgoingMessage, now: number): Promise<void>;
}

/** The demo outbox; `quiet` skips the console (the demo seed issues dozens of links at once). */
export function demoOutbox({ quiet }: { quiet: boolean }): Sender {
	return {
		available: true,
		async send(trx, message, now) {
			await trx.insertInto('demo_outbox').values({ created_at: now, ...message }).execute();
			if (!quiet) console.log(`[par-survey] DEMO outbox → ${message.recipient} (${message.channel}): ${message.subject}\n  ${message.body.replace(/\n/g, '\n  ')}`);
		}
	};
}

const noChannel: Sender = {
	available: false,
	async send() {
		throw new Error('no delivery channel configured');
	}
};

export function senderFor(app: { demo: boolean }): Sender {
	return app.demo ? demoOutbox({ quiet: false }) : noChannel;
}

/** The person's own registered contact: e-mail first, else the mobile phone. */
export function contactOf(person: { email: string | null; phone: string | null }): { channel: 'email' | 'sms'; recipient: string } | null {
	if (person.email) return { channel: 'email', recipient: person.email };
	if (person.phone) return { channel: 'sms', recipient: person.phone };
	return null;
}

export async function listDemoOutbox(db: import('../db/open').Db, limit = 200) {
	return db.selectFrom('demo_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
