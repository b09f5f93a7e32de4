#!/usr/bin/env bash
# Lints openapi/open311.yaml with Spectral and the OWASP API Security ruleset (npm packages, pinned).
# Installs them into .tools/spectral (git-ignored) on first use; part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools/spectral
if [ ! -x "$TOOLS/node_modules/.bin/spectral" ]; then
  command -v npm >/dev/null || { echo "lint-openapi.sh: npm is needed (Node.js); on Debian: apt-get install -y npm" >&2; exit 1; }
  echo "Installing Spectral into $TOOLS ..."
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$TOOLS" \
    @stoplight/spectral-cli@6.16.3 @stoplight/spectral-owasp-ruleset@2.0.1 >/dev/null
fi
NODE_PATH="$PWD/$TOOLS/node_modules" "$TOOLS/node_modules/.bin/spectral" lint openapi/open311.yaml \
  --ruleset openapi/.spectral.yaml --fail-severity=error
