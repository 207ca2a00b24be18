// Demo mode only: "delivers" into the demo_outbox table, which /demo/outbox shows to the presenter.
// The console gets one line per message without the body, since logs never hold a link or a code.
import type { Db } from '../db/open';
import { nowSeconds } from '../time';
import { logInfo } from '../log';
import type { Notifier } from './notifier';

export function createDemoNotifier(db: Db, options: { quiet?: boolean; now?: () => number } = {}): Notifier {
	return {
		channel: 'demo',
		async send(msg) {
			const channel = msg.to.includes('@') ? 'email' : 'sms';
			await db
				.insertInto('demo_outbox')
				.values({
					created_at: (options.now ?? nowSeconds)(),
					channel,
					recipient: msg.to,
					subject: msg.subject,
					body: msg.text
				})
				.execute();
			if (!options.quiet)
				logInfo(`[par-survey] DEMO outbox → ${msg.to} (${channel}): ${msg.subject} — see /demo/outbox`);
			return { ok: true };
		}
	};
}
