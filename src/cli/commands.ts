import type Database from 'better-sqlite3';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { newStaffUserSchema, parseWith } from '$lib/domain/staff';
import { translator } from '$lib/i18n';
import { appendAuditEvent, verifyAuditChain } from '$lib/server/audit';
import { checkTallies } from '$lib/server/results/recompute';
import { backupDatabase, type Db } from '$lib/server/db/open';
import { createStaffUser } from '$lib/server/admin/staff-users';

const vi = translator('vi');
const en = translator('en');
const both = (key: string, params?: Record<string, string | number>) => `${vi(key, params)} (${en(key, params)})`;

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
	const parsed = parseWith(newStaffUserSchema, {
		username: values.username,
		displayName: values.name,
		role: values.role,
		unitCode: values.unit,
		password
	});
	if (!parsed.ok) {
		for (const [field, key] of Object.entries(parsed.errors)) console.error(`${field}: ${both(key ?? '')}`);
		return 1;
	}
	const result = await createStaffUser(
		db,
		parsed.value,
		{ type: 'system', label: 'cli' },
		{ ip: null, userAgent: 'cli' }
	);
	if (!result.ok) {
		for (const [field, key] of Object.entries(result.errors)) console.error(`${field}: ${both(key)}`);
		return 1;
	}
	console.log(`Đã tạo tài khoản ${parsed.value.username} (${vi(`role.${parsed.value.role}`)}), id ${result.id}.`);
	if (generated) console.log(`Mật khẩu ban đầu (chỉ hiện một lần) / initial password (shown once): ${generated}`);
	return 0;
}

export async function verifyAudit(db: Db): Promise<number> {
	const report = await verifyAuditChain(db);
	if (report.ok) {
		console.log(`OK: chuỗi nhật ký toàn vẹn, ${report.count} sự kiện (audit chain intact, ${report.count} events).`);
		console.log(`Mã băm cuối / head hash: ${report.headHash}`);
		return 0;
	}
	console.error(
		`LỖI: chuỗi nhật ký bị phá vỡ tại seq ${report.brokenSeq} (audit chain broken at seq ${report.brokenSeq}): ${both(`audit.reason.${report.reason}`)}.`
	);
	console.error(`${report.count} sự kiện đầu tiên hợp lệ (the first ${report.count} events are valid).`);
	return 1;
}

export async function backup(sqlite: Database.Database, to: string | undefined): Promise<number> {
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
	const campaign = slug
		? await db.selectFrom('campaign').selectAll().where('slug', '=', slug).executeTakeFirst()
		: undefined;
	if (!campaign) {
		console.error(
			`LỖI: không tìm thấy đợt khảo sát "${slug ?? ''}" — dùng --campaign MÃ_ĐỢT (campaign not found: use --campaign SLUG).`
		);
		return 2;
	}
	// Before the opening there is nothing readable to recount: every sheet is still sealed.
	if (campaign.counted_at === null) {
		console.error(
			`LỖI: đợt "${campaign.slug}" chưa được kiểm phiếu — các phiếu còn niêm phong, chưa có số liệu để đối chiếu (not opened yet: the sheets are sealed, there is nothing to recount).`
		);
		return 2;
	}
	const started = Date.now();
	const report = await checkTallies(db, campaign);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	await appendAuditEvent(db, {
		actor: { type: 'system', label: 'cli' },
		action: 'results.tallies_checked',
		subject: { type: 'campaign', id: String(campaign.id) },
		meta: { ip: null, userAgent: 'cli' },
		payload: { ok: report.ok, sheets: report.sheets, differences: report.differences.length }
	});
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
