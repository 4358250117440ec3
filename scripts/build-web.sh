#!/usr/bin/env bash
# Builds the browser app (release) into dist/ with trunk, offline, then finishes dist/ with
# scripts/finish-dist.mjs: the sha256 of trunk's inline loader script into the page's
# Content-Security-Policy (so that no inline script runs unless by hash), the service worker's
# precache list and version, and the precompressed variants of each file (x.br, x.gz); it prints
# every file's size raw, gzip and br. Idempotent; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for tool in trunk wasm-bindgen wasm-opt node; do
  command -v "$tool" >/dev/null || { echo "build-web: $tool not found (see scripts/setup.sh)" >&2; exit 1; }
done

# Trunk runs offline (its tools are the ones setup installed); the crates come first, so that a
# fresh machine has them (a no-op once they are cached).
cargo fetch --quiet
trunk build --release --offline --cargo-profile web

# The tools module: the engine's JS API with the spreadsheet reader and writer, loaded by the app
# only when an official works with a template or a workbook (src/bin/web/tools.rs).
cargo build --quiet --lib --target wasm32-unknown-unknown --features js-api,xlsx --profile web
rm -rf dist/tools
wasm-bindgen --target web --no-typescript --out-dir dist/tools \
  target/wasm32-unknown-unknown/web/ncms_sim.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types \
  dist/tools/ncms_sim_bg.wasm -o dist/tools/ncms_sim_bg.wasm

# The app's second module, loaded after first paint: the answers, the new-fund dialog and the
# printed report (src/bin/web-extras/, over src/bin/web/extras/).
cargo build --quiet --bin ncms-web-extras --target wasm32-unknown-unknown --profile web
rm -rf dist/extras
wasm-bindgen --target web --no-typescript --out-dir dist/extras \
  target/wasm32-unknown-unknown/web/ncms-web-extras.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types \
  dist/extras/ncms-web-extras_bg.wasm -o dist/extras/ncms-web-extras_bg.wasm

# Everything that goes into dist/ is there by now: finish-dist hashes, lists and compresses what
# it finds (the tools module too: compressed, and cached by the service worker when first used).
node scripts/finish-dist.mjs
