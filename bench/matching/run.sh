#!/usr/bin/env bash
# Matching benchmark: `nastavnik match` against what an analyst would otherwise use
# (SciPy, OR-Tools, the PyPI `matching` package). One command, from anywhere:
#
#   ./bench/matching/run.sh [--quick] [--timeout S] [--skip-build] [--peers-only]
#
#   --quick       school and municipality only (a smoke check of a few minutes)
#   --timeout S   per command (default 600 s); a peer that runs out shows '> S'
#
# 1. a virtualenv at bench/out/venv with the pinned packages of requirements.txt
#    (re-installed only when requirements.txt changes);
# 2. everything else is run.py: instances (gen.py, kept between runs), the release
#    build, the tiny suite, nastavnik and the peers under a timeout, check.py on
#    every solution, and the table in bench/out/matching/results.md.
#
# Needs python3 (>= 3.11, with venv), cargo, and PyPI access for the first run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
VENV=bench/out/venv
REQ=bench/matching/requirements.txt

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating $VENV" >&2
    python3 -m venv "$VENV"
fi
STAMP="$VENV/.requirements.sha256"
WANT=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    echo "installing the peers' packages into $VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -r "$REQ"
    echo "$WANT" > "$STAMP"
fi

exec "$VENV/bin/python" bench/matching/run.py "$@"
