// `npm run bench`: speed and memory figures for the foundation's hot paths (not part of npm test).
// Targets are printed beside each figure; a miss is reported and makes the exit code 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appendAuditEvent, verifyAuditChain } from '$lib/server/audit';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { hashPassword, verifyPasswordHash } from '$lib/server/auth/password';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { createStaffUser } from '$lib/server/admin/staff-users';

interface Row {
	what: string;
	figure: number;
	unit: string;
	target: string;
	ok: boolean;
}
const rows: Row[] = [];
const record = (what: string, figure: number, unit: string, target: string, ok: boolean) =>
	rows.push({ what, figure, unit, target, ok });

async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = process.hrtime.bigint();
	const result = await fn();
	return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-'));
	const { db } = openDatabase(path.join(dir, 'bench.sqlite'));
	await migrateToLatest(db);
	try {
		// Audit appends: each in its own transaction, as a staff action would.
		const N = 5000;
		const [, appendMs] = await timeIt(async () => {
			for (let i = 0; i < N; i++) {
				await appendAuditEvent(db, {
					actor: { type: 'staff', id: 1, label: 'bench' },
					action: 'auth.login',
					meta: { ip: '127.0.0.1', userAgent: 'bench' },
					payload: { i }
				});
			}
		});
		const perSecond = Math.round(N / (appendMs / 1000));
		record('audit append, one transaction each', perSecond, 'events/s', '≥ 1,000', perSecond >= 1000);

		// Chain verification over a large log: 200k events, flat memory.
		const BIG = 200_000;
		await db.transaction().execute(async (trx) => {
			for (let i = N; i < BIG; i++) {
				await appendAuditEvent(trx, { actor: { type: 'system' }, action: 'auth.login', payload: { i } });
			}
		});
		const heapBefore = process.memoryUsage().heapUsed;
		const [report, verifyMs] = await timeIt(() => verifyAuditChain(db));
		const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
		record(
			`audit:verify over ${BIG.toLocaleString('en')} events`,
			Math.round(verifyMs),
			'ms',
			'≤ 10,000',
			report.ok && verifyMs <= 10_000
		);
		record('audit:verify heap growth', Math.round(heapGrowth), 'MiB', '≤ 100', heapGrowth <= 100);

		// Session validation: what every staff request pays.
		const user = await createStaffUser(
			db,
			{ username: 'bench', displayName: 'Bench', role: 'analyst', unitCode: null, password: 'bench password long' },
			{ type: 'system' },
			{ ip: null, userAgent: null }
		);
		if (!user.ok) throw new Error('bench user');
		const { token } = await createSession(db, user.id, {
			twoFactorVerified: true,
			meta: { ip: null, userAgent: null }
		});
		const M = 20_000;
		const [, validateMs] = await timeIt(async () => {
			for (let i = 0; i < M; i++) await validateSessionToken(db, token);
		});
		const validations = Math.round(M / (validateMs / 1000));
		record('session validation', validations, 'per s', '≥ 5,000', validations >= 5000);

		// Password hashing: argon2id cost per sign-in (a floor against guessing, a ceiling for users).
		const hash = await hashPassword('một mật khẩu đủ dài');
		const [, verifyPwMs] = await timeIt(async () => {
			for (let i = 0; i < 10; i++) await verifyPasswordHash(hash, 'một mật khẩu đủ dài');
		});
		record(
			'argon2id verify',
			Math.round(verifyPwMs / 10),
			'ms',
			'10–500',
			verifyPwMs / 10 >= 10 && verifyPwMs / 10 <= 500
		);
	} finally {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
	console.log('| what | figure | unit | target | |');
	console.log('|---|---:|---|---|---|');
	for (const r of rows)
		console.log(
			`| ${r.what} | ${r.figure.toLocaleString('en')} | ${r.unit} | ${r.target} | ${r.ok ? 'ok' : 'MISSED'} |`
		);
	process.exit(rows.every((r) => r.ok) ? 0 : 1);
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
