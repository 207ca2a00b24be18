// A committed migration has already run on somebody's database: changing it would leave that database
// out of step with a fresh one, silently. So each file is pinned by its SHA-256; a change to the schema
// is a new migration (0007_…) with a new pin, listed in migrations/index.ts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations, migrationsFor } from '../../migrations';

const DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** SHA-256 of each committed migration (line endings normalised to LF, so a CRLF checkout still matches). */
const PINNED: Record<string, string> = {
	'0001_foundation.ts': '066c2a1119a034311a766c96b7c7e071812c0d5d477740d59f8575d40a05e735',
	'0002_campaigns.ts': '9d83a92b0921159256fdd8a3872469e69817d57a38586bd592aea3a782271344',
	'0003_respondents.ts': 'd4266b0b2eed225a2f42b3853946a0aef4c48e8ac54dcee62f125db793faa5e0',
	'0004_delivery.ts': 'c7c8fed6e6dec46842efea50502a2ef6c5ea068599b56872fc587ba275e4b199',
	'0005_monitoring.ts': '9700ddfd5e2d4ccf14c70b94e73a3ad9ae92c4749a6e72c3da513307210f33e1',
	'0006_sealed_answers.ts': '2ef5bbf1c4d7edb836d4994735c1b156d0dd6e0c15a29fa1f4d3b0e2616e3aaf',
	'0007_flag_reviews.ts': 'f81496785edd8f8cbe26782bf46ad6304497fe3209824bcc456856ab426efc2e',
	'0008_throttle_indexes.ts': 'd8b21929526fa69363b638cc7c7581a048bdff6f41ca53064ce4fe75591e3f06',
	'0009_session_handles.ts': 'df7ed3111cd3eb3f5391754ee7e1488af45a11611ac1d789c0866fb13e5f5ecb',
	'0010_audit_checkpoint.ts': '6e7aafe99a387d13aed22f9838c1f0f411ebf2ae6839854434b4826d9d900220',
	'0011_campaign_messages.ts': '54e489ea8916910c7e8246512e784c9899c7a0cb0225954ceb63f9efd5c86f09',
	'0012_invitation_links.ts': '8ce75ac3badc9c46cfd2ef39da8a3166f8a3d379d77d08aad6547cbb402d1da0',
	'0013_recovery_codes.ts': 'cb9738a3caa1e4b3d9a1966f6f77260371f8318a1c976125417d676959eda073',
	'0014_participation_counts.ts': 'a802bbbcd4d57d339a448086050c178ceb8b2773f49309bb4c2d14d67495fff6',
	'0015_app_processes.ts': '1964b8e2c5ca0ced2b25f84a15283cfa145c853c1a145175d29f69f9c1140c4d',
	'0016_opening_relay.ts': '7889bf57bcbdf7b22271768ba61e4c4eea75a0261fce0c5a705ec0ca21eb3ef4',
	// PostgreSQL's twins and the translation of SQLite's schema words (issue 17): frozen the same way.
	'postgres/0001_foundation.ts': '980170419fff7d8442fe672b7e15450bea9902930f266106a6483a0dbcb62ea8',
	'postgres/0006_sealed_answers.ts': '0e6f133d146f4fddbf6336b75417d348d4e9206f8405407fa55a0b6add558a6a',
	'postgres/0010_audit_checkpoint.ts': '6ba5873f443047fa1fc74777577da3eabca28a9eccdeb96ac9fd5d646238dac8',
	'postgres/translate.ts': '0a69e191955339e719ef2eaac856001b67452bf1f6832e17cafa6ffc6344ee44'
};

/** Every file under migrations/ but the index, sub-folders included (postgres/…). */
const migrationFiles = () =>
	readdirSync(DIR, { recursive: true, encoding: 'utf8' })
		.filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
		.map((f) => f.split(path.sep).join('/'))
		.sort();
const sqliteMigrations = () => migrationFiles().filter((f) => !f.includes('/'));

function sha256Of(file: string): string {
	const text = readFileSync(`${DIR}${file}`, 'utf8').replace(/\r\n/g, '\n');
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('committed migrations never change', () => {
	it.each(Object.keys(PINNED))('%s still has its pinned SHA-256', (file) => {
		expect(
			sha256Of(file),
			`Không được sửa migration đã commit ${file}: hãy hoàn tác thay đổi và thêm một migration mới (số tiếp theo) ` +
				`vào migrations/ và migrations/index.ts. ` +
				`(Do not edit the committed migration ${file}: revert it and add a new, next-numbered migration instead.)`
		).toBe(PINNED[file]);
	});

	it('pins every migration file, and every pin names a file', () => {
		const files = migrationFiles();
		const unpinned = files.filter((f) => !(f in PINNED));
		expect(
			unpinned,
			`Migration mới chưa được ghim: thêm SHA-256 của ${unpinned.join(', ')} vào PINNED trong tests/unit/migrations.test.ts ` +
				`khi commit nó. (New migration not pinned: add its SHA-256 to PINNED when committing it.)`
		).toEqual([]);
		const missing = Object.keys(PINNED).filter((f) => !files.includes(f));
		expect(
			missing,
			`Migration đã commit bị xóa hoặc đổi tên: ${missing.join(', ')}. (A committed migration was deleted or renamed.)`
		).toEqual([]);
	});

	it('lists every migration file in migrations/index.ts, in order', () => {
		expect(
			Object.keys(migrations),
			'migrations/index.ts phải liệt kê mọi file migration theo thứ tự số. ' +
				'(migrations/index.ts must list every migration file, in numbered order.)'
		).toEqual(sqliteMigrations().map((f) => f.replace(/\.ts$/, '')));
	});

	it('gives PostgreSQL the same migrations by name, each twin in postgres/ standing for one of them', () => {
		expect(Object.keys(migrationsFor('postgres'))).toEqual(Object.keys(migrations));
		const twins = migrationFiles()
			.filter((f) => f.startsWith('postgres/0'))
			.map((f) => f.replace(/^postgres\/|\.ts$/g, ''));
		expect(twins.length).toBeGreaterThan(0);
		for (const twin of twins) expect(Object.keys(migrations)).toContain(twin);
	});
});
