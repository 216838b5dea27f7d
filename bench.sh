#!/usr/bin/env bash
# Benchmarks staff writes through the gateway in one run, each from an empty history and after 20,000 earlier entries
# (walk-in logging, consultant status change, parts movement, stock-ledger line), a paged list of 10,000 deals, and the raw
# persisted-write ceiling: a throwaway PostgreSQL (fsync ON, as in production), one silo, one gateway with the demo group.
# Then the cost of cluster security: walk-ins with mutual TLS and signed callers on, and off (loopback only), in the order
# on, off, off, on. The figures go to the terminal and to .test-data/bench-results.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$(pwd)
source scripts/postgres.sh
source scripts/build.sh
source scripts/chromium.sh
SECONDS_EACH="${1:-10}"
ONLY="${2:-all}"   # "load": only the mixed day of issue 15 (tests/Dealership.Load); "security": only the comparison of cluster security on and off; "rollup": only group HQ's rollup (STORES=200); "web": only the staff web app in Chromium; "reminders": only the service reminder list at scale; "export": only a store's full export at five years of history; "import": only a store's 30,000-part import
RESULTS=.test-data/bench-results.md
pids=(); pg_data=""
stop_hosts() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_hosts
  if [ -n "$pg_data" ]; then pg_stop "$pg_data"; rm -rf "$pg_data"; fi
}
trap cleanup EXIT

build_system Release >/dev/null
pg_find_binaries
pg_data=$(pg_pick_data_dir "$ROOT/.test-data/bench-pg-$$")
port=$(free_port 57000)
pg_init "$pg_data"
pg_start "$pg_data" "$port"
pg_create_db "$pg_data" "$port" bench
mkdir -p .test-data
certs="$ROOT/.test-data/bench-certificates"
rm -rf "$certs"
dotnet silo/Dealership.Silo/bin/Release/net10.0/Dealership.Silo.dll certificates create "$certs" >/dev/null
export ConnectionStrings__Dealership="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Maximum Pool Size=100"
export Auth__SigningKey="benchmark-signing-key-0123456789abcdef-0123456789"
export Cluster__CallerKey="benchmark-caller-key-0123456789abcdef-0123456789"
export Cluster__SealKey="benchmark-seal-key-0123456789abcdef-0123456789"
# The benchmarks measure the system, not the published per-token limits (20/s, bursts of 40): raised here, as the results say.
export RateLimits__StaffPerSecond=1000000 RateLimits__StaffBurst=1000000 RateLimits__SignInPerUsernamePerMinute=1000000 RateLimits__SignInPerAddressPerMinute=1000000
export Cluster__Authority="$certs/authority.crt"
gateway_port=$(free_port 5090)

# Starts one silo and one gateway with Cluster:Security=$1 (Required or Off) and waits until the gateway answers.
start_hosts() {
  Cluster__Security="$1" Cluster__Certificate="$certs/silo.crt" Cluster__CertificateKey="$certs/silo.key" \
    dotnet silo/Dealership.Silo/bin/Release/net10.0/Dealership.Silo.dll > .test-data/bench-silo.log 2>&1 &
  pids+=($!)
  (cd "$GATEWAY_DIR" && Cluster__Security="$1" Cluster__Certificate="$certs/gateway.crt" Cluster__CertificateKey="$certs/gateway.key" \
    exec dotnet Dealership.Gateway.dll --urls "http://127.0.0.1:$gateway_port" --seed-demo \
    --Logging:LogLevel:Default=Warning) > "$ROOT/.test-data/bench-gateway.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do grep -q DEMO-SEEDED .test-data/bench-gateway.log 2>/dev/null && break; sleep 1; done
  grep -q DEMO-SEEDED .test-data/bench-gateway.log || { echo "gateway not ready; see .test-data/bench-gateway.log"; exit 1; }
}

bench() {
  local seconds="$1"; shift
  dotnet tests/Dealership.Benchmarks/bin/Release/net10.0/Dealership.Benchmarks.dll --url "http://127.0.0.1:$gateway_port" \
    --db "$ConnectionStrings__Dealership" --seconds "$seconds" --out "$RESULTS" "$@"
}

if [ "$ONLY" = web ]; then
  ensure_chromium
  # The staff web app in Chromium: its own results file.
  RESULTS=.test-data/bench-web.md
  start_hosts Required
  bench "$SECONDS_EACH" --web on
  exit 0
fi

# One benchmark on its own, into its own results file: alone <results file> <benchmark arguments>.
alone() {
  RESULTS="$1"; shift
  : > "$RESULTS"
  start_hosts Required
  bench "$SECONDS_EACH" "$@"
  exit 0
}

