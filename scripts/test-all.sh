#!/usr/bin/env bash
# Everything CI checks, in order: the data files of data/manifest.json, lint, typecheck, jest, production
# build, Playwright journeys against the built app in Debian's Chromium. Ends with one line:
# N passed, N failed, N skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3100}"
export E2E_BASE_URL="http://127.0.0.1:${PORT}"
OUT=.ci-out
rm -rf "$OUT" && mkdir -p "$OUT"

step() { printf '\n== %s ==\n' "$*"; }

if ! [ -x /usr/bin/chromium ]; then
  step "installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi
if ! [ -d node_modules ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "data files (npm run data)"
npm run --silent data || { echo "The data files above are missing, so the suite stops here (see README: Data files)."; exit 1; }
step lint
npx eslint .
step typecheck
npx tsc --noEmit
step jest
npx jest --ci --json --outputFile="$OUT/jest.json" || jest_failed=1
step build
npx next build
step "start the built app on $E2E_BASE_URL"
NODE_ENV=production setsid node_modules/.bin/tsx scripts/serve.ts -H 127.0.0.1 -p "$PORT" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill -TERM -- "-$SERVER_PID" 2>/dev/null || true' EXIT
up() { node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$E2E_BASE_URL/"; }
for _ in $(seq 1 60); do up && break; sleep 0.5; done
up || { cat "$OUT/server.log"; exit 1; }
step "playwright journeys"
PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e.json" npx playwright test --reporter=list,json || e2e_failed=1
kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
trap - EXIT

node scripts/summarize-tests.mjs "$OUT/jest.json" "$OUT/e2e.json"
[ -z "${jest_failed:-}" ] && [ -z "${e2e_failed:-}" ]
