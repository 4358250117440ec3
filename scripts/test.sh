#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs every check and test of the project:
# format, lints (native and wasm32), the engine's Rust tests, the JS API from Node, and the
# browser end-to-end tests against the release build. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# Each step prints the wall time and the CPU time (user + system, of the commands it ran) of the
# step before; the list of all of them closes the run. CPU seconds compare between runs on a
# shared machine better than wall seconds do.
timings=()
current="" wall0=$SECONDS cpu0=0
lap() {
  [ -n "$current" ] || return 0
  times >"$log/times" # the builtin, in this shell: the CPU time of its children so far
  local cpu
  cpu=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] } printf "%d", s }' "$log/times")
  timings+=("$(printf '%5d s wall %5d s CPU  %s' $((SECONDS - wall0)) $((cpu - cpu0)) "$current")")
  printf '== test: %s: %d s\n' "$current" $((SECONDS - wall0))
  wall0=$SECONDS cpu0=$cpu
}
step() { lap; current=$*; printf '\n== test: %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "format"
cargo fmt --all -- --check

step "clippy (native: engine, CLI, tests, benchmarks)"
cargo clippy --quiet --all-targets -- -D warnings

step "clippy (wasm32: JS API and the Yew app)"
cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins --features js-api,xlsx -- -D warnings

step "Rust tests (unit, doc, validation, model, properties, calibration, golden, CLI)"
cargo test 2>&1 | tee "$log/cargo.txt"

step "JS API from Node"
scripts/build-js-api.sh
node --test tests/js/ 2>&1 | tee "$log/js.txt"

if [ -d tests/e2e ] && ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  step "browser end-to-end tests (release build, headless Chromium)"
  scripts/build-web.sh
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$log/e2e.txt"
fi

lap
printf '\n== test: time by step (this run; compare CPU seconds between runs)\n'
printf '%s\n' "${timings[@]}"
printf '%5d s wall in all\n' "$SECONDS"

# One closing line over every runner above (each already failed the script if anything failed).
passed=$(grep -hoE '^test result: ok\. [0-9]+ passed' "$log/cargo.txt" | awk '{s+=$4} END {print s+0}')
failed=$(grep -hoE '[0-9]+ failed' "$log/cargo.txt" | awk '{s+=$1} END {print s+0}')
for f in "$log"/js.txt "$log"/e2e.txt; do
  [ -f "$f" ] || continue
  passed=$((passed + $(grep -hoE '^# pass [0-9]+' "$f" | awk '{s+=$3} END {print s+0}')))
  failed=$((failed + $(grep -hoE '^# fail [0-9]+' "$f" | awk '{s+=$3} END {print s+0}')))
done
echo
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
