// One process runs the periodic jobs (maintenance, scheduled reminders, an opening's unfinished clean-up): with
// SQLite the only one, with PostgreSQL whoever holds the leader's advisory lock (issue 17).
import type { DbHandle } from '../db/open';
import { advisoryLeadership } from '../db/postgres';

export interface Leadership {
	/** Whether this process leads now (tries to become the leader when it does not). */
	isLeader(): Promise<boolean>;
	release(): Promise<void>;
}

export function leadershipFor(handle: DbHandle): Leadership {
	if (handle.engine === 'postgres') return advisoryLeadership(handle.url);
	return { isLeader: async () => true, release: async () => {} };
}
