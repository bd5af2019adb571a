#!/usr/bin/env bash
# The second command: installs what is missing, builds every flavour, runs every
# test. Ends with the summary of node's test runner.
#   1. clang-format check of every source file
#   2. ASan+UBSan build (g++), every test
#   3. ThreadSanitizer build (clang++, also -Wthread-safety), the concurrency tests
#   4. main build (g++, warnings as errors), every test
#   5. end to end: the real npm `meilisearch` client against the main build's
#      server on loopback, under node's test runner
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.h' 'src/*.cc' 'bench/*.h' 'bench/*.cc')
clang-format --dry-run -Werror "${sources[@]}"

echo "== ASan+UBSan build and tests"
scripts/build.sh build-asan -DMYRIAD_SANITIZE=address -DMYRIAD_BUILD_BENCH=OFF
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure

echo "== ThreadSanitizer build (clang, -Wthread-safety) and concurrency tests"
# Every library and the server (so -Wthread-safety sees all the code), and the
# one test binary that holds the concurrency tests (named *Concurrency*).
CXX=clang++ cmake -S . -B build-tsan -G Ninja -DMYRIAD_SANITIZE=thread -DMYRIAD_BUILD_BENCH=OFF \
  >/dev/null
cmake --build build-tsan --target myriad index_mapper_test
# TSan needs the classic address layout: setarch -R turns off ASLR for the run.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  setarch -R ctest --test-dir build-tsan -R Concurrency --output-on-failure

echo "== main build and tests"
scripts/build.sh build
ctest --test-dir build -j"$jobs" --output-on-failure

echo "== end-to-end tests (npm meilisearch client, node --test)"
cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
MYRIAD_BIN="$PWD/../../build/src/cli/myriad" node --test
