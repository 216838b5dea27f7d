#!/usr/bin/env bash
# Runs every test project once against a throwaway PostgreSQL, then prints one line:
#   N passed, N failed
# Builds once; each test project runs with --no-build. Stops and removes what it started.
# `./test.sh faults` runs the longer fault suite instead (a silo killed and the database stopped under the mixed day; minutes).
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$(pwd)
source scripts/postgres.sh
source scripts/build.sh
source scripts/chromium.sh

CONFIG="${CONFIG:-Release}"
SUITE="${1:-all}"
case "$SUITE" in
  all) projects=(tests/*/*.Tests.csproj); filter="Suite!=Faults" ;;
  faults) projects=(tests/Dealership.Integration.Tests/Dealership.Integration.Tests.csproj); filter="Suite=Faults" ;;
  *) echo "usage: ./test.sh [faults]" >&2; exit 2 ;;
esac
WORK="$ROOT/.test-data"
RESULTS="$WORK/results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
pg_data=""

cleanup() {
  if [ -n "$pg_data" ]; then pg_stop "$pg_data"; rm -rf "$pg_data"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail_early() { echo "$1" >&2; echo "0 passed, 1 failed"; exit 1; }

echo "== build ($CONFIG), and the gateway published with the staff web app"
build_system "$CONFIG" || fail_early "build failed"
# The tests start the gateway as staff run it: published, the web app trimmed and pre-compressed.
export DEALERSHIP_TEST_GATEWAY="$ROOT/$GATEWAY_DIR/Dealership.Gateway.dll"

# The fault suite needs neither a browser nor the OpenAPI linters.
if [ "$SUITE" = all ]; then
  echo "== Chromium (browser tests drive Debian's /usr/bin/chromium)"
  ensure_chromium

  echo "== OpenAPI linters (tools/openapi-lint: Redocly and Spectral, run on the gateway's document by OpenApiLintTests)"
  lint_tools="$ROOT/tools/openapi-lint"
  if cmp -s "$lint_tools/package-lock.json" "$lint_tools/node_modules/.installed-lock.json"; then
    echo "   up to date"
  elif ! command -v npm >/dev/null 2>&1; then
    echo "   npm is missing (install Node.js 20.19 or later); the OpenAPI lint tests will fail"
  # Install scripts are skipped: the only one is a dependency's usage report, and the linters need none.
  elif (cd "$lint_tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) > "$RESULTS/npm.log" 2>&1; then
    cp "$lint_tools/package-lock.json" "$lint_tools/node_modules/.installed-lock.json"
    echo "   installed (npm ci)"
  else
    echo "   npm ci failed; the OpenAPI lint tests will fail:"; tail -n 10 "$RESULTS/npm.log" | sed 's/^/   /'
  fi
  export DEALERSHIP_OPENAPI_LINT="$lint_tools"
fi

echo "== PostgreSQL (throwaway, fsync off)"
pg_find_binaries || fail_early "no PostgreSQL"
pg_data=$(pg_pick_data_dir "$WORK/pg-$$") || fail_early "no data directory for PostgreSQL"
port=$(free_port 56000)
pg_init "$pg_data" || fail_early "initdb failed"
pg_start "$pg_data" "$port" fsync=off synchronous_commit=off full_page_writes=off || fail_early "PostgreSQL did not start"
export DEALERSHIP_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres"
export DEALERSHIP_TEST_CONFIG="$CONFIG"
# The state-size tests' operations per grain: 2,000 here (any list kept in a state would already break their bounds);
# the long run before a release sets 10,000, as DESIGN.md states (README, "Quick start").
export DEALERSHIP_STATE_SIZE_OPERATIONS="${DEALERSHIP_STATE_SIZE_OPERATIONS:-2000}"
echo "   127.0.0.1:$port"

# The fault suite's figures (time to recover, failed answers, stop times), printed at the end of `./test.sh faults`.
FIGURES="$WORK/fault-figures.txt"
[ "$SUITE" = faults ] && rm -f "$FIGURES"

passed=0; failed=0; skipped=0; broken=""
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  started=$SECONDS
  dotnet test "$project" -c "$CONFIG" --no-build --nologo --filter "$filter" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" > "$RESULTS/$name.log" 2>&1
  code=$?
  grep -E "^\s+(Passed|Failed|Skipped) " "$RESULTS/$name.log" | sed 's/^\s*/   /' | grep -E "Failed|Skipped" || true
  # A failure's message and the top of its stack, so a CI log alone says what broke.
  awk '/^[ \t]+Failed /{n=14; next} /^[ \t]+(Passed|Skipped) /{n=0} n>0{print "      " $0; n--}' "$RESULTS/$name.log" | grep -vE "^[ \t]*$" | head -n 60 || true
  trx="$RESULTS/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    t=$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p'); e=$(echo "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
    p=${p:-0}; f=${f:-0}; s=$(( ${t:-0} - ${e:-0} ))
    echo "   $p passed, $f failed, $s skipped ($((SECONDS - started)) s)"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); broken="$broken $name"; fi
  else
    echo "   no results (exit $code); last lines:"; tail -n 30 "$RESULTS/$name.log" | sed 's/^/   /'
    failed=$((failed + 1)); broken="$broken $name"
  fi
done

echo "== dotnet format (the code style is part of the build's standard)"
if [ "$SUITE" = faults ]; then
  echo "   (checked by ./test.sh)"
elif dotnet format Dealership.sln --verify-no-changes --no-restore > "$RESULTS/format.log" 2>&1; then
  echo "   clean"; passed=$((passed + 1))
else
  echo "   not clean; run 'dotnet format Dealership.sln':"; grep -E "error|warning" "$RESULTS/format.log" | head -n 10 | sed 's/^/   /'
  failed=$((failed + 1)); broken="$broken format"
fi

[ -n "$broken" ] && echo "Test runs that ended abnormally:$broken (logs in $RESULTS)"
if [ "$SUITE" = faults ] && [ -f "$FIGURES" ]; then
  echo "== figures (also in $FIGURES)"; sed 's/^/   /' "$FIGURES"
fi
echo "   ./test.sh took $SECONDS s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
