#!/usr/bin/env bash
# Set up, start a local PostgreSQL for the store tests, then run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${FRONTLINES_TEST_PG:-}" ]; then
  if FRONTLINES_TEST_PG=$(bash scripts/pg.sh start); then
    export FRONTLINES_TEST_PG
    trap 'bash scripts/pg.sh stop' EXIT
  else
    echo "test.sh: no PostgreSQL server; its tests are skipped (they fail under CI=true)" >&2
  fi
fi
.venv/bin/python -m pytest -q "$@"
