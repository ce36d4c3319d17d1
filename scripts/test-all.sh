#!/usr/bin/env bash
# Every check CI runs, in the order a failure is cheapest to read: build, types, lint, tests.
# `.ci/run` and the README's second command both end here.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
echo "== build and type check" >&2
npx tsc -b
npx tsc -p tsconfig.test.json
echo "== lint" >&2
npx eslint .
npx prettier --check . >/dev/null
echo "== tests" >&2
NODE_OPTIONS=--experimental-vm-modules npx jest --ci
