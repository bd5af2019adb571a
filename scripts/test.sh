#!/usr/bin/env bash
# The second command: installs what is missing, builds, runs every test. Ends
# with the summary of node's test runner.
#   1. clang-format check of every source file
#   2. ASan+UBSan build (clang), every unit test
#   3. ThreadSanitizer build (clang) of the server and of the concurrency tests:
#      the tests, then the server under a mixed load of reads, writes and index
#      deletions for a bounded time (tests/concurrency/mixed_load.py)
#   4. Release build with g++, as scripts/run.sh builds it for users (benchmarks
#      included): the tests sanitizers skip (RLIMIT_AS), then the server under
#      `prlimit --as` 4 GiB with 2,000 indexes and a growing one
#      (tests/scale/small_address_space.py)
#   5. libFuzzer targets of the parsers (filter, payloads, query, tenant tokens), 15 s each
#   6. end to end: the real npm `meilisearch` client against the ASan+UBSan
#      server on loopback, under node's test runner (so the server's own memory
#      errors and leaks fail the run too)
# Every build has warnings as errors and clang's have -Wthread-safety. The
# sanitizer builds use clang, which compiles this code in about 60% of g++'s
# time; g++ builds what users run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
docs=../shared/datasets/debian-packages-2k.json

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.h' 'src/*.cc' 'bench/*.h' 'bench/*.cc' 'fuzz/*.cc')
clang-format --dry-run -Werror "${sources[@]}"

echo "== ASan+UBSan build (clang) and tests"
# -O1 -g1: sanitizer builds are for finding bugs; they compile much faster so.
# CMAKE_CXX_COMPILER, not CXX: a build directory configured with another
# compiler is then reconfigured rather than kept.
sanitizer_flags=(-DCMAKE_CXX_COMPILER=clang++ -DMYRIAD_BUILD_BENCH=OFF
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1")
scripts/build.sh build-asan "${sanitizer_flags[@]}" -DMYRIAD_SANITIZE=address
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure

echo "== ThreadSanitizer build (clang): concurrency tests, then the server under a mixed load"
scripts/build.sh build-tsan "${sanitizer_flags[@]}" -DMYRIAD_SANITIZE=thread \
  --target index_mapper_test myriad
# TSan needs the classic address layout: setarch -R turns off ASLR for the run.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  setarch -R ctest --test-dir build-tsan -R Concurrency --output-on-failure
# Searches, writes, settings, index creations, deletions and renames, tasks and
# keys at once; fails on a TSan report, a 5xx, a stuck request or task, or an
# unclean stop. The seed is random and printed: rerun a failure with --seed.
tsan_logs=$(mktemp -d /tmp/myriad-tsan-XXXXXX)
python3 tests/concurrency/mixed_load.py --bin build-tsan/src/cli/myriad --docs "$docs" \
  --seconds 30 --max-backlog 100 --tsan-log-dir "$tsan_logs"
rm -rf "$tsan_logs"

echo "== Release build (g++): address-space limits (no sanitizer: they reserve terabytes of shadow memory)"
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release \
  --target myriad benchmarks index_mapper_test vas_test cli_test
ctest --test-dir build-release -R 'Rlimit|UlimitV' --output-on-failure
# The whole server under a 4 GiB RLIMIT_AS: 2,000 indexes written and searched
# while one grows to 100 MiB of data (bench-size runs: README, Limits and guarantees).
python3 tests/scale/small_address_space.py --bin build-release/src/cli/myriad \
  --indexes 2000 --big-mib 100 --seconds 15 --max-seconds 300 --task-seconds 300

echo "== fuzzing the parsers (libFuzzer, 15 s per target; scripts/fuzz.sh runs longer by hand)"
scripts/fuzz.sh 15

echo "== end-to-end tests (npm meilisearch client, node --test)"
cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
ASAN_OPTIONS=detect_leaks=1 MYRIAD_BIN="$PWD/../../build-asan/src/cli/myriad" node --test
