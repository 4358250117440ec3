#!/usr/bin/env bash
# Builds the browser app (release) into dist/, the files to put on any static host:
# 1. cargo builds the app (binary `ncms-web`), its second module (`ncms-web-extras`, loaded after
#    first paint) and the tools module (the library with the JS API
#    and the spreadsheet reader and writer, loaded by the app only when an official works with a
#    template or a workbook: src/bin/web/tools.rs) for wasm32 (the app's two modules in the `web` profile, the tools module in `compute`);
# 2. wasm-bindgen (--target web) and wasm-opt (-Oz for the app's two modules, -O3 for the tools
#    module, built in the `compute` profile) make each of them a wasm and its JS loader in
#    target/web-build/app/ and target/web-build/tools/ (the tools module's wasm-opt runs while
#    cargo builds the app);
# 3. scripts/finish-dist.mjs writes dist/: index.html from www/index.html (inline styles, hashed
#    file names, the loader script, integrity and CSP hashes), www's files, the tools module in
#    dist/tools/, the service worker's precache list and version, x.br and x.gz beside each text
#    and wasm file; it prints every file's size raw, gzip and br.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
for tool in cargo wasm-bindgen wasm-opt node; do
  command -v "$tool" >/dev/null || { echo "build-web: $tool not found (see scripts/setup.sh)" >&2; exit 1; }
done

wasm=target/wasm32-unknown-unknown/web
out=target/web-build
# The features the wasm-opt of each module allows (the rustc target's defaults).
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types)
# WASM_NAMES=1 keeps the functions' names in the app's two modules (wasm-opt -g), for a profile
# that names them (benches/ui-trace.mjs); never for a build that is shipped: it adds about 300 KB.
names=()
[ "${WASM_NAMES:-}" = 1 ] && names=(-g)

# The tools module first, in the `compute` profile (opt-level 3: the worker's answers, protection
# and risk figures run on it; it loads after first paint, so its size never delays the first
# results). After scripts/build-js-api.sh (as in scripts/test.sh) it is built already.
cargo build --quiet --lib --target wasm32-unknown-unknown --features js-api,xlsx --profile compute
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out/tools" target/wasm32-unknown-unknown/compute/ncms_sim.wasm
# The tools module's wasm-opt (for speed) runs while cargo builds the app.
wasm-opt -O3 "${features[@]}" "$out/tools/ncms_sim_bg.wasm" -o "$out/tools/ncms_sim_bg.wasm" &
tools=$!
trap 'kill "$tools" 2>/dev/null || true' EXIT
# The app and its second module (the answers, the new-fund dialog and the printed report, loaded
# after first paint: src/bin/web-extras/), in one cargo run.
cargo build --quiet --target wasm32-unknown-unknown --profile web --bin ncms-web --bin ncms-web-extras
wasm-bindgen --target web --no-typescript --out-dir "$out/app" --out-name ncms-web "$wasm/ncms-web.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$out/extras" "$wasm/ncms-web-extras.wasm"
wasm-opt -Oz "${names[@]}" "${features[@]}" "$out/extras/ncms-web-extras_bg.wasm" -o "$out/extras/ncms-web-extras_bg.wasm" &
extras=$!
wasm-opt -Oz "${names[@]}" "${features[@]}" "$out/app/ncms-web_bg.wasm" -o "$out/app/ncms-web_bg.wasm"
wait "$extras" || { echo "build-web: the second module's wasm-opt failed" >&2; exit 1; }
wait "$tools" || { echo "build-web: the tools module's wasm-opt failed" >&2; exit 1; }
trap - EXIT

node scripts/finish-dist.mjs
