#!/usr/bin/env bash
# `npm test`: the whole suite in three stages, each printing how long it took, stopping at the first that fails.
set -euo pipefail
timed() {
  local name=$1 started=$SECONDS
  shift
  printf '\n==> %s\n' "$name"
  "$@"
  printf '<== %s: %ss\n' "$name" "$((SECONDS - started))"
}
timed "unit and API tests on SQLite and PostgreSQL" npx vitest run
timed "web app unit tests" npm run test:web
timed "browser journeys" npm run test:e2e
