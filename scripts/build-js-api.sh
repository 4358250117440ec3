#!/usr/bin/env bash
# Builds the JS API (the engine's `simulate`, `validate`, `template` and `calibrate`, .xlsx reading
# included) for Node into target/js-api/, with the tools module's `compute` profile (fast code, a
# panic aborts), so that the Node test runs what a page's worker would. See src/js_api.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo build --quiet --lib --target wasm32-unknown-unknown --features js-api,xlsx --profile compute
wasm-bindgen --target nodejs --out-dir target/js-api target/wasm32-unknown-unknown/compute/ncms_sim.wasm
