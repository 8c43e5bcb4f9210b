#!/usr/bin/env bash
# Documents benchmark: `nastavnik document render` on the issue's sizes (pairs order with
# 1,000 pairs as DOCX and PDF, 1,000 certificates, the base of mentors with 100,000 rows)
# and, in the same run, openpyxl writing the same base. One command, from anywhere:
#
#   ./bench/documents/run.sh [--runs N] [--skip-build]
#
# Sets up bench/out/venv-documents with the pinned openpyxl, generates the data once
# (gen.py), builds the release binary and writes bench/out/documents/results.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
VENV=bench/out/venv-documents
REQ=bench/documents/requirements.txt
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
STAMP="$VENV/.requirements.sha256"
WANT=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
    echo "$WANT" > "$STAMP"
fi
exec "$VENV/bin/python" bench/documents/run.py "$@"
