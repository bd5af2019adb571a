#!/usr/bin/env bash
# Configures and builds one flavour of Myriad.
# Usage: scripts/build.sh BUILD_DIR [extra cmake arguments...] [--target T...]
# (everything after --target names what to build; all by default)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
shift
args=()
targets=()
while (($#)); do
  if [[ $1 == --target ]]; then
    shift
    targets=("$@")
    break
  fi
  args+=("$1")
  shift
done
cmake -S . -B "$dir" -G Ninja "${args[@]}" >/dev/null
if ((${#targets[@]})); then
  cmake --build "$dir" --target "${targets[@]}"
else
  cmake --build "$dir"
fi
