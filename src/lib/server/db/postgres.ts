// PostgreSQL through Kysely's PostgresDialect (`pg`), for deployments that outgrow one SQLite file (issue 17).
import pg from 'pg';
import Cursor from 'pg-cursor';
import {
	CompiledQuery,
	PostgresDialect,
	PostgresDriver,
	type DatabaseConnection,
	type Driver,
	type PostgresDialectConfig,
	type TransactionSettings
} from 'kysely';
import { logError } from '../log';

/**
 * The key of the one transaction lock: every transaction takes it first, as SQLite's BEGIN IMMEDIATE takes the
 * write lock, so read-then-write services (the audit chain's head, throttles, send caps, the cast) stay correct
 * when several processes share the database.
 */
export const TRANSACTION_LOCK_KEY = 0x50_41_52_53; // "PARS"

const INT8 = 20;
const NUMERIC = 1700;

// SQLite hands back counts, sums and 64-bit integers as numbers; PostgreSQL's int8 and numeric come back as
// strings. Every such value here (ids, seconds, counts, sums of counts) is far below 2^53.
const types: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8 || oid === NUMERIC
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser']
};

class SerialisedPostgresDriver extends PostgresDriver {
	override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		await super.beginTransaction(connection, settings);
		await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${TRANSACTION_LOCK_KEY})`));
	}
}

class SerialisedPostgresDialect extends PostgresDialect {
	readonly #config: PostgresDialectConfig;

	constructor(config: PostgresDialectConfig) {
		super(config);
		this.#config = config;
	}

	override createDriver(): Driver {
		return new SerialisedPostgresDriver(this.#config);
	}
}

/** A connection pool on url (postgres://…) and the dialect over it; nothing connects until the first query. */
export function postgresDialect(url: string): { dialect: PostgresDialect; pool: pg.Pool } {
	const pool = new pg.Pool({
		connectionString: url,
		types,
		max: Number(process.env.DATABASE_POOL_SIZE) || 10,
		// An idle pool must not keep a CLI command or a test process alive.
		idleTimeoutMillis: 10_000,
		allowExitOnIdle: true
	});
	// An idle connection the server ended (a restart, an administrator) is dropped by the pool and the next
	// query opens another: say so, but do not let the event end the process.
	pool.on('error', (e) => logError('[par-survey] an idle PostgreSQL connection ended:', e.message));
	return { dialect: new SerialisedPostgresDialect({ pool, cursor: Cursor }), pool };
}

/** The key of the leader's lock: the process holding it runs the periodic jobs (maintenance, reminders). */
export const LEADER_LOCK_KEY = 0x50_41_52_4c; // "PARL"

/**
 * Leadership through a session advisory lock on a connection of its own: held while this process lives (the
 * server releases it when the connection ends), tried again by the others on their next tick.
 */
export function advisoryLeadership(url: string): { isLeader(): Promise<boolean>; release(): Promise<void> } {
	let client: pg.Client | null = null;
	let held = false;
	const drop = () => {
		held = false;
		client = null;
	};
	return {
		async isLeader() {
			if (held) return true;
			try {
				if (!client) {
					const c = new pg.Client({ connectionString: url, types });
					c.on('error', drop);
					c.on('end', drop);
					await c.connect();
					client = c;
				}
				const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [
					LEADER_LOCK_KEY
				]);
				held = rows[0].held;
			} catch (e) {
				logError('[par-survey] leader lock:', e instanceof Error ? e.message : e);
				await client?.end().catch(() => undefined);
				drop();
			}
			return held;
		},
		async release() {
			const c = client;
			drop();
			await c?.end().catch(() => undefined);
		}
	};
}

/** postgres:// or postgresql:// selects PostgreSQL; anything else names a SQLite file. */
export function isPostgresUrl(location: string): boolean {
	return /^postgres(ql)?:\/\//i.test(location);
}

/** The location for a log line: a URL without its password. */
export function describeDatabase(location: string): string {
	return isPostgresUrl(location) ? location.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@') : location;
}
