// `db:copy --from sqlite:PATH --to postgres://…`: moves a province's SQLite file into an empty PostgreSQL database.
import type { Actor, RequestMeta } from '$lib/server/audit';
import { copySqliteToPostgres, type CopyRefusal } from '$lib/server/db/copy';
import { describeDatabase } from '$lib/server/db/postgres';

const CLI_ACTOR: Actor = { type: 'system', label: 'cli' };
const CLI_REQUEST: RequestMeta = { ip: null, userAgent: 'cli' };

const REFUSALS: Record<CopyRefusal['reason'], (detail: string) => string> = {
	sourceNotSqlite: (d) =>
		`LỖI: --from phải là sqlite:ĐƯỜNG_DẪN tới một tệp CSDL SQLite có sẵn (--from must be sqlite:PATH to an existing SQLite database file): ${d}`,
	sourceNotMigrated: (d) =>
		`LỖI: tệp nguồn chưa được cập nhật tới cùng phiên bản cấu trúc với chương trình này — chạy db:migrate trên tệp đó trước (the source is not migrated to this code's latest migration: run db:migrate on it first): ${d}`,
	targetNotPostgres: (d) =>
		`LỖI: --to phải là địa chỉ postgres://… (--to must be a postgres:// URL): ${describeDatabase(d)}`,
	targetNotEmpty: (d) =>
		`LỖI: CSDL đích đã có dữ liệu (bảng ${d}) — chỉ chép vào một CSDL PostgreSQL trống (the target already holds data, table ${d}: copy only into an empty PostgreSQL database)`
};

export async function copyDatabase(from: string | undefined, to: string | undefined): Promise<number> {
	if (!from || !to) {
		console.error(
			'Thiếu --from sqlite:ĐƯỜNG_DẪN hoặc --to postgres://… (missing --from sqlite:PATH or --to postgres://…).'
		);
		return 2;
	}
	let result;
	try {
		result = await copySqliteToPostgres({
			from,
			to,
			actor: CLI_ACTOR,
			meta: CLI_REQUEST,
			onTable: (table, rows) => console.log(`Đã chép ${rows} dòng bảng ${table} (copied ${rows} rows of ${table})`)
		});
	} catch (e) {
		// One transaction: whatever failed (a row PostgreSQL refuses, a lost connection), no row stays behind.
		console.error(
			`LỖI: chép thất bại, CSDL đích không giữ dòng nào (copy failed, no row was kept on the target): ${e instanceof Error ? e.message : e}`
		);
		return 1;
	}
	if (!result.ok) {
		console.error(`${REFUSALS[result.reason](result.detail)}. Không có gì được ghi (nothing written).`);
		return 2;
	}
	const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
	console.log(
		`Xong: đã chép ${rows} dòng của ${result.tables.length} bảng vào ${describeDatabase(to)}; nhật ký ghi sự kiện #${result.auditSeq} (done: ${rows} rows of ${result.tables.length} tables copied; audit event #${result.auditSeq}).`
	);
	return 0;
}
