#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a fresh PostgreSQL data folder, for the whole installation (one store's
# data comes back from its export instead). The system then starts on it:
#
#   scripts/restore.sh BACKUP [folder]    default folder .data/postgres, which must not hold a cluster yet:
#                                         stop the system and move the old folder away first
#   ./run.sh                              starts on .data/postgres (DEALERSHIP_PG_DATA names another folder)
#
# Prints DATA=<folder> last (root's clusters live where the postgres user can reach them; see scripts/postgres.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
source "$ROOT/scripts/postgres.sh"

backup="${1:-}"
[ -f "$backup" ] || { pg_log "usage: scripts/restore.sh BACKUP [folder] (no backup file '$backup')"; exit 2; }
backup=$(readlink -f "$backup")
wanted="${2:-$ROOT/.data/postgres}"
pg_find_binaries
data=$(pg_pick_data_dir "$wanted")
if [ -f "$data/PG_VERSION" ]; then
  pg_log "$data already holds a cluster: stop the system and move it away, or name another folder"
  exit 2
fi

pg_init "$data"
port=$(free_port 57000)
pg_start "$data" "$port"
trap 'pg_stop "$data"' EXIT
pg_create_db "$data" "$port" dealership
# One transaction: a restore that fails leaves an empty database, not half of one.
"$PG_BIN/pg_restore" --no-owner --exit-on-error --single-transaction -h 127.0.0.1 -p "$port" -U postgres -d dealership "$backup"
tables=$(pg_as_owner "$PG_BIN/psql" -h "$data" -p "$port" -U postgres -d dealership -tAc \
  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
pg_log "restored $(basename "$backup") into $data ($tables tables)"
echo "DATA=$data"
