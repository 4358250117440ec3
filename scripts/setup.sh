#!/usr/bin/env bash
# Installs everything the project needs that a fresh machine lacks, and nothing it already has.
# Idempotent: each step checks first. See ../shared/TOOLCHAIN.md for why each version is pinned.
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep these equal to the pins in Cargo.toml and Trunk.toml.
WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14

say() { printf '\n== setup: %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 min; --locked fails, see TOOLCHAIN.md)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 7 min; 0.22 needs a newer rustc)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --no-default-features --force
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
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# npm: binaryen (wasm-opt 132; Debian's is too old) and playwright-core (drives Debian chromium).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "ready"
