#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds the app as the static files it ships as (dist/), and serves
# them on http://127.0.0.1:${PORT:-8080}/ as a production host should (scripts/serve.mjs:
# precompressed brotli/gzip, application/wasm, immutable caching of hashed files). Ctrl-C stops it.
# Development: leave `node scripts/serve.mjs` running and run scripts/build-web.sh again after a
# change (dist/ is replaced whole; reload the page: the service worker takes the new build), e.g.
# on every save: `while inotifywait -qre close_write src www; do scripts/build-web.sh; done`
# (Debian's inotify-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
scripts/setup.sh
scripts/build-web.sh
echo
exec node scripts/serve.mjs dist
