#!/usr/bin/env bash
# PostgreSQL for development and tests, sourced by run.sh and test.sh.
# Finds (or installs with apt-get) the server binaries, runs the server as the `postgres` OS user
# when invoked as root (root may not run postgres), and keeps it on 127.0.0.1 only.

pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# Sets PG_BIN to the newest installed server's bin directory, installing Debian's package if needed.
pg_find_binaries() {
  PG_BIN=""
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BIN="$dir"; return 0; fi
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    pg_log "PostgreSQL server not found; installing Debian's postgresql package"
    # The package's own cluster must not grab port 5432 or start: we run our own.
    mkdir -p /etc/postgresql-common
    grep -q '^create_main_cluster' /etc/postgresql-common/createcluster.conf 2>/dev/null ||
      echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$dir/initdb" ]; then PG_BIN="$dir"; return 0; fi
    done
  fi
  pg_log "no PostgreSQL server binaries (initdb, pg_ctl) found; install Debian's 'postgresql' package"
  return 1
}

# Runs a command as the OS user that owns the cluster: `postgres` when we are root, else ourselves.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    # From /, so a private working directory (e.g. a checkout under /root) does not bother the postgres user.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Prints a directory for cluster data: $1 if the cluster's owner can use it, else a fallback
# under /var/lib/dealership (root only) keyed by the checkout, so data still survives restarts.
pg_pick_data_dir() {
  local wanted="$1" key fallback
  mkdir -p "$wanted" 2>/dev/null || true
  if [ "$(id -u)" != 0 ]; then echo "$wanted"; return 0; fi
  id postgres >/dev/null 2>&1 || { pg_log "the postgres OS user is missing"; return 1; }
  chown postgres: "$wanted" 2>/dev/null || true
  if runuser -u postgres -- test -w "$wanted" -a -x "$wanted" 2>/dev/null; then
    echo "$wanted"; return 0
  fi
  key=$(printf '%s' "$wanted" | md5sum | cut -c1-10)
  fallback="/var/lib/dealership/$key/$(basename "$wanted")"
  mkdir -p "$fallback"
  chown postgres: "$fallback" "$(dirname "$fallback")"
  pg_log "postgres cannot reach $wanted (a parent directory is private); using $fallback"
  echo "$fallback"
}

# pg_init DATA_DIR: creates a cluster (trust on the local socket and loopback; it listens on 127.0.0.1 only).
pg_init() {
  local data="$1"
  if [ -f "$data/PG_VERSION" ]; then return 0; fi
  pg_log "creating a cluster in $data"
  pg_as_owner "$PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust >/dev/null || return 1
}

# pg_start DATA_DIR PORT [extra postgres -c options...]
# Sets PG_STARTED=1 when it started the server, 0 when one was already running there (on PORT): whoever did not start a
# server must not stop it.
pg_start() {
  local data="$1" port="$2"; shift 2
  local opts="-p $port -c listen_addresses=127.0.0.1 -k $data -c max_connections=300"
  local o running_port
  PG_STARTED=0
  for o in "$@"; do opts="$opts -c $o"; done
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    running_port=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null)
    if [ -n "$running_port" ] && [ "$running_port" != "$port" ]; then
      pg_log "a server already runs in $data on port $running_port, not $port"
      return 1
    fi
    pg_log "already running in $data (port $port); it is left running afterwards"
    return 0
  fi
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 60 start >/dev/null || {
    pg_log "failed to start; last lines of $data/server.log:"; tail -n 20 "$data/server.log" >&2; return 1; }
  PG_STARTED=1
}

pg_stop() {
  local data="$1"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_create_db DATA_DIR PORT NAME: creates the database if it does not exist.
pg_create_db() {
  local data="$1" port="$2" name="$3"
  if ! pg_as_owner "$PG_BIN/psql" -h "$data" -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    pg_as_owner "$PG_BIN/createdb" -h "$data" -p "$port" -U postgres "$name"
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on, starting from $1.
# A port nothing listens on and no connection holds. A port inside the kernel's ephemeral range can be taken at any moment as
# the local end of an outgoing connection (the test suite opens thousands), and a server then fails to bind it: such ports
# are skipped, and so is any port a socket already holds.
free_port() {
  local port="${1:-26000}" low=32768 high=60999
  if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then read -r low high < /proc/sys/net/ipv4/ip_local_port_range; fi
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { [ "$port" -ge "$low" ] && [ "$port" -le "$high" ]; } || port_held "$port"; do
    if [ "$port" -ge "$low" ] && [ "$port" -le "$high" ] && [ "$port" -gt 31024 ]; then port=$((port - 30000)); else port=$((port + 1)); fi
  done
  echo "$port"
}

port_held() {
  local hex; hex=$(printf '%04X' "$1")
  grep -Eq "^ *[0-9]+: [0-9A-F]+:$hex " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
