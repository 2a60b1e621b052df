#!/usr/bin/env bash
# Build the shipped typing model (frontlines/models/typing) the way a user builds their own:
# `frontlines train` on labelled files. The texts stay outside the repository; only the fitted
# weights are committed. Sources: typing-wild.jsonl (real sentences from public news pages, with
# their URLs) and case2021-typing.jsonl (CASE 2021 shared task 2), both in ../shared/gold/dev, and
# training/typing-written.jsonl (sentences the project wrote, one set per sub-type and per kind of
# non-event; see training/README.md). Never ACLED data: acled-kenya.jsonl is a check only.
set -euo pipefail
cd "$(dirname "$0")/.."
GOLD="${GOLD:-../shared/gold/dev}"
.venv/bin/frontlines --model none train "$GOLD/typing-wild.jsonl" "$GOLD/case2021-typing.jsonl" \
    training/typing-written.jsonl --out frontlines/models/typing "$@"
