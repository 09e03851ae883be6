#!/usr/bin/env bash
# Sourced by .ci/run: a throwaway PostgreSQL cluster for the registry tests.
#   accord_pg_start   installs Debian's postgresql if missing, starts a cluster on 127.0.0.1 on a
#                     free port in a temp dir, exports ACCORD_TEST_PG_URL
#   accord_pg_stop    stops it and removes the temp dir (safe to call twice)
# Password auth (not trust) so the tests exercise credentials in the URL as operators use them.

# The newest server install (initdb is in the server package only; the client package has the
# same folder without it).
accord_pg_bin() {
  local initdb
  initdb="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$initdb" ]; then dirname "$initdb"; fi
}

accord_pg_start() {
  if [ -z "$(accord_pg_bin)" ]; then
    echo "PostgreSQL is missing: installing Debian's postgresql package"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  local bin
  bin="$(accord_pg_bin)"
  ACCORD_PG_DIR="$(mktemp -d /tmp/accord-pg.XXXXXX)"
  # initdb refuses to run as root, so the cluster belongs to the postgres user when we are root.
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$ACCORD_PG_DIR"
    as=(runuser -u postgres --)
  fi
  local password port
  password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  printf '%s\n' "$password" >"$ACCORD_PG_DIR/pwfile"
  chmod 600 "$ACCORD_PG_DIR/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$ACCORD_PG_DIR/pwfile"; fi
  "${as[@]}" "$bin/initdb" -D "$ACCORD_PG_DIR/data" -U accord --pwfile="$ACCORD_PG_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$ACCORD_PG_DIR/initdb.log" 2>&1 ||
    { cat "$ACCORD_PG_DIR/initdb.log"; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$ACCORD_PG_DIR/data" -l "$ACCORD_PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$ACCORD_PG_DIR -c max_connections=200" \
    >/dev/null || { cat "$ACCORD_PG_DIR/server.log"; return 1; }
  PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U accord accord
  export ACCORD_TEST_PG_URL="postgres://accord:${password}@127.0.0.1:${port}/accord"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $ACCORD_PG_DIR)"
}

accord_pg_stop() {
  if [ -n "${ACCORD_PG_DIR:-}" ] && [ -d "$ACCORD_PG_DIR/data" ]; then
    local as=()
    if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
    "${as[@]}" "$(accord_pg_bin)/pg_ctl" -D "$ACCORD_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$ACCORD_PG_DIR"
  fi
  ACCORD_PG_DIR=""
}
