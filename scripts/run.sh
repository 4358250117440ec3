#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds the app as the static files it ships as (dist/), and serves
# them on http://127.0.0.1:${PORT:-8080}/ as a production host should (scripts/serve.mjs:
# precompressed brotli/gzip, application/wasm, immutable caching of hashed files). Ctrl-C stops it.
# For development with rebuild-on-save, use `trunk serve --offline` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
scripts/setup.sh
scripts/build-web.sh
echo
exec node scripts/serve.mjs dist
