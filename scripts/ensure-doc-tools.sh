#!/usr/bin/env bash
# Make sure the tools that check documents are installed: LibreOffice (opens DOCX and
# XLSX and converts them to PDF, as a school's Word or Excel would open them) and
# poppler-utils (pdftotext and pdftoppm read PDFs back).
#
# Idempotent: if soffice and pdftotext exist nothing is installed.
# Needs root (or sudo) only when something has to be installed via apt.
set -euo pipefail

# shellcheck source=scripts/as-root.sh
. "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"

if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
    echo "ensure-doc-tools: LibreOffice and poppler-utils already installed"
else
    echo "ensure-doc-tools: installing LibreOffice (Writer, Calc) and poppler-utils via apt ..."
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends \
        libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2
fi

for bin in soffice pdftotext pdftoppm; do
    command -v "$bin" >/dev/null 2>&1 || { echo "ensure-doc-tools: $bin is still missing" >&2; exit 1; }
done
echo "ensure-doc-tools: $(soffice --version 2>/dev/null | head -1)"
