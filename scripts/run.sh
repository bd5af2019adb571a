#!/usr/bin/env bash
# The first command: installs what is missing, builds, and runs Myriad's main
# job. Until the HTTP server lands that is `myriad budget`: the address space
# this machine gives, and how many indexes of each size can be open at once.
# Arguments are passed to `myriad` (default: budget).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DCMAKE_BUILD_TYPE=Release -DMYRIAD_BUILD_TESTS=OFF \
  -DMYRIAD_BUILD_BENCH=OFF >/dev/null
exec build/src/cli/myriad "${@:-budget}"
