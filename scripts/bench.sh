#!/usr/bin/env bash
# Benchmarks: the engine (criterion, native) and, with UI=1, the browser runs: the latency of
# edits (benches/ui-latency.mjs) and the load on a slow line (benches/load.mjs, Fast 3G).
# Prints medians; compare ratios within one run, absolute times are noisy on shared machines.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3 "$@" 2>&1 | grep -E "^[a-z].*|time:" 
if [ "${UI:-}" = 1 ] && [ -f benches/ui-latency.mjs ]; then
  scripts/build-web.sh
  node benches/ui-latency.mjs
  node benches/load.mjs
fi
