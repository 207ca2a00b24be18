#!/usr/bin/env bash
# npm test: build, format, type-check and lint, unit and integration tests (SQLite, then PostgreSQL too), then
# end-to-end tests in Debian's Chromium (SQLite, then PostgreSQL too).
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs a Debian package the tests need when it is missing and we are root; otherwise stops, saying how.
# need_package PRESENT PACKAGE WHAT_VI WHAT_EN OVERRIDE
need_package() {
	[ "$1" = yes ] && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "$2 chưa có: đang cài gói $2 của Debian (installing Debian's $2)..."
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
	else
		echo "LỖI: $3 cần gói $2 của Debian: chạy 'sudo apt-get install $2'." >&2
		echo "ERROR: $4 need Debian's $2 package: run 'sudo apt-get install $2' (or set $5)." >&2
		exit 1
	fi
}

[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && chromium=yes || chromium=no
need_package "$chromium" chromium "kiểm thử đầu-cuối (trình duyệt tại /usr/bin/chromium)" \
	"end-to-end tests (a browser at /usr/bin/chromium)" "CHROMIUM_PATH to a Chromium binary"
# The integration tests run again on PostgreSQL (issue 17), in a throw-away cluster of Debian's postgresql package.
{ [ -n "${PG_BIN:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } && postgresql=yes || postgresql=no
need_package "$postgresql" postgresql "kiểm thử trên PostgreSQL (initdb, pg_ctl)" "the PostgreSQL tests (initdb, pg_ctl)" \
	"PG_BIN to a directory holding initdb and pg_ctl"

mkdir -p test-results/static
rm -f test-results/*.json
npx svelte-kit sync
# The build beside Prettier, which reads no generated file: the build's SvelteKit plugin rewrites .svelte-kit/types,
# which svelte-check and ESLint read, so those two run after it. Vitest's plugin rewrites them too (svelte-check
# beside it once failed on half-written types), so the static checks end before the tests begin.
npx vite build --logLevel warn >test-results/static/build.log 2>&1 &
build_pid=$!
format=0
npm run --silent format:check >test-results/static/format.log 2>&1 || format=$?
build=0
wait "$build_pid" || build=$?
cat test-results/static/build.log test-results/static/format.log
if [ "$build" != 0 ]; then
	echo "LỖI: không dựng được ứng dụng (the build failed)." >&2
	exit 1
fi
# Type-check on one core, lint on the other.
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --threshold warning >test-results/static/check.log 2>&1 &
check_pid=$!
lint=0
npm run --silent lint >test-results/static/lint.log 2>&1 || lint=$?
check=0
wait "$check_pid" || check=$?
cat test-results/static/check.log test-results/static/lint.log
if [ "$check" != 0 ] || [ "$format" != 0 ] || [ "$lint" != 0 ]; then
	echo "LỖI: kiểm tra kiểu, định dạng hoặc lint không đạt (type-check, format or lint failed)." >&2
	exit 1
fi
npx vitest run --project unit --project integration --project integration-pg --reporter=default --reporter=json \
	--outputFile.json=test-results/unit-integration.json
# The end-to-end files on SQLite, and again on PostgreSQL (vite.config.ts says which and why), two at a time.
npx vitest run --project e2e --project e2e-pg --reporter=default --reporter=json --outputFile.json=test-results/e2e.json

# One plain closing line over both runs, for humans and CI alike.
node -e '
const fs = require("node:fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of ["unit-integration", "e2e"]) {
  const r = JSON.parse(fs.readFileSync(`test-results/${f}.json`, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed || !passed ? 1 : 0);
'
