#!/usr/bin/env bash
# Backs up the whole database while the system runs: one consistent snapshot (pg_dump runs in a single repeatable-read
# transaction, so every write acknowledged before it began is in it and none made after), in pg_dump's compressed custom
# format, with the project's PostgreSQL binaries. Keeps the newest N backups of the folder (14 unless DEALERSHIP_BACKUP_KEEP).
#
#   scripts/backup.sh [folder]        default .data/backups; prints the file written
#
# The database: ConnectionStrings__Dealership when set (as the silo reads it), else run.sh's own on 127.0.0.1:55432.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
source "$ROOT/scripts/postgres.sh"
pg_find_binaries

folder="${1:-$ROOT/.data/backups}"
keep="${DEALERSHIP_BACKUP_KEEP:-14}"
case "$keep" in ''|*[!0-9]*) pg_log "DEALERSHIP_BACKUP_KEEP must be a number of backups"; exit 2 ;; esac
mkdir -p "$folder"

# The silo's Npgsql connection string, as libpq keywords (Host=…;Port=…;Database=…;Username=…;Password=…).
libpq_of() {
  local out="" pair key value
  IFS=';' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    key="${pair%%=*}"; value="${pair#*=}"
    case "${key,,}" in
      host|server) out+="host=$value " ;;
      port) out+="port=$value " ;;
      database) out+="dbname=$value " ;;
      username|user\ id|userid|user) out+="user=$value " ;;
      password) out+="password=$value " ;;
    esac
  done
  echo "$out"
}

if [ -n "${ConnectionStrings__Dealership:-}" ]; then
  target=$(libpq_of "$ConnectionStrings__Dealership")
else
  target="host=127.0.0.1 port=${DEALERSHIP_PG_PORT:-55432} dbname=dealership user=postgres"
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$folder/dealership-$stamp.dump"
# Written under another name first: a backup cut short never looks like one.
"$PG_BIN/pg_dump" --format=custom --compress=6 --no-owner --file="$file.partial" "$target"
mv "$file.partial" "$file"

# The newest $keep stay.
ls -1t "$folder"/dealership-*.dump 2>/dev/null | tail -n +"$((keep + 1))" | while read -r old; do rm -f "$old"; done
pg_log "backup written: $file ($(du -h "$file" | cut -f1))"
echo "$file"
