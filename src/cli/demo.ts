// `npm run demo`: recreate data/demo.sqlite, seed it, then serve the built app on PORT.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_COMMITTEE, DEMO_THRESHOLD } from '$lib/server/seed/demo-committee';
import { DEMO_PASSWORD, DEMO_STAFF } from '$lib/server/seed/demo';
import { recreateDemoDatabase } from '$lib/server/seed/demo-database';
import { readConfig } from '$lib/server/config';
import { DEMO_DEFAULT_HOST, pickDemoHost } from './demo-host';

export async function runDemo(): Promise<number> {
	if (!existsSync('build/handler.js')) {
		console.error('Chưa có bản build: hãy chạy `npm run build` trước (no build/: run `npm run build` first).');
		return 1;
	}
	const database = 'data/demo.sqlite';
	const port = process.env.PORT ?? '3000';
	const host = pickDemoHost(process.env);
	const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
	const config = readConfig({ ...process.env, DATABASE_PATH: database });
	const { links, shares, pastRounds } = await recreateDemoDatabase(config, origin);
	// The committee's share files, as each member would have downloaded them at the ceremony.
	const shareDir = 'data/demo-shares';
	rmSync(shareDir, { recursive: true, force: true });
	mkdirSync(shareDir, { recursive: true });
	for (const s of shares)
		writeFileSync(path.join(shareDir, `dtxh-2026-${s.username}.txt`), `${s.code}\n`, { mode: 0o600 });

	console.log(
		`\nPAR Survey — BẢN DEMO / DEMO\n  Mở / open: ${origin}\n  Tài khoản / logins (mật khẩu / password "${DEMO_PASSWORD}"):`
	);
	for (const s of DEMO_STAFF) console.log(`    ${s.username.padEnd(10)} ${s.role}`);
	for (const s of DEMO_COMMITTEE) console.log(`    ${s.username.padEnd(10)} tổ kiểm phiếu / counting committee`);
	console.log(
		"  Vài liên kết cá nhân của người trả lời / a few respondents' personal links (mã xác minh / codes: /demo/outbox):"
	);
	for (const l of links.slice(0, 5)) console.log(`    ${l.fullName.padEnd(22)} ${origin}/s/${l.token}`);
	console.log('  Các đợt trước đã công bố, có kết quả / published past rounds with results (analyst):');
	for (const c of pastRounds) console.log(`    ${c.title.padEnd(30)} ${origin}/campaigns/${c.id}/results`);
	console.log(
		`  Tổ kiểm phiếu đợt 2026 / counting committee of the 2026 round (cần ${DEMO_THRESHOLD} trong ${DEMO_COMMITTEE.length} mảnh khóa / ${DEMO_THRESHOLD} of ${DEMO_COMMITTEE.length} shares;`
	);
	console.log(`  đóng đợt rồi mở niêm phong tại / close the round, then open it at ${origin}/campaigns/1/opening):`);
	for (const s of shares)
		console.log(
			`    ${s.username.padEnd(10)} mảnh khóa / share: ${shareDir}/dtxh-2026-${s.username}.txt   cụm mật khẩu / passphrase: ${s.passphrase}`
		);
	console.log(
		host === DEMO_DEFAULT_HOST
			? `  Chỉ mở trên máy này / this machine only (${host}); HOST=0.0.0.0 để mở cho mạng LAN / to open it to the LAN`
			: `  Nghe trên / listening on ${host}: mật khẩu demo là công khai / the demo passwords are public`
	);
	console.log('  Dừng / stop: Ctrl+C\n');

	// Our own server file (security headers and compression on every response), as `npm start`.
	const server = spawn(process.execPath, ['src/serve.js'], {
		stdio: 'inherit',
		env: { BODY_SIZE_LIMIT: '25M', ...process.env, DATABASE_PATH: database, HOST: host, PORT: port, ORIGIN: origin }
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
	return new Promise((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
}
