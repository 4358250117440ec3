#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds the app as the static files it ships as (dist/), and serves
# them on http://127.0.0.1:${PORT:-8080}/ exactly as any static host would. Ctrl-C stops it.
# For development with rebuild-on-save, use `trunk serve --offline` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
scripts/setup.sh
scripts/build-web.sh
port="${PORT:-8080}"
echo
echo "NCMS policy simulator: http://127.0.0.1:$port/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
