# One running system per checkout, sourced by run.sh. A second ./run.sh beside a running one would share its database and
# ports, and on its way out stop what the first one runs on.

# instance_claim DIR URL: holds DIR/run.lock for as long as this shell and the hosts it starts live (descriptor 9), and
# writes where this instance runs to DIR/run.info. Refuses (status 1, saying where the other one runs) when another
# ./run.sh holds the lock, or when something already answers at URL (a system started from another folder).
instance_claim() {
  local dir="$1" url="$2" address host port
  exec 9>>"$dir/run.lock"
  if ! flock -n 9; then
    echo "Dealership already runs from $(pwd): $(cat "$dir/run.info" 2>/dev/null || echo 'another ./run.sh is starting it')." >&2
    echo "Open that one, or stop it (Ctrl-C in its terminal) before starting another." >&2
    return 1
  fi
  address=${url#*://}; address=${address%%/*}; host=${address%:*}; port=${address##*:}
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "Something already listens on $host:$port, where this system would serve $url (Dealership from another folder?)." >&2
    echo "Stop it, or choose another address: DEALERSHIP_URL=http://127.0.0.1:5081 ./run.sh" >&2
    return 1
  fi
  echo "pid $$, serving $url since $(date -Is)" > "$dir/run.info"
}

# instance_release DIR: forgets where this instance ran (the lock goes with the processes holding it).
instance_release() {
  rm -f "$1/run.info"
}
