#!/usr/bin/env bash
# Set up, start a local PostgreSQL for the store tests (and install Chromium for the map test), then run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing Debian's chromium for the web map test" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -z "${FRONTLINES_TEST_PG:-}" ]; then
  if FRONTLINES_TEST_PG=$(bash scripts/pg.sh start); then
    export FRONTLINES_TEST_PG
    trap 'bash scripts/pg.sh stop' EXIT
  else
    echo "test.sh: no PostgreSQL server; its tests are skipped (they fail under CI=true)" >&2
  fi
fi
.venv/bin/python -m pytest -q "$@"
