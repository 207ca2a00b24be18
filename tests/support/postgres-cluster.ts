// A throw-away PostgreSQL cluster for tests and benches (issue 17): Debian's initdb and pg_ctl in a temporary
// directory, reached by a Unix socket only (no port to collide with), removed at the end. initdb and postgres
// refuse to run as root: as root (CI) the cluster runs as the `postgres` user the Debian package creates.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export interface PostgresCluster {
	/** postgres://…/name over the cluster's socket. */
	url(database: string): string;
	/** Runs one of the cluster's programs (pg_dump, pg_restore, psql…) as the cluster's user; returns stdout. */
	run(program: string, args: string[]): Buffer;
	dir: string;
	stop(): void;
}

const SOCKET_PORT = 5432;

/** postgres://…/database over the socket in dir (the same URL a child process can be given). */
export function socketUrl(dir: string, database: string): string {
	return `postgres://postgres@/${database}?host=${encodeURIComponent(dir)}&port=${SOCKET_PORT}`;
}

/** The newest server binaries Debian installed (PG_BIN overrides), or null. */
export function postgresBinDir(): string | null {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

const MISSING =
	'LỖI: kiểm thử trên PostgreSQL cần gói postgresql của Debian (initdb, pg_ctl): chạy "sudo apt-get install postgresql". ' +
	'(ERROR: the PostgreSQL tests need Debian\'s postgresql package: run "sudo apt-get install postgresql", or set PG_BIN.)';

/**
 * Runs one of the server's programs (pg_dump, pg_restore, psql…) as the cluster's user (`postgres` when we are
 * root), e.g. from a test file that knows only the run's cluster directory (inject('postgresDir')).
 */
export function runPostgresProgram(program: string, args: string[]): Buffer {
	const bin = postgresBinDir();
	if (!bin) throw new Error(MISSING);
	// A plain pg_dump of a seeded database is megabytes: past execFileSync's 1 MiB default.
	const options = { stdio: 'pipe' as const, maxBuffer: 1 << 30 };
	return userInfo().uid === 0
		? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], options)
		: execFileSync(path.join(bin, program), args, options);
}

/** fsync off by default: a test cluster need not survive a power cut (the durability test asks for it on). */
export function startPostgresCluster(options: { fsync?: boolean } = {}): PostgresCluster {
	const bin = postgresBinDir();
	if (!bin) throw new Error(MISSING);
	const dir = mkdtempSync(path.join(tmpdir(), 'par-pg-'));
	const asRoot = userInfo().uid === 0;
	const exec = runPostgresProgram;
	const data = path.join(dir, 'data');
	mkdirSync(data, { mode: 0o700 });
	if (asRoot) {
		const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
		const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
		chownSync(dir, Number(ids), Number(gid));
		chownSync(data, Number(ids), Number(gid));
	}
	// C collation: text sorts bytewise, as SQLite's does.
	exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--locale=C', '-E', 'UTF8', '--no-sync']);
	const settings = [
		`-k ${dir}`,
		`-p ${SOCKET_PORT}`,
		"-c listen_addresses=''",
		`-c fsync=${options.fsync ? 'on' : 'off'}`,
		`-c synchronous_commit=${options.fsync ? 'on' : 'off'}`,
		`-c full_page_writes=${options.fsync ? 'on' : 'off'}`,
		'-c max_connections=300',
		// pg_wal keeps the run's WAL: postgres-attack reads the sealed rows there after the opening, and the other test
		// worker's writes and checkpoints once recycled every segment holding them first (0 of 64 found).
		'-c wal_keep_size=4GB'
	].join(' ');
	exec('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings, '-w', '-s', 'start']);
	let stopped = false;
	return {
		dir,
		url: (database) => socketUrl(dir, database),
		run: (program, args) => exec(program, args),
		stop() {
			if (stopped) return;
			stopped = true;
			try {
				exec('pg_ctl', ['-D', data, '-m', 'immediate', '-s', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
