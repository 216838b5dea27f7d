#!/usr/bin/env bash
# Runs the whole system on this machine: a local PostgreSQL (created on first run, data kept under
# .data/), one silo and the gateway on http://127.0.0.1:5080, with the demo dealer group loaded.
# Ctrl-C stops everything. With ConnectionStrings__Dealership set, that database is used instead.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$(pwd)
source scripts/postgres.sh
source scripts/build.sh
source scripts/instance.sh

PG_PORT="${DEALERSHIP_PG_PORT:-55432}"
GATEWAY_URL="${DEALERSHIP_URL:-http://127.0.0.1:5080}"
SECRETS="$ROOT/.data/secrets"
CERTS="$ROOT/.data/certificates"
pids=()
own_pg=""

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$own_pg" ]; then pg_stop "$own_pg"; echo "PostgreSQL stopped (data kept in $own_pg)."
  elif [ -n "${data_dir:-}" ]; then echo "PostgreSQL left running in $data_dir: this run did not start it."; fi
  instance_release .data
}
mkdir -p .data
instance_claim .data "$GATEWAY_URL" || exit 1
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

# Keys of this machine's own, one file per setting (Secrets:Directory), readable by this user only and kept so that tokens
# survive restarts: the gateways' token key, the key that signs the callers gateways send to silos, and the silos' key that
# seals approved OEM orders. Production keeps its
# own (see the README, "Certificates and keys").
umask 077
mkdir -p "$SECRETS"
[ -f .data/signing-key ] && [ ! -f "$SECRETS/Auth__SigningKey" ] && mv .data/signing-key "$SECRETS/Auth__SigningKey"   # release 7 kept it here
for key in Auth__SigningKey Cluster__CallerKey Cluster__SealKey; do
  [ -s "$SECRETS/$key" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$SECRETS/$key"
done
umask 022
export Secrets__Directory="$SECRETS"

if [ -z "${ConnectionStrings__Dealership:-}" ]; then
  pg_find_binaries
  data_dir=$(pg_pick_data_dir "${DEALERSHIP_PG_DATA:-$ROOT/.data/postgres}")
  pg_init "$data_dir"
  pg_start "$data_dir" "$PG_PORT" 9>&-   # the server must not hold this instance's lock after it
  # A server this run did not start (left running by an earlier one) is used and left running.
  [ "$PG_STARTED" = 1 ] && own_pg="$data_dir"
  pg_create_db "$data_dir" "$PG_PORT" dealership
  export ConnectionStrings__Dealership="Host=127.0.0.1;Port=$PG_PORT;Database=dealership;Username=postgres"
  echo "PostgreSQL on 127.0.0.1:$PG_PORT (data in $data_dir)"
fi

echo "Building..."
build_system Release >/dev/null
mkdir -p .data/logs

# The installation's certificate authority and the silo's and gateway's certificates (mutual TLS inside the cluster).
SILO_DLL=silo/Dealership.Silo/bin/Release/net10.0/Dealership.Silo.dll
dotnet "$SILO_DLL" certificates create "$CERTS" >/dev/null
export Cluster__Authority="$CERTS/authority.crt"

Cluster__Certificate="$CERTS/silo.crt" Cluster__CertificateKey="$CERTS/silo.key" \
  dotnet "$SILO_DLL" > .data/logs/silo.log 2>&1 &
pids+=($!)
(cd "$GATEWAY_DIR" && Cluster__Certificate="$CERTS/gateway.crt" Cluster__CertificateKey="$CERTS/gateway.key" \
  exec dotnet Dealership.Gateway.dll --urls "$GATEWAY_URL" --seed-demo) > .data/logs/gateway.log 2>&1 &
pids+=($!)

# The daily backup (scripts/backup.sh) at DEALERSHIP_BACKUP_AT (local time, 02:30 unless set), keeping the newest 14;
# DEALERSHIP_BACKUP=off leaves backups to the operator's own schedule.
if [ "${DEALERSHIP_BACKUP:-on}" != off ]; then
  (
    sleeper=""
    trap 'kill $sleeper 2>/dev/null; exit 0' TERM
    while true; do
      now=$(date +%s); next=$(date -d "today ${DEALERSHIP_BACKUP_AT:-02:30}" +%s)
      [ "$next" -gt "$now" ] || next=$(date -d "tomorrow ${DEALERSHIP_BACKUP_AT:-02:30}" +%s)
      sleep $((next - now)) & sleeper=$!
      wait "$sleeper"
      scripts/backup.sh >> .data/logs/backup.log 2>&1 || echo "[backup] failed at $(date -Is)" >> .data/logs/backup.log
    done
  ) &
  pids+=($!)
fi

for _ in $(seq 1 120); do
  if curl -fs "$GATEWAY_URL/health/ready" >/dev/null 2>&1 && grep -q DEMO-SEEDED .data/logs/gateway.log; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited early; see .data/logs/"; tail -n 20 .data/logs/*.log; exit 1; }
  done
  sleep 1
done
curl -fs "$GATEWAY_URL/health/ready" >/dev/null || { echo "The gateway did not become ready; see .data/logs/"; exit 1; }

cat <<TXT

Dealership is running.
  API docs (Scalar):  $GATEWAY_URL/docs
  OpenAPI documents:  $GATEWAY_URL/openapi/v2.json (version 2, /api/v2/…) and $GATEWAY_URL/openapi/v1.json (version 1, /api/…)
  Health:             $GATEWAY_URL/health/live   $GATEWAY_URL/health/ready
  Metrics:            $GATEWAY_URL/metrics
  Logs:               .data/logs/silo.log  .data/logs/gateway.log  .data/logs/backup.log
  Backups:            daily at ${DEALERSHIP_BACKUP_AT:-02:30} into .data/backups/ (the newest 14); now: scripts/backup.sh
  Keys, certificates: .data/secrets/  .data/certificates/  (readable by you only; the cluster ports listen on 127.0.0.1 over mutual TLS)

Demo group "huaxia" (password for every demo login: demo-password-2026)
  huaxia-admin       group administrator (all stores)
  huaxia-hq          group HQ (all stores)
  chaoyang-gm / -sm / -sc1 / -sc2 / -clerk / -finance / -cashier / -parts / -advisor / -tech / -caller
                     staff of bj-chaoyang-vw (Volkswagen); likewise haidian-* (bj-haidian-vw), hexi-* (tj-hexi-toyota)

Try:
  curl -s $GATEWAY_URL/api/auth/token -H 'content-type: application/json' \\
       -d '{"username":"chaoyang-sm","password":"demo-password-2026"}'

Press Ctrl-C to stop.
TXT

wait -n "${pids[@]}" || true
echo "A process stopped unexpectedly; see .data/logs/."
exit 1
