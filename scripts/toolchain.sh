# Sourced by the quick-start scripts: puts the pinned Node and pnpm on PATH.
# The machine's own are used when they match; otherwise both come from the npm registry
# into .toolchain/ (git-ignored), because corepack's signature check fails on these machines.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MAJOR=24
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$ROOT/package.json")"
TOOLCHAIN="$ROOT/.toolchain"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" != "$NODE_MAJOR" ]; then
  if [ "$(node_major "$TOOLCHAIN/node_modules/node/bin/node")" != "$NODE_MAJOR" ]; then
    echo "toolchain: installing Node $NODE_MAJOR into .toolchain/" >&2
    npm install --prefix "$TOOLCHAIN" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >&2
  fi
  export PATH="$TOOLCHAIN/node_modules/node/bin:$PATH"
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  if [ "$("$TOOLCHAIN/pnpm/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    echo "toolchain: installing pnpm $PNPM_VERSION into .toolchain/" >&2
    npm install --prefix "$TOOLCHAIN/pnpm" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$TOOLCHAIN/pnpm/node_modules/.bin:$PATH"
fi

cd "$ROOT"
pnpm install --frozen-lockfile --prefer-offline >&2
