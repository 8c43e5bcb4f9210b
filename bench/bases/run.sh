#!/usr/bin/env bash
# Bases benchmark: `nastavnik import` (dry run, commit, re-import) and `nastavnik export`
# on 100,000 rows, on SQLite and PostgreSQL, and in the same run openpyxl reading and
# writing the same files. One command, from anywhere:
#
#   ./bench/bases/run.sh [--runs N] [--skip-build] [--backends sqlite,postgres] [--rows N]
#
# Sets up bench/out/venv-bases with the pinned openpyxl, generates the files once a day
# (gen.py: birth dates are counted back from today), builds the release binary and writes
# bench/out/bases/results.md. PostgreSQL: a server at 127.0.0.1:5432 with trust auth for
# `postgres` (scripts/ensure-postgres.sh starts one); the database `nastavnik_bench` is
# dropped and created by every run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
VENV=bench/out/venv-bases
REQ=bench/bases/requirements.txt
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
STAMP="$VENV/.requirements.sha256"
WANT=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
    echo "$WANT" > "$STAMP"
fi
exec "$VENV/bin/python" bench/bases/run.py "$@"
