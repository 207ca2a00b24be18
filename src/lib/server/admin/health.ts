// The health check's one question: does the database answer?
import { sql } from 'kysely';
import type { Db } from '../db/open';

export async function pingDatabase(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}
