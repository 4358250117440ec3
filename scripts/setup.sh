#!/usr/bin/env bash
# Installs everything the project needs that a fresh machine lacks, and nothing it already has.
# Idempotent: each step checks first. See ../shared/TOOLCHAIN.md for why each version is pinned.
# Cargo's tools go to the CARGO_HOME it runs with ($HOME/.cargo by default), and are found there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep this equal to the pin of the wasm-bindgen crate in Cargo.toml and to tools/wasm-bindgen.
WASM_BINDGEN_VERSION=0.2.130

say() { printf '\n== setup: %s\n' "$*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The tools that take time to fetch or build go in parallel: cargo compiles wasm-bindgen while
# apt and npm download.
pids=()

# wasm-bindgen from tools/wasm-bindgen/: the wasm-bindgen-cli crate's command line over its
# library, with a committed Cargo.lock (--locked: the same dependencies on every machine) and
# without the test runner's HTTP and TLS crates (about 100 s of CPU instead of 250).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen $WASM_BINDGEN_VERSION (tools/wasm-bindgen, about 1 min)"
  cargo install --quiet --locked --path tools/wasm-bindgen --force &
  pids+=($!)
fi

# Debian packages: the browser for the end-to-end tests, a CJK font so that Chinese renders in
# headless screenshots and PDFs instead of boxes, and poppler's PDF tools.
apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_missing+=(fonts-noto-cjk)
# pdftotext and pdfinfo: the browser tests read the printed report's pages and text.
command -v pdftotext >/dev/null || apt_missing+=(poppler-utils)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  (
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  ) &
  pids+=($!)
fi

# npm: binaryen (wasm-opt 132; Debian's is too old), playwright-core (drives Debian chromium) and
# @gfx/zopfli (the .gz files of dist/).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@gfx/zopfli ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error &
  pids+=($!)
fi

status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ "$status" = 0 ] || { echo "setup: an install failed (above)" >&2; exit 1; }
say "ready"
