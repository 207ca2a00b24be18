// Run-time configuration from the environment; read in one place so the CLI and the server agree.
import path from 'node:path';

export interface AppConfig {
	databasePath: string;
	keysSecret: string | null;
	keysFile: string | null;
	origin: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const databasePath = env.DATABASE_PATH || 'data/par-survey.sqlite';
	return {
		databasePath,
		keysSecret: env.KEYS_SECRET || null,
		keysFile: env.KEYS_FILE || null,
		origin: env.ORIGIN || null
	};
}

/** The key file lives beside the database by default, but never inside it. */
export function defaultKeysFile(databasePath: string): string {
	return path.join(path.dirname(path.resolve(databasePath)), 'par-survey.key');
}
