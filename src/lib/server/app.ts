// The server's one database handle and application key, opened and migrated once at start.
import { readConfig, type AppConfig } from './config';
import { migrateToLatest, openDatabase, type DbHandle } from './db/open';
import { loadAppKey, type AppKey } from './crypto/keyring';
import { isDemoDatabase } from './admin/settings';
import { resumeOpenings } from './sealing/opening';
import { attachCheckpointSigner, checkpointSignerFrom } from './audit-signing';
import { newProcessId } from './cluster/processes';

export type App = DbHandle & {
	config: AppConfig;
	appKey: AppKey;
	/** Fixed when the server starts: only `npm run demo` marks a database as the demo. */
	demo: boolean;
	/** This process among those sharing the database (app_process, issue 17). */
	processId: string;
};

let pending: Promise<App> | undefined;

export function getApp(): Promise<App> {
	pending ??= (async () => {
		const config = readConfig();
		const handle = openDatabase(config.database);
		await migrateToLatest(handle.db);
		// An opening cut short after its commit still owes its clean-up; torn WAL frames go too.
		await resumeOpenings(handle);
		const appKey = loadAppKey(config);
		// State changes and maintenance sign audit checkpoints with the key derived from the app key.
		attachCheckpointSigner(handle.db, checkpointSignerFrom(appKey));
		return { ...handle, config, appKey, demo: await isDemoDatabase(handle.db), processId: newProcessId() };
	})();
	return pending;
}
