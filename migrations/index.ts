// Static migration index: bundlers cannot see a folder scan, so every migration is listed here.
import type { Kysely, Migration } from 'kysely';
import * as pg0001 from './postgres/0001_foundation';
import * as pg0006 from './postgres/0006_sealed_answers';
import * as pg0010 from './postgres/0010_audit_checkpoint';
import { SqliteSchemaOnPostgres } from './postgres/translate';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_campaigns';
import * as m0003 from './0003_respondents';
import * as m0004 from './0004_delivery';
import * as m0005 from './0005_monitoring';
import * as m0006 from './0006_sealed_answers';
import * as m0007 from './0007_flag_reviews';
import * as m0008 from './0008_throttle_indexes';
import * as m0009 from './0009_session_handles';
import * as m0010 from './0010_audit_checkpoint';
import * as m0011 from './0011_campaign_messages';
import * as m0012 from './0012_invitation_links';
import * as m0013 from './0013_recovery_codes';
import * as m0014 from './0014_participation_counts';
import * as m0015 from './0015_app_processes';
import * as m0016 from './0016_opening_relay';

export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_campaigns': m0002,
	'0003_respondents': m0003,
	'0004_delivery': m0004,
	'0005_monitoring': m0005,
	'0006_sealed_answers': m0006,
	'0007_flag_reviews': m0007,
	'0008_throttle_indexes': m0008,
	'0009_session_handles': m0009,
	'0010_audit_checkpoint': m0010,
	'0011_campaign_messages': m0011,
	'0012_invitation_links': m0012,
	'0013_recovery_codes': m0013,
	'0014_participation_counts': m0014,
	'0015_app_processes': m0015,
	'0016_opening_relay': m0016
};

/** PostgreSQL's own version of the migrations whose SQLite SQL it cannot run (postgres/: each says why). */
const postgresTwins: Record<string, Migration> = {
	'0001_foundation': pg0001,
	'0006_sealed_answers': pg0006,
	'0010_audit_checkpoint': pg0010
};

const translate = new SqliteSchemaOnPostgres();
const onPostgres =
	(step: (db: Kysely<any>) => Promise<void>) =>
	(db: Kysely<any>): Promise<void> =>
		step(db.withPlugin(translate));

/** The same names on both engines (one kysely_migration history); on PostgreSQL, twins and translated types. */
export function migrationsFor(engine: 'sqlite' | 'postgres'): Record<string, Migration> {
	if (engine === 'sqlite') return migrations;
	return Object.fromEntries(
		Object.entries(migrations).map(([name, sqlite]) => {
			const m = postgresTwins[name] ?? sqlite;
			return [name, { up: onPostgres(m.up), down: m.down && onPostgres(m.down) }];
		})
	);
}
