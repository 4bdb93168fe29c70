#!/usr/bin/env bash
# `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3 =
# VS Code 1.100.3), from a clean clone, offline but for the npm registry and
# Debian apt.
#   1. installs what is missing: node_modules (npm install), Debian packages
#      (chromium, ripgrep, libkrb5-dev, build tools), code-server into
#      .cache/code-server (reused when present);
#   2. `npm run package` -> aks-guardrails-<version>.vsix (checked by check-vsix.mjs);
#   3. extension-host suite (test/e2e/suite, mocha, vscode API) in code-server's
#      remote extension host, with the extension loaded from the project root
#      (port E2E_PORT_EXT_HOST, default 8124);
#   4. UI smoke test: the .vsix installed into a fresh profile, driven with
#      playwright-core + headless chromium (port E2E_PORT_UI, default 8123).
# Prints "N passed, N failed" (tests of both suites) and exits non-zero with a
# clear message if anything fails or cannot be set up.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
t0=$(date +%s)
step() { echo "== [e2e $(( $(date +%s) - t0 ))s] $*"; }
die() { echo "e2e: ERROR: $*" >&2; echo "0 passed, 1 failed (set-up)"; exit 1; }

command -v node >/dev/null || die "node not found"
command -v npm >/dev/null || die "npm not found"

# 1. What is missing.
if [ ! -x node_modules/.bin/vsce ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/mocha ] || [ ! -d node_modules/vscode-languageclient ]; then
  step "npm install (node_modules incomplete)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund || die "npm ci failed"
  else npm install --no-audit --no-fund || die "npm install failed"; fi
fi
step "code-server (.cache/code-server) and Debian packages"
bash scripts/e2e/install-code-server.sh || die "could not install code-server (see above)"
[ -x /usr/bin/chromium ] || die "chromium is missing (/usr/bin/chromium); apt-get install -y chromium"

# 2. Package.
VERSION="$(node -p "require('./package.json').version")"
VSIX="$ROOT/aks-guardrails-$VERSION.vsix"
step "npm run package -> $(basename "$VSIX")"
rm -f "$VSIX"
npm run --silent package || die "npm run package failed (see above)"
[ -f "$VSIX" ] || die "npm run package did not produce $VSIX"

RES="$(mktemp -d "${TMPDIR:-/tmp}/aksg-e2e-results-XXXXXX")"
trap 'rm -rf "$RES"' EXIT
pass=0; fail=0; failed_suites=()
count() { # count <suite> <result.json> <rc>
  local p f
  if [ -s "$2" ]; then
    p=$(node -p "require('$2').passes" 2>/dev/null || echo 0); f=$(node -p "require('$2').failures" 2>/dev/null || echo 0)
  else p=0; f=1; fi
  if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed/timed out without a failing test
  pass=$((pass + p)); fail=$((fail + f))
  [ "$3" -eq 0 ] || failed_suites+=("$1 (exit $3)")
}

# 3. Extension-host suite: runs the bundle (dist/) when package.json main points there.
step "extension-host suite in code-server (test/e2e/suite)"
rc=0; PORT="${E2E_PORT_EXT_HOST:-8124}" RESULT_FILE="$RES/ext.json" node test/e2e/run-ext-host.mjs || rc=$?
count "extension-host suite" "$RES/ext.json" "$rc"

# 4. UI smoke test on the installed .vsix.
step "UI smoke test on the installed .vsix (screenshots in test/e2e/screenshots/)"
rc=0; PORT="${E2E_PORT_UI:-8123}" RESULT_FILE="$RES/ui.json" node test/e2e/ui-smoke.mjs "$VSIX" || rc=$?
count "UI smoke test" "$RES/ui.json" "$rc"

step "done"
echo "$pass passed, $fail failed"
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "e2e: FAILED: ${failed_suites[*]}" >&2
  exit 1
fi
