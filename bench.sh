#!/usr/bin/env bash
# Benchmarks staff writes through the gateway in one run, each from an empty history and after 20,000 earlier entries
# (walk-in logging, consultant status change, parts movement, stock-ledger line), a paged list of 10,000 deals, and the raw
# persisted-write ceiling: a throwaway PostgreSQL (fsync ON, as in production), one silo, one gateway with the demo group.
# The figures go to the terminal and to .test-data/bench-results.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$(pwd)
source scripts/postgres.sh
SECONDS_EACH="${1:-10}"
pids=(); pg_data=""
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_data" ]; then pg_stop "$pg_data"; rm -rf "$pg_data"; fi
}
trap cleanup EXIT

dotnet build Dealership.sln -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
pg_find_binaries
pg_data=$(pg_pick_data_dir "$ROOT/.test-data/bench-pg-$$")
port=$(free_port 57000)
pg_init "$pg_data"
pg_start "$pg_data" "$port"
pg_create_db "$pg_data" "$port" bench
export ConnectionStrings__Dealership="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Maximum Pool Size=100"
export Auth__SigningKey="benchmark-signing-key-0123456789abcdef-0123456789"
gateway_port=$(free_port 5090)
mkdir -p .test-data
dotnet silo/Dealership.Silo/bin/Release/net10.0/Dealership.Silo.dll > .test-data/bench-silo.log 2>&1 &
pids+=($!)
(cd client/Dealership.Gateway && exec dotnet bin/Release/net10.0/Dealership.Gateway.dll --urls "http://127.0.0.1:$gateway_port" --seed-demo \
  --Logging:LogLevel:Default=Warning) > .test-data/bench-gateway.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q DEMO-SEEDED .test-data/bench-gateway.log 2>/dev/null && break; sleep 1; done
grep -q DEMO-SEEDED .test-data/bench-gateway.log || { echo "gateway not ready; see .test-data/bench-gateway.log"; exit 1; }
dotnet tests/Dealership.Benchmarks/bin/Release/net10.0/Dealership.Benchmarks.dll --url "http://127.0.0.1:$gateway_port" \
  --db "$ConnectionStrings__Dealership" --seconds "$SECONDS_EACH" --out .test-data/bench-results.md
