#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs every check and test of the project:
# format, lints (native and wasm32), the engine's Rust tests, the JS API from Node, and the
# browser end-to-end tests against the release build. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never

scripts/setup.sh

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
step() { printf '\n== test: %s\n' "$*"; }

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
