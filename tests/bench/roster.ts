// `npx tsx tests/bench/roster.ts`: read + validate 100,000-row roster files (XLSX as Excel writes
// it, with shared strings; and UTF-8 CSV), each measured in a fresh child process so its peak RSS
// is its own. Prints a markdown table; a missed target makes the exit code 1.
import { fork } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { validateRosterStream, type RosterContext } from '$lib/domain/roster';
import { readTable } from '$lib/server/files/tabular-file';

const ROWS = 100_000;
const TARGET_MS = 30_000;
const TARGET_RSS_MIB = 512;
const HEADER = ['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Số điện thoại'];
const UNITS = Array.from({ length: 200 }, (_, i) => String(21000 + i));
const GROUPS = [
	{ id: 1, code: 'LDSO', name: 'Lãnh đạo sở, ban, ngành' },
	{ id: 2, code: 'LDXA', name: 'Lãnh đạo UBND cấp xã' },
	{ id: 3, code: 'CBCC', name: 'Cán bộ, công chức' },
	{ id: 4, code: 'DBHD', name: 'Đại biểu HĐND' }
];
const FAMILY = [
	'Nguyễn',
	'Trần',
	'Lê',
	'Phạm',
	'Huỳnh',
	'Hoàng',
	'Võ',
	'Đặng',
	'Bùi',
	'Đỗ',
	'Hồ',
	'Ngô',
	'Dương',
	'Lý'
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Thanh', 'Minh', 'Quốc', 'Thuỳ', 'Xuân'];
const GIVEN = [
	'Ánh',
	'Bình',
	'Cường',
	'Dũng',
	'Hải',
	'Hương',
	'Khánh',
	'Lộc',
	'Nguyệt',
	'Phúc',
	'Quỳnh',
	'Sơn',
	'Tâm',
	'Thảo',
	'Tuấn',
	'Yến',
	'Ưởng'
];

/** A realistic row: unique names, 1 % of e-mails shared with the row before, 0.1 % unknown units. */
function rosterRow(i: number): string[] {
	const name = `${FAMILY[i % 14]} ${MIDDLE[(i >> 3) % 10]} ${GIVEN[i % 17]} ${GIVEN[(i >> 5) % 17]} ${i}`;
	const unit = i % 997 === 0 ? '99999' : UNITS[i % UNITS.length];
	const email = i % 100 === 0 ? `cb${i - 1}@quangngai.gov.vn` : `cb${i}@quangngai.gov.vn`;
	return [
		name,
		`CB${String(i).padStart(6, '0')}`,
		unit,
		GROUPS[i % 4].code,
		'Chuyên viên phòng Tổ chức – Hành chính',
		email,
		`09${String(i).padStart(8, '0')}`
	];
}

async function writeXlsx(file: string) {
	const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
	const sheet = writer.addWorksheet('Danh sách');
	sheet.addRow(HEADER).commit();
	for (let i = 1; i <= ROWS; i++) sheet.addRow(rosterRow(i)).commit();
	await sheet.commit();
	await writer.commit();
}

async function writeCsv(file: string) {
	const out = createWriteStream(file);
	const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	out.write(`\uFEFF${HEADER.join(',')}\r\n`);
	for (let i = 1; i <= ROWS; i++) {
		if (!out.write(`${rosterRow(i).map(quote).join(',')}\r\n`))
			await new Promise<void>((r) => out.once('drain', () => r()));
	}
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface Measure {
	ms: number;
	rssMiB: number;
	heapMiB: number;
	rows: number;
	valid: number;
	errors: number;
	warnings: number;
}

/** Runs in the child: read + validate one file while sampling memory. */
async function measure(file: string): Promise<Measure> {
	const context: RosterContext = { unitCodes: new Set(UNITS), groups: GROUPS };
	let rss = 0;
	let heap = 0;
	const sample = () => {
		const m = process.memoryUsage();
		rss = Math.max(rss, m.rss);
		heap = Math.max(heap, m.heapUsed);
	};
	const timer = setInterval(sample, 10);
	async function* sampled() {
		let n = 0;
		for await (const row of readTable(file, { maxBytes: 50 * 2 ** 20 })) {
			if (++n % 1000 === 0) sample();
			yield row;
		}
	}
	const start = process.hrtime.bigint();
	const report = await validateRosterStream(sampled(), context);
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	sample();
	clearInterval(timer);
	return {
		ms,
		rssMiB: rss / 2 ** 20,
		heapMiB: heap / 2 ** 20,
		rows: report.counts.rows,
		valid: report.counts.valid,
		errors: report.counts.errors,
		warnings: report.counts.warnings
	};
}

function measureInChild(file: string): Promise<Measure> {
	return new Promise((resolve, reject) => {
		const child = fork(fileURLToPath(import.meta.url), ['--measure', file], { stdio: 'inherit' });
		child.once('message', (m) => resolve(m as Measure));
		child.once('error', reject);
		child.once('exit', (code) => (code === 0 ? null : reject(new Error(`measurement of ${file} exited with ${code}`))));
	});
}

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-roster-bench-'));
	try {
		const files = [
			{
				what: `XLSX, ${ROWS.toLocaleString('en')} rows (shared strings, as Excel writes)`,
				file: path.join(dir, 'roster.xlsx'),
				write: writeXlsx
			},
			{ what: `CSV UTF-8, ${ROWS.toLocaleString('en')} rows`, file: path.join(dir, 'roster.csv'), write: writeCsv }
		];
		const lines: string[] = [];
		let ok = true;
		for (const f of files) {
			await f.write(f.file);
			const m = await measureInChild(f.file);
			// Expected from rosterRow: 100 unknown units, 1,000 shared e-mails.
			const right = m.rows === ROWS && m.errors === 100 && m.warnings === 1000 && m.valid === ROWS - 100;
			const pass = right && m.ms <= TARGET_MS && m.rssMiB <= TARGET_RSS_MIB;
			ok &&= pass;
			lines.push(
				`| ${f.what} | ${(statSync(f.file).size / 2 ** 20).toFixed(1)} MiB | ${(m.ms / 1000).toFixed(1)} s | ${Math.round(m.rssMiB)} MiB | ${Math.round(m.heapMiB)} MiB | ${m.valid.toLocaleString('en')} valid, ${m.errors} errors, ${m.warnings.toLocaleString('en')} warnings | ≤ ${TARGET_MS / 1000} s, ≤ ${TARGET_RSS_MIB} MiB RSS | ${pass ? 'ok' : 'MISSED'} |`
			);
		}
		console.log(`Node ${process.version}, read + validate in a fresh process each\n`);
		console.log('| file | size | time | peak RSS | peak heap | result | target | |');
		console.log('|---|---:|---:|---:|---:|---|---|---|');
		for (const line of lines) console.log(line);
		process.exitCode = ok ? 0 : 1;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--measure') {
	measure(process.argv[3]).then(
		(m) => process.send!(m, () => process.exit(0)),
		(e) => {
			console.error(e);
			process.exit(2);
		}
	);
} else {
	main().catch((e) => {
		console.error(e);
		process.exit(2);
	});
}
