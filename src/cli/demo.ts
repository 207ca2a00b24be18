// `npm run demo`: recreate data/demo.sqlite, seed it, then serve the built app on PORT.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from '$lib/server/seed/demo';
import { PAST_ROUNDS } from '$lib/server/seed/demo-results';
import { readConfig } from '$lib/server/config';
import { loadAppKey } from '$lib/server/keyring';

export async function runDemo(): Promise<number> {
	if (!existsSync('build/index.js')) {
		console.error('Chưa có bản build: hãy chạy `npm run build` trước (no build/: run `npm run build` first).');
		return 1;
	}
	const databasePath = 'data/demo.sqlite';
	for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath + suffix, { force: true });
	const handle = openDatabase(databasePath);
	await migrateToLatest(handle.db);
	const port = process.env.PORT ?? '3000';
	const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
	const links = await seedDemo(handle.db, loadAppKey(readConfig({ ...process.env, DATABASE_PATH: databasePath })), origin, { pastRounds: true });
	const past = await handle.db.selectFrom('campaign').select(['id', 'title']).where('slug', 'in', PAST_ROUNDS.map((r) => r.slug)).orderBy('year', 'desc').execute();
	await handle.db.destroy();

	console.log(`\nPAR Survey — BẢN DEMO / DEMO\n  Mở / open: ${origin}\n  Tài khoản / logins (mật khẩu / password "${DEMO_PASSWORD}"):`);
	for (const s of DEMO_STAFF) console.log(`    ${s.username.padEnd(10)} ${s.role}`);
	console.log('  Vài liên kết cá nhân của người trả lời / a few respondents\' personal links (mã xác minh / codes: /demo/outbox):');
	for (const l of links.slice(0, 5)) console.log(`    ${l.fullName.padEnd(22)} ${origin}/s/${l.token}`);
	console.log('  Các đợt trước đã công bố, có kết quả / published past rounds with results (analyst):');
	for (const c of past) console.log(`    ${c.title.padEnd(30)} ${origin}/campaigns/${c.id}/results`);
	console.log('  Dừng / stop: Ctrl+C\n');

	const server = spawn(process.execPath, ['build'], {
		stdio: 'inherit',
		env: { BODY_SIZE_LIMIT: '25M', ...process.env, DATABASE_PATH: databasePath, PORT: port, ORIGIN: origin }
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
	return new Promise((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
}
