#!/usr/bin/env bash
# A throwaway local PostgreSQL for the tests: `pg.sh start` prints its URL, `pg.sh stop` stops it.
# Installs Debian's server package when it is missing (as root); listens on 127.0.0.1 only.
set -euo pipefail
PORT=${FRONTLINES_PG_PORT:-54329}
DIR=${FRONTLINES_PG_DIR:-/tmp/frontlines-pg-$PORT}
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != 0 ]; then echo "pg.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; fi
  echo "pg.sh: installing PostgreSQL from Debian's packages" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN=$(find_bin)
fi
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); fi   # the server refuses to run as root
case "${1:-start}" in
  start)
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then echo "$URL"; exit 0; fi
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    chmod 700 "$DIR"
    if [ ! -f "$DIR/PG_VERSION" ]; then
      "${AS[@]}" "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
    fi
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null
    echo "$URL" ;;
  stop)
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null 2>&1 || true ;;
  *) echo "usage: pg.sh start|stop" >&2; exit 2 ;;
esac
