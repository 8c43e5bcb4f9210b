#!/usr/bin/env bash
# Make sure a headless-capable Chromium and the matching ChromeDriver are
# installed, for the browser test (enabled by NASTAVNIK_BROWSER_TESTS=1; the
# test starts /usr/bin/chromedriver itself).
#
# Idempotent: if both binaries already exist nothing is installed.
# Needs root (or sudo) only when something has to be installed via apt.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

# shellcheck source=scripts/as-root.sh
. "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    echo "ensure-browser: chromium and chromedriver already installed"
else
    echo "ensure-browser: installing chromium and chromium-driver via apt ..."
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends chromium chromium-driver
fi

# Fail loudly if the packages did not provide the expected paths.
for bin in "$CHROMIUM" "$CHROMEDRIVER"; do
    if [ ! -x "$bin" ]; then
        echo "ensure-browser: $bin is still missing after installation" >&2
        exit 1
    fi
done

echo "ensure-browser: $("$CHROMIUM" --version 2>/dev/null || echo 'chromium (version unknown)')"
echo "ensure-browser: $("$CHROMEDRIVER" --version 2>/dev/null || echo 'chromedriver (version unknown)')"
