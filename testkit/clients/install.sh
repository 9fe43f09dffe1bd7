#!/usr/bin/env bash
# Installs the npm clients the integration tests drive, once; later builds reuse node_modules.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/claude ] || [ ! -x node_modules/.bin/codex ] || [ package.json -nt node_modules/.installed ]; then
  npm install --no-audit --no-fund --no-package-lock --loglevel=error
  # npm 11 skips install scripts; Claude Code's picks its native binary.
  node node_modules/@anthropic-ai/claude-code/install.cjs
  touch node_modules/.installed
fi
node_modules/.bin/claude --version
node_modules/.bin/codex --version
