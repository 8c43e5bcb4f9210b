#!/usr/bin/env bash
# The test command of Nastavnik: lint, prepare PostgreSQL and Chromium, run
# every test of the workspace.
#
#   ./scripts/test.sh [extra args for cargo nextest run / cargo test]
#
# Steps:
#   1. cargo fmt --all --check                                  (skip: SKIP_LINT=1)
#   2. cargo clippy --workspace --all-targets -- -D warnings    (skip: SKIP_LINT=1)
#   3. scripts/ensure-postgres.sh - PostgreSQL on 127.0.0.1:5432, database `test`
#      (skipped when NASTAVNIK_TEST_DATABASE_URL points somewhere else)
#   4. scripts/ensure-browser.sh  - /usr/bin/chromium + /usr/bin/chromedriver
#      (skipped when NASTAVNIK_BROWSER_TESTS=0)
#   5. scripts/ensure-doc-tools.sh - LibreOffice and pdftotext, which open and read back
#      the generated DOCX, XLSX and PDF documents
#   6. scripts/ensure-python.sh  - Python 3 with numpy >= 2 in target/py-venv, for the
#      matching tests that run the benchmark's gen.py and check.py
#   7. cargo nextest run --workspace --no-fail-fast (or cargo test --workspace)
#      with NASTAVNIK_TEST_DATABASE_URL and NASTAVNIK_BROWSER_TESTS=1 set, so
#      the storage tests run on SQLite *and* PostgreSQL and the browser test runs.
#
# Safe to run repeatedly; the first run on a fresh Debian 12 machine installs
# PostgreSQL and Chromium via apt (needs root or sudo).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

START=$(date +%s)
report_time() {
    local rc=$? elapsed=$(($(date +%s) - START))
    if [ "$rc" -eq 0 ]; then
        printf '\ntest.sh: PASSED in %dm%02ds\n' $((elapsed / 60)) $((elapsed % 60))
    else
        printf '\ntest.sh: FAILED (exit %d) after %dm%02ds\n' "$rc" $((elapsed / 60)) $((elapsed % 60)) >&2
    fi
}
trap report_time EXIT

step() { printf '\n==> %s\n' "$*"; }

DEFAULT_DB_URL=postgres://postgres@127.0.0.1:5432/test
export NASTAVNIK_TEST_DATABASE_URL=${NASTAVNIK_TEST_DATABASE_URL:-$DEFAULT_DB_URL}
export NASTAVNIK_BROWSER_TESTS=${NASTAVNIK_BROWSER_TESTS:-1}

# rustfmt/clippy are rustup components that a minimal toolchain may lack.
ensure_component() {
    local subcommand=$1 component=$2
    if ! cargo "$subcommand" --version >/dev/null 2>&1; then
        command -v rustup >/dev/null 2>&1 \
            || { echo "test.sh: cargo $subcommand missing and rustup not available" >&2; exit 1; }
        step "rustup component add $component"
        rustup component add "$component"
    fi
}

if [ "${SKIP_LINT:-0}" = "1" ]; then
    step "SKIP_LINT=1: skipping cargo fmt and cargo clippy"
else
    ensure_component fmt rustfmt
    ensure_component clippy clippy
    step "cargo fmt --all --check"
    cargo fmt --all --check
    step "cargo clippy --workspace --all-targets -- -D warnings"
    cargo clippy --workspace --all-targets -- -D warnings
fi

if [ "$NASTAVNIK_TEST_DATABASE_URL" = "$DEFAULT_DB_URL" ]; then
    step "scripts/ensure-postgres.sh"
    "$ROOT/scripts/ensure-postgres.sh"
else
    step "using NASTAVNIK_TEST_DATABASE_URL from the environment (not touching local PostgreSQL)"
fi

if [ "$NASTAVNIK_BROWSER_TESTS" = "1" ]; then
    step "scripts/ensure-browser.sh"
    "$ROOT/scripts/ensure-browser.sh"
else
    step "NASTAVNIK_BROWSER_TESTS=$NASTAVNIK_BROWSER_TESTS: browser test disabled"
fi

step "scripts/ensure-doc-tools.sh"
"$ROOT/scripts/ensure-doc-tools.sh"

step "scripts/ensure-python.sh"
NASTAVNIK_PYTHON=$("$ROOT/scripts/ensure-python.sh")
export NASTAVNIK_PYTHON

# Do not print the URL verbatim in case it carries a password.
echo
echo "NASTAVNIK_TEST_DATABASE_URL=$(printf '%s' "$NASTAVNIK_TEST_DATABASE_URL" | sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#')"
echo "NASTAVNIK_BROWSER_TESTS=$NASTAVNIK_BROWSER_TESTS"

if cargo nextest --version >/dev/null 2>&1; then
    step "cargo nextest run --workspace --no-fail-fast $*"
    cargo nextest run --workspace --no-fail-fast "$@"
else
    step "cargo-nextest not installed; cargo test --workspace --no-fail-fast $*"
    cargo test --workspace --no-fail-fast "$@"
fi
