// The server's one database handle and application key, opened and migrated once at start.
import { readConfig, type AppConfig } from './config';
import { migrateToLatest, openDatabase, type DbHandle } from './db/open';
import { loadAppKey, type AppKey } from './keyring';
import { isDemoDatabase } from './settings';

export interface App extends DbHandle {
	config: AppConfig;
	appKey: AppKey;
	/** Fixed when the server starts: only `npm run demo` marks a database as the demo. */
	demo: boolean;
}

let pending: Promise<App> | undefined;

export function getApp(): Promise<App> {
	pending ??= (async () => {
		const config = readConfig();
		const handle = openDatabase(config.databasePath);
		await migrateToLatest(handle.db);
		return { ...handle, config, appKey: loadAppKey(config), demo: await isDemoDatabase(handle.db) };
	})();
	return pending;
}
