// The operator commands behind `npm run cli`: options in, one service call, Vietnamese (then English) out.
import type Database from 'better-sqlite3';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { parseForm } from '$lib/domain/form';
import type { Message } from '$lib/domain/message';
import { newStaffUserSchema, usernameSchema } from '$lib/domain/staff';
import { translator } from '$lib/i18n';
import type { Actor, RequestMeta } from '$lib/server/audit';
import { recountCampaignTallies } from '$lib/server/results/recount';
import { backupDatabase, type Db } from '$lib/server/db/open';
import { createStaffUser, resetStaffTotp } from '$lib/server/admin/staff-users';
import { findStaffUserByUsername } from '$lib/server/admin/staff-lookup';

const vi = translator('vi');
const en = translator('en');
const both = ({ key, params }: Message) => `${vi(key, params)} (${en(key, params)})`;
const CLI_ACTOR: Actor = { type: 'system', label: 'cli' };
const CLI_REQUEST: RequestMeta = { ip: null, userAgent: 'cli' };

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

export async function createUser(
	db: Db,
	values: { username?: string; name?: string; role?: string; unit?: string; 'password-stdin'?: boolean }
): Promise<number> {
	// Without --password-stdin a strong random password is generated and shown once.
	const generated = values['password-stdin']
		? null
		: encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
	const password = generated ?? (await readStdin());
	const parsed = parseForm(newStaffUserSchema, {
		username: values.username,
		displayName: values.name,
		role: values.role,
		unitCode: values.unit,
		password
	});
	if (!parsed.ok) {
		for (const [field, error] of Object.entries(parsed.errors)) if (error) console.error(`${field}: ${both(error)}`);
		return 1;
	}
	const result = await createStaffUser(db, parsed.value, CLI_ACTOR, CLI_REQUEST);
	if (!result.ok) {
		for (const [field, error] of Object.entries(result.errors)) if (error) console.error(`${field}: ${both(error)}`);
		return 1;
	}
	console.log(`Đã tạo tài khoản ${parsed.value.username} (${vi(`role.${parsed.value.role}`)}), id ${result.id}.`);
	if (generated) console.log(`Mật khẩu ban đầu (chỉ hiện một lần) / initial password (shown once): ${generated}`);
	return 0;
}

/** Removes a lost authenticator (audited, the person's sessions end); they enrol a new one at the next sign-in. */
export async function resetTotp(db: Db, username: string | undefined): Promise<number> {
	const parsed = usernameSchema.safeParse(username ?? '');
	const user = parsed.success ? await findStaffUserByUsername(db, parsed.data) : null;
	if (!user) {
		console.error(
			`LỖI: không tìm thấy tài khoản "${username ?? ''}" — dùng --username TÊN_ĐĂNG_NHẬP (account not found: use --username NAME).`
		);
		return 1;
	}
	const result = await resetStaffTotp(db, user.id, CLI_ACTOR, CLI_REQUEST);
	if (!result.ok) {
		for (const error of Object.values(result.errors)) if (error) console.error(both(error));
		return 1;
	}
	console.log(
		`Đã gỡ xác thực hai lớp của ${user.username} (${user.displayName}); người này đăng ký lại ở lần đăng nhập tới (two-factor authentication removed: they enrol again at the next sign-in).`
	);
	return 0;
}

export async function backup(sqlite: Database.Database | null, to: string | undefined): Promise<number> {
	if (!sqlite) {
		console.error(
			'LỖI: với PostgreSQL, sao lưu bằng pg_dump --format=custom và khôi phục bằng pg_restore (xem README, mục Production). ' +
				'(ERROR: on PostgreSQL, back up with pg_dump --format=custom and restore with pg_restore: see the README, Production.)'
		);
		return 2;
	}
	if (!to) {
		console.error('Thiếu --to FILE (missing --to FILE).');
		return 2;
	}
	const { totalPages } = await backupDatabase(sqlite, to);
	console.log(`Đã sao lưu ${totalPages} trang vào ${to} (backup written).`);
	return 0;
}

/** Recounts an opened campaign's tallies from its opened sheets and compares them with the stored ones (audited). */
export async function checkResults(db: Db, slug: string | undefined): Promise<number> {
	const started = Date.now();
	const recount = slug ? await recountCampaignTallies(db, slug, CLI_ACTOR, CLI_REQUEST) : null;
	if (!recount || (!recount.ok && recount.error === 'notFound')) {
		console.error(
			`LỖI: không tìm thấy đợt khảo sát "${slug ?? ''}" — dùng --campaign MÃ_ĐỢT (campaign not found: use --campaign SLUG).`
		);
		return 2;
	}
	if (!recount.ok) {
		console.error(
			`LỖI: đợt "${slug}" chưa được kiểm phiếu — các phiếu còn niêm phong, chưa có số liệu để đối chiếu (not opened yet: the sheets are sealed, there is nothing to recount).`
		);
		return 2;
	}
	const report = recount.value;
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (report.ok) {
		console.log(
			`OK: số liệu tổng hợp khớp với ${report.sheets} phiếu (tallies match ${report.sheets} answer sheets), ${seconds} s.`
		);
		return 0;
	}
	console.error(
		`LỖI: ${report.differences.length} chỗ lệch giữa số liệu tổng hợp và phiếu (${report.differences.length} differences between tallies and sheets):`
	);
	for (const d of report.differences.slice(0, 50))
		console.error(
			`  ô/cell ${d.cellId} ${d.questionId} ${d.unitKey || '-'} ${d.optionId}: ${d.stored} ≠ ${d.recomputed}`
		);
	return 1;
}
