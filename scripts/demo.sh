#!/usr/bin/env bash
# Set up, then run the main job on the bundled sample reports: events table + out/events.{csv,geojson,parquet}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/frontlines run --out out "$@"
