#!/usr/bin/env bash
# Builds the JS API (the engine's `simulate` and `validate` for Node) into target/js-api/.
# Debug build: the Node test wants it quickly, not small. See src/js_api.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --quiet --lib --target wasm32-unknown-unknown --features js-api
wasm-bindgen --target nodejs --out-dir target/js-api target/wasm32-unknown-unknown/debug/ncms_sim.wasm
