#!/usr/bin/env bash
# Installs Debian's Chromium and its ChromeDriver for the web client's browser tests, the way pg.sh installs
# PostGIS: from Debian packages, once. Prints nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
# shellcheck source=lib/debian-packages.sh
. "$(dirname "$0")/lib/debian-packages.sh"
install_debian_packages browser.sh chromium chromium-driver