# The database a benchmark ran on, backed up while the hosts run and restored into a fresh folder, as the README's commands do.
backup_and_restore() {
  local dir t0 t1 t2 dump data
  dir=$(mktemp -d "$ROOT/.test-data/bench-backup-XXXX")
  t0=$(date +%s.%N)
  scripts/backup.sh "$dir" > "$dir/backup.log" 2>&1
  t1=$(date +%s.%N)
  dump=$(ls "$dir"/dealership-*.dump)
  scripts/restore.sh "$dump" "$dir/restored" > "$dir/restore.log" 2>&1
  t2=$(date +%s.%N)
  data=$(sed -n 's/^DATA=//p' "$dir/restore.log" | tail -1)
  {
    echo
    echo "| that database | |"
    echo "|---|---|"
    awk -v a="$t0" -v b="$t1" -v mb="$(( $(stat -c %s "$dump") / 1048576 ))" \
      'BEGIN { printf "| backup while the system runs (scripts/backup.sh) | %.1f s, %d MB |\n", b - a, mb }'
    awk -v a="$t1" -v b="$t2" 'BEGIN { printf "| restore into a fresh data folder (scripts/restore.sh) | %.1f s |\n", b - a }'
  } | tee -a "$RESULTS"
  rm -rf "$dir" ${data:+"$data"}
}

# A store's full export at five years of history, then a backup and restore of that database.
if [ "$ONLY" = export ]; then
  RESULTS=.test-data/bench-export.md
  : > "$RESULTS"
  start_hosts Required
  bench "$SECONDS_EACH" --export on
  backup_and_restore
  exit 0
fi

# The mixed day (issue 15): every consultant of every store at once, with the ceilings measured in the same run; its own
# results file. STORES and CONSULTANTS size the group (3 and 8 unless set); SECONDS_EACH is the measured window.
if [ "$ONLY" = load ]; then
  start_hosts Required
  dotnet tests/Dealership.Load/bin/Release/net10.0/Dealership.Load.dll --url "http://127.0.0.1:$gateway_port" --seconds "$SECONDS_EACH" \
    --stores "${STORES:-3}" --consultants "${CONSULTANTS:-8}" --out .test-data/load-results.md --record .test-data/load-acknowledged.txt
  exit 0
fi

# A store's 30,000-part master imported from spreadsheets.
if [ "$ONLY" = import ]; then alone .test-data/bench-import.md --import on; fi

if [ "$ONLY" = reminders ]; then
  # The reminder list at scale: one store of 30,000 cars, then a group of 50 stores of 6,000; its own results file.
  RESULTS=.test-data/bench-reminders.md
  : > "$RESULTS"
  start_hosts Required
  bench "$SECONDS_EACH" --reminders 1,30000
  bench "$SECONDS_EACH" --reminders 50,6000
  exit 0
fi

if [ "$ONLY" = rollup ]; then
  # Group HQ's rollup with 200 stores writing: its own results file, the other figures stay as they were.
  RESULTS=.test-data/bench-rollup.md
  : > "$RESULTS"
  start_hosts Required
  bench "$SECONDS_EACH" --rollup "${STORES:-200}"
  { echo; echo "The write path alone (no HQ reader), the rollup on, off, off, on:"; echo; echo "| run | stores | writes | |"; echo "|---|---|---|---|"; } >> "$RESULTS"
  bench "$SECONDS_EACH" --rollup "${STORES:-200}" --writes-only "rollup on"
  stop_hosts
  for mode in false false true; do
    export Rollup__Enabled=$mode
    start_hosts Required
    bench "$SECONDS_EACH" --rollup "${STORES:-200}" --writes-only "rollup $( [ "$mode" = false ] && echo off || echo on )"
    stop_hosts
  done
  unset Rollup__Enabled
  awk -F'|' '/writes only, rollup (on|off)/ { gsub(/[ ,\/s]/, "", $4); n = ($2 ~ /off/) ? "off" : "on"; sum[n] += $4; cnt[n]++ }
    END { if (cnt["on"] && cnt["off"]) printf "\nWrites with the rollup on: %.0f/s, off: %.0f/s; the rollup costs %.1f %% of write throughput.\n",
      sum["on"]/cnt["on"], sum["off"]/cnt["off"], 100 * (1 - (sum["on"]/cnt["on"]) / (sum["off"]/cnt["off"])) }' "$RESULTS" | tee -a "$RESULTS"
  exit 0
fi

if [ "$ONLY" != security ]; then
  start_hosts Required
  bench "$SECONDS_EACH"
  stop_hosts
else
  : > "$RESULTS"
fi

# Each process starts cold here, so these runs are twice as long as the others.
{ echo; echo "Cluster security (mutual TLS between gateway and silo, signed callers verified by the silo), walk-ins into one store, run in the order on, off, off, on:"; echo; } >> "$RESULTS"
for mode in ${MODES:-Required Off Off Required}; do
  start_hosts "$mode"
  bench $((SECONDS_EACH * 2)) --walk-ins "security $( [ "$mode" = Off ] && echo off || echo on )"
  stop_hosts
done
awk -F'|' '/walk-in logged, security (on|off)/ { gsub(/[ ,\/s]/, "", $4); n = ($2 ~ /off/) ? "off" : "on"; sum[n] += $4; cnt[n]++ }
  END { if (cnt["on"] && cnt["off"]) printf "\nWalk-ins with security on: %.0f/s, off: %.0f/s; the cost of security: %.1f %% of throughput.\n",
    sum["on"]/cnt["on"], sum["off"]/cnt["off"], 100 * (1 - (sum["on"]/cnt["on"]) / (sum["off"]/cnt["off"])) }' "$RESULTS" | tee -a "$RESULTS"
