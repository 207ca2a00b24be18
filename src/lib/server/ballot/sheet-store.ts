// Answer sheets at rest: canonical JSON cut into chunks that stay inside B-tree leaf pages, so no
// sheet spills into overflow pages (allocated in commit order, they would record who came when).
import type { Kysely } from 'kysely';
import { splitUtf8 } from '$lib/domain/chunks';
import type { SheetAnswers } from '$lib/domain/ballot';
import type { Database } from '../db/schema';

// A WITHOUT ROWID leaf holds up to ~1,000 bytes per row at 4 KiB pages; the key takes 64 of them.
export const CHUNK_BYTES = 800;

export async function writeSheetAnswers(db: Kysely<Database>, keyHash: string, sheet: SheetAnswers): Promise<void> {
	await db.deleteFrom('answer_chunk').where('key_hash', '=', keyHash).execute();
	const pieces = splitUtf8(JSON.stringify(sheet), CHUNK_BYTES);
	for (let n = 0; n < pieces.length; n++) {
		await db.insertInto('answer_chunk').values({ key_hash: keyHash, n, body: pieces[n] }).execute();
	}
}

export async function readSheetAnswers(db: Kysely<Database>, keyHash: string): Promise<SheetAnswers> {
	const rows = await db.selectFrom('answer_chunk').select('body').where('key_hash', '=', keyHash).orderBy('n').execute();
	return JSON.parse(rows.map((r) => r.body).join('')) as SheetAnswers;
}
