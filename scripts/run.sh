#!/usr/bin/env bash
# The first command: installs what is missing, builds, and starts the server on
# its defaults (data in ./data.ms, http://localhost:7700). Arguments are passed
# to `myriad` (`scripts/run.sh --help` lists every flag; `scripts/run.sh budget`
# prints the address-space budget instead).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DCMAKE_BUILD_TYPE=Release -DMYRIAD_BUILD_TESTS=OFF \
  -DMYRIAD_BUILD_BENCH=OFF >/dev/null
exec build/src/cli/myriad "$@"
