#!/usr/bin/env bash
# Create .venv when missing and install docgen with its pinned dependencies into it.
# Re-installs only when pyproject.toml or constraints.txt changed since last time.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [[ -z $python ]]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python=$candidate; break
    fi
  done
fi
if [[ -z $python ]]; then
  echo "error: docgen needs Python 3.11 or newer (Debian/Ubuntu: sudo apt-get install python3;" \
       "macOS: brew install python@3.12)." >&2
  exit 1
fi

if [[ ! -x .venv/bin/python ]]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    # Debian/Ubuntu ship venv support separately.
    ver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    if command -v apt-get >/dev/null 2>&1 && { [[ $(id -u) -eq 0 ]] || sudo -n true 2>/dev/null; }; then
      s=(); [[ $(id -u) -eq 0 ]] || s=(sudo -n)
      "${s[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${s[@]}" apt-get install -y -qq "python$ver-venv" >/dev/null
      "$python" -m venv .venv
    else
      echo "error: '$python -m venv' failed; install venv support (sudo apt-get install python$ver-venv)." >&2
      exit 1
    fi
  fi
fi

stamp=.venv/.docgen-installed
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
  echo "$want" > "$stamp"
fi
