#!/usr/bin/env bash
# Regenerates the golden reports in tests/golden/ from the scenarios in scenarios/.
# Review the diff (git diff tests/golden) before committing: it is the change in every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GOLDEN=1 cargo test --quiet --test golden
git status --short tests/golden
