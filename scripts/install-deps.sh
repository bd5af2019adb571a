#!/usr/bin/env bash
# Installs the Debian 12 packages Myriad needs to build, test and benchmark,
# only those missing; runs `apt-get update` once, and only when something is.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format
  # DESIGN.md's dependency table
  liblmdb-dev lmdb-utils libroaring-dev libsimdjson-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libicu-dev libcli11-dev libspdlog-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # dumps and snapshots: tar.gz archives
  libarchive-dev
  # datasets and benchmark baselines
  zstd sqlite3 libsqlite3-dev bc python3-xapian
  # the concurrency and address-space load tests
  python3
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# The end-to-end tests need node >= 20 (the npm meilisearch client's floor);
# Debian 12's own nodejs is 18, so an existing newer node is kept as it is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
