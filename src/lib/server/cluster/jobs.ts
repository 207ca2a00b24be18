// What each server process runs beside its requests (issue 17): its heartbeat, and — the leader only — the
// periodic jobs. With SQLite the one process is the leader; with PostgreSQL the holder of the leader's lock.
import type { App } from '../app';
import { logFailure } from '../http/faults';
import { runMaintenance } from '../db/maintenance';
import { runScheduledReminders } from '../outreach/reminders';
import { openingHandleOf, resumeOpenings, runOpening } from '../sealing/opening';
import { dropDeadHostsShares, processRelayKey, serveHostedOpenings } from '../sealing/share-relay';
import { nowSeconds } from '../time';
import { leadershipFor } from './leader';
import { beat, forgetDeadProcesses, liveProcessIds, PROCESS_BEAT_SECONDS, unregisterProcess } from './processes';

const PERIODIC_MS = 15 * 60 * 1000;

export interface ProcessJobs {
	/** Processes alive now (this one included): the delivery worker shares the channels' rates by it. */
	liveProcesses(): number;
	/** Whether this process leads (runs the periodic jobs, issues the first-run setup link). */
	isLeader(): Promise<boolean>;
	stop(): Promise<void>;
}

/** Starts the heartbeat and the leader's periodic jobs; reminders only where messages may be sent. */
export async function startProcessJobs(app: App, options: { reminders: boolean }): Promise<ProcessJobs> {
	let live = 1;
	const { publicKey } = await processRelayKey();
	const heartbeat = async () => {
		await beat(app.db, app.processId, nowSeconds(), publicKey);
		live = (await liveProcessIds(app.db)).length || 1;
		// An opening whose last share reached another process: this one hosts the round's shares.
		if (app.engine === 'postgres')
			await serveHostedOpenings(app.db, app.processId, (id) => runOpening(openingHandleOf(app), id));
	};
	await heartbeat();
	const beating = setInterval(
		() => void heartbeat().catch((e) => logFailure('heartbeat failed', e)),
		PROCESS_BEAT_SECONDS * 1000
	);
	beating.unref();

	const leadership = leadershipFor(app);
	const periodic = async () => {
		if (!(await leadership.isLeader())) return;
		await runMaintenance(app.db, app.sqlite).catch((e) => logFailure('maintenance failed', e));
		await forgetDeadProcesses(app.db).catch((e) => logFailure('maintenance failed', e));
		await dropDeadHostsShares(app.db).catch((e) => logFailure('maintenance failed', e));
		// An opening whose process died between its commit and its clean-up: any leader finishes it.
		if (app.engine === 'postgres') await resumeOpenings(app).catch((e) => logFailure('opening clean-up failed', e));
		// Scheduled reminders (7 and 3 days before the close, per campaign policy).
		if (options.reminders)
			await runScheduledReminders(app.db, app).catch((e) => logFailure('scheduled reminders failed', e));
	};
	await periodic();
	const ticking = setInterval(() => void periodic(), PERIODIC_MS);
	ticking.unref();

	return {
		liveProcesses: () => live,
		isLeader: () => leadership.isLeader(),
		async stop() {
			clearInterval(beating);
			clearInterval(ticking);
			await leadership.release();
			await unregisterProcess(app.db, app.processId).catch(() => undefined);
		}
	};
}
