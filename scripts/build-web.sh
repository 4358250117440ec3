#!/usr/bin/env bash
# Builds the browser app (release) into dist/ with trunk, offline, then writes the sha256 of the
# inline loader script trunk injects into the page's Content-Security-Policy, so that no inline
# script runs unless by hash. Idempotent; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for tool in trunk wasm-bindgen wasm-opt node; do
  command -v "$tool" >/dev/null || { echo "build-web: $tool not found (see scripts/setup.sh)" >&2; exit 1; }
done

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

node - <<'JS'
const fs = require('fs');
const crypto = require('crypto');
const file = 'dist/index.html';
let html = fs.readFileSync(file, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(m => m[1]);
if (inline.length === 0) { console.error('build-web: no inline script found in dist/index.html'); process.exit(1); }
const hashes = inline.map(s => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const placeholder = "'sha256-TRUNK_LOADER_HASH'";
if (!html.includes(placeholder)) { console.error('build-web: CSP placeholder missing from dist/index.html'); process.exit(1); }
html = html.replace(placeholder, hashes.join(' '));
// A nonce written at build time is the same for every visitor, so it protects nothing: drop it.
html = html.replace(/\snonce="[^"]*"/g, '');
fs.writeFileSync(file, html);
const wasm = fs.readdirSync('dist').filter(f => f.endsWith('.wasm'));
for (const f of wasm) {
  const raw = fs.readFileSync(`dist/${f}`);
  const gz = require('zlib').gzipSync(raw, { level: 9 });
  console.log(`build-web: dist/${f} ${(raw.length / 1024).toFixed(1)} KB raw, ${(gz.length / 1024).toFixed(1)} KB gzip`);
}
console.log(`build-web: CSP allows ${inline.length} inline script(s) by hash: ${hashes.join(' ')}`);
JS
