#!/usr/bin/env bash
# `npm test`: the whole suite — unit, integration on PGlite and on a PostgreSQL server, browser journeys.
# Uses DATABASE_URL when set (a server where it may create and drop databases), else starts a
# throwaway cluster. Installs PostgreSQL and Chromium with apt-get when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
if [ -z "${DATABASE_URL:-}" ]; then
  # shellcheck source=scripts/pg-throwaway.sh
  source scripts/pg-throwaway.sh
fi
npm run --silent build:web > /dev/null
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json --noEmit
npx vitest run "$@"
