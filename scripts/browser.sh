#!/usr/bin/env bash
# Installs Debian's Chromium and its ChromeDriver for the web client's browser tests, the way pg.sh installs
# PostGIS: from Debian packages, once. Prints nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
packages="chromium chromium-driver"
if [ "$(id -u)" = 0 ]; then
  echo "browser.sh: installing ${packages} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq ${packages} >/dev/null
else
  echo "browser.sh: Chromium is not installed. Run once: sudo apt-get install -y ${packages}" >&2
  exit 1
fi
