#!/usr/bin/env bash
# Install the system programs docgen needs when they are missing.
#
#   scripts/system-packages.sh [--optional] graphviz|elixir|chromium|git ...
#
# Uses apt-get (as root, or through passwordless sudo) on Debian/Ubuntu and Homebrew
# on macOS. Without --optional a program that cannot be installed stops with a
# message that says how to install it; with --optional it only warns (the tests that
# need it are then skipped, each with the reason).
set -euo pipefail

optional=0
if [[ "${1:-}" == "--optional" ]]; then optional=1; shift; fi

command_for() {
  case "$1" in
    graphviz) echo dot ;;
    elixir) echo elixir ;;
    chromium) echo chromium ;;
    git) echo git ;;
    *) echo "unknown package $1" >&2; exit 2 ;;
  esac
}

have() {
  case "$1" in
    chromium) command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
                || [[ -x "/Applications/Chromium.app/Contents/MacOS/Chromium" ]] ;;
    *) command -v "$(command_for "$1")" >/dev/null 2>&1 ;;
  esac
}

missing=()
for pkg in "$@"; do
  command_for "$pkg" >/dev/null
  have "$pkg" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

how="Debian/Ubuntu: sudo apt-get install ${missing[*]}; macOS: brew install ${missing[*]/chromium/--cask chromium}"
fail() {
  if [[ $optional -eq 1 ]]; then
    echo "warning: could not install ${missing[*]} ($1). Tests that need them will be skipped." >&2
    echo "         Install them yourself — $how" >&2
    exit 0
  fi
  echo "error: ${missing[*]} missing and not installable here ($1)." >&2
  echo "       Install them yourself — $how" >&2
  exit 1
}

echo "Installing system packages: ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n)
  else fail "apt-get needs root or passwordless sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || fail "apt-get update failed"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install failed"
elif command -v brew >/dev/null 2>&1; then
  for pkg in "${missing[@]}"; do
    if [[ $pkg == chromium ]]; then brew install --cask chromium || fail "brew failed"
    else brew install "$pkg" || fail "brew failed"; fi
  done
else
  fail "neither apt-get nor brew is available"
fi

for pkg in "${missing[@]}"; do
  have "$pkg" || fail "$pkg still not found after installing"
done
