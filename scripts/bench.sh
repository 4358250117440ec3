#!/usr/bin/env bash
# Benchmarks: the engine (criterion, native) and, with UI=1, the browser runs: the latency of
# edits (benches/ui-latency.mjs) and the load on a slow line (benches/load.mjs, Fast 3G).
# Prints medians; compare ratios within one run, absolute times are noisy on shared machines.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
out=$(mktemp)
cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3 "$@" 2>&1 | grep -E "^[a-z].*|time:" | tee "$out"
# The JS API's work in wasm (Node), against criterion's native median of the same work.
native_us=$(awk '/^api\//{api=1; next} api && /time:/{v=$4; u=$5; if (u=="ns") v/=1000; if (u=="ms") v*=1000; print v; exit}' "$out")
rm -f "$out"
if [ -n "$native_us" ]; then
  scripts/build-js-api.sh
  NATIVE_US="$native_us" node benches/js-api.mjs
fi
if [ "${UI:-}" = 1 ] && [ -f benches/ui-latency.mjs ]; then
  scripts/build-web.sh
  node benches/ui-latency.mjs
  node benches/load.mjs
fi
