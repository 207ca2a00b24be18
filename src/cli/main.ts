// Command line for operators: `npm run cli -- <command> [options]`. Messages are Vietnamese first.
import { parseArgs } from 'node:util';
import { readConfig } from '$lib/server/config';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { describeDatabase } from '$lib/server/db/postgres';
import { runDemo } from './demo';
import { backup, checkResults, createUser, resetTotp } from './commands';
import { verifyAudit } from './audit';
import { copyDatabase } from './copy';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { checkpointSignerFrom } from '$lib/server/audit-signing';

const USAGE = `Cách dùng / Usage: npm run cli -- <lệnh> [tuỳ chọn]
  db:migrate                         Cập nhật cấu trúc CSDL / migrate the database
  user:create --username U --name "Họ tên" --role admin|organiser|analyst|auditor [--unit MÃ] [--password-stdin]
                                     Tạo tài khoản cán bộ / create a staff account
  user:reset-totp --username U       Gỡ xác thực hai lớp của một tài khoản (mất điện thoại) / reset a staff
                                     account's two-factor authentication (lost phone); it enrols again at sign-in
  audit:verify [--expect SỐ:MÃ_BĂM]… Kiểm chứng chuỗi nhật ký và các mốc đã ký / verify the audit chain,
                                     its signed checkpoints and each anchor from the public page or report
  results:check --campaign MÃ_ĐỢT   Đối chiếu số liệu tổng hợp với phiếu / recount tallies from the answer sheets
  backup --to FILE                   Sao lưu trực tuyến / online backup to FILE
  db:copy --from sqlite:TỆP --to postgres://…
                                     Chép CSDL SQLite đã cập nhật sang một CSDL PostgreSQL trống / copy a migrated
                                     SQLite database into an empty PostgreSQL database
  demo                               Tạo lại CSDL demo và chạy máy chủ / recreate the demo database and serve it`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const { values } = parseArgs({
		args: rest,
		options: {
			username: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			unit: { type: 'string' },
			'password-stdin': { type: 'boolean' },
			to: { type: 'string' },
			from: { type: 'string' },
			campaign: { type: 'string' },
			expect: { type: 'string', multiple: true }
		},
		strict: true
	});
	if (command === 'demo') return runDemo();
	// Both databases come from the options, not from DATABASE_URL/DATABASE_PATH.
	if (command === 'db:copy') return copyDatabase(values.from, values.to);
	const config = readConfig();
	const handle = openDatabase(config.database);
	try {
		await migrateToLatest(handle.db);
		switch (command) {
			case 'db:migrate':
				console.log(`Đã cập nhật CSDL ${describeDatabase(config.database)} (database migrated).`);
				return 0;
			case 'user:create':
				return await createUser(handle.db, values);
			case 'user:reset-totp':
				return await resetTotp(handle.db, values.username);
			case 'audit:verify':
				return await verifyAudit(handle.db, checkpointSignerFrom(loadAppKey(config)), values.expect);
			case 'results:check':
				return await checkResults(handle.db, values.campaign);
			case 'backup':
				return await backup(handle.sqlite, values.to);
			default:
				console.error(USAGE);
				return 2;
		}
	} finally {
		await handle.db.destroy();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e) => {
		console.error(e instanceof Error ? e.message : e);
		console.error(USAGE);
		process.exit(2);
	}
);
