#!/usr/bin/env bash
# Python 3 with numpy >= 2 for the matching tests, which generate their instances with
# the benchmark's own gen.py and validate solutions with its check.py.
# Prints the interpreter to use (a virtualenv under target/, so the system stays as is).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/target/py-venv"
if ! command -v python3 >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq python3 python3-venv python3-pip >&2
fi
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" >&2 || { rm -rf "$VENV"; python3 -m venv --without-pip "$VENV" >&2; }
fi
if ! "$VENV/bin/python" -c 'import numpy, sys; sys.exit(int(numpy.__version__.split(".")[0]) < 2)' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "numpy>=2,<3" >&2
fi
echo "$VENV/bin/python"
