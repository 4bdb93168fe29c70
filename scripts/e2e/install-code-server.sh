#!/usr/bin/env bash
# Offline install of code-server 4.100.3 (= VS Code 1.100.3: server, web
# workbench and a Node extension host) for the end-to-end tests.
# Only the npm registry and Debian apt need to be reachable.
#
# Usage: bash scripts/e2e/install-code-server.sh [PREFIX]
#   PREFIX defaults to <project>/.cache/code-server (ignored by git).
# Reuses an existing install when `PREFIX/bin/code-server --version` reports
# 4.100.3. Exit code != 0 with a message on stderr when something cannot be set up.
#
# Why the workarounds (see ../shared/vscode-e2e/RECIPE.md for the full story):
#  - 4.100.3 is the last code-server whose engines field accepts node 20.
#  - `npm install -g code-server` running its own postinstall fails: the nested
#    `npm install` in lib/vscode inherits npm_config_global/prefix, runs in
#    global mode and dies with TAR_ENTRY_ERROR (coder/code-server #3431, #7462).
#    So: install with --ignore-scripts, then run postinstall.sh by hand in a
#    clean npm environment.
#  - Native modules (kerberos, @vscode/spdlog, node-pty, ...) are built from
#    source by node-gyp because their prebuilt downloads from GitHub fail:
#    needs build-essential, python3, pkg-config and libkrb5-dev.
#  - @vscode/ripgrep downloads rg from GitHub: we seed its download cache with
#    Debian's rg instead.
#  - node-pty's post-install runs `npx node-gyp`; ~/.npmrc may say yes=false,
#    so npm_config_yes=true is set for the postinstall.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PREFIX="${1:-$ROOT/.cache/code-server}"
CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11      # @vscode/ripgrep version pinned in lib/vscode/npm-shrinkwrap.json
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz   # asset its postinstall wants

t0=$(date +%s)
step() { echo "[install-code-server $(( $(date +%s) - t0 ))s] $*"; }
die() { echo "install-code-server: ERROR: $*" >&2; exit 1; }

CS="$PREFIX/bin/code-server"
cs_version() {
  local cfg; cfg="$(mktemp -d)"
  XDG_CONFIG_HOME="$cfg" "$CS" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | tail -1 || true
  rm -rf "$cfg"
}
if [ -x "$CS" ] && cs_version | grep -q "^$CS_VERSION "; then
  step "code-server $CS_VERSION already installed in $PREFIX (reused)"
  exit 0
fi

# 1. Debian packages.
need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v g++ >/dev/null && command -v make >/dev/null || need_apt+=(build-essential)
command -v python3 >/dev/null || need_apt+=(python3)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  command -v apt-get >/dev/null || die "apt-get not found; install ${need_apt[*]} by hand"
  if [ "$(id -u)" != 0 ]; then die "need root to apt-get install ${need_apt[*]} (install them by hand, then rerun)"; fi
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || die "apt-get install ${need_apt[*]} failed"
fi
command -v rg >/dev/null || die "ripgrep (rg) missing after apt"

# 2. Seed @vscode/ripgrep's download cache with Debian's rg: its postinstall
#    looks for $TMPDIR/vscode-ripgrep-cache-<pkgver>/<asset> first and untars it.
TMPD="${TMPDIR:-/tmp}"
RG_CACHE="$TMPD/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE"
if [ ! -s "$RG_CACHE/$RG_ASSET" ]; then
  step "seeding ripgrep cache $RG_CACHE/$RG_ASSET from $(command -v rg)"
  d=$(mktemp -d); cp "$(command -v rg)" "$d/rg"
  tar czf "$RG_CACHE/$RG_ASSET" -C "$d" rg; rm -rf "$d"
fi

# 3a. npm install -g without scripts, into a fresh prefix.
step "npm install -g --ignore-scripts code-server@$CS_VERSION --prefix $PREFIX"
rm -rf "$PREFIX"; mkdir -p "$PREFIX"
npm install -g --ignore-scripts --prefix "$PREFIX" --no-audit --no-fund "code-server@$CS_VERSION" \
  || die "npm install code-server@$CS_VERSION failed (is the npm registry reachable?)"
PKG="$PREFIX/lib/node_modules/code-server"
[ -f "$PKG/postinstall.sh" ] || die "$PKG/postinstall.sh not found"

# 3b. postinstall.sh by hand with a clean npm environment.
step "postinstall.sh (npm install --omit=dev in lib/vscode and lib/vscode/extensions; builds native modules)"
( cd "$PKG"
  for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
  export npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64"
  export npm_config_unsafe_perm=true
  export npm_config_yes=true
  sh ./postinstall.sh ) || { rm -rf "$PREFIX"; die "code-server postinstall failed (see output above)"; }

# 3c. argon2 (password hashing) had its install script skipped in 3a, and
#     code-server require()s it at startup even with --auth none ("Cannot find
#     module .../argon2.node"). Its prebuilt download fails, node-pre-gyp falls
#     back to a source build, which works.
step "npm rebuild argon2"
( cd "$PKG"
  for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
  npm rebuild argon2 ) || { rm -rf "$PREFIX"; die "npm rebuild argon2 failed (code-server cannot start without it)"; }

v="$(cs_version)"
echo "$v" | grep -q "^$CS_VERSION " || die "installed code-server does not report $CS_VERSION (got: '$v')"
step "installed: $v ($(du -sh "$PREFIX" | cut -f1))"
