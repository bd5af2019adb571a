#!/usr/bin/env bash
# The second command: installs what is missing, builds, runs every test. Ends
# with the summary of node's test runner.
#   1. clang-format check of every source file
#   2. ASan+UBSan build (g++, warnings as errors, benchmarks included), every test
#   3. ThreadSanitizer build (clang++, also -Wthread-safety) of the concurrency
#      tests, which run, and of the scheduler, http, cli and tokenizer objects
#   4. a plain build of the tests sanitizers skip (address-space limits)
#   5. libFuzzer targets of the parsers (filter, payloads, query, tenant tokens), 15 s each
#   6. end to end: the real npm `meilisearch` client against the ASan+UBSan
#      server on loopback, under node's test runner (so the server's own memory
#      errors and leaks fail the run too)
# Two builds, not three, to stay well under 30 minutes on 2 cores; `scripts/run.sh`
# builds the Release binary users run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.h' 'src/*.cc' 'bench/*.h' 'bench/*.cc' 'fuzz/*.cc')
clang-format --dry-run -Werror "${sources[@]}"

echo "== ASan+UBSan build and tests"
# -O1 -g1: sanitizer builds are for finding bugs; they compile much faster so.
scripts/build.sh build-asan -DMYRIAD_SANITIZE=address \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure

echo "== ThreadSanitizer build (clang, -Wthread-safety) and concurrency tests"
# The test binary that holds the concurrency tests (named *Concurrency*) and the
# libraries it uses, where the lock-heavy code is.
CXX=clang++ cmake -S . -B build-tsan -G Ninja -DMYRIAD_SANITIZE=thread -DMYRIAD_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
cmake --build build-tsan --target index_mapper_test
# The objects of the other modules that hold locks (scheduler, http, cli, auth,
# the tokenizer's pool), compiled alone: -Wthread-safety checks them without
# building every library below.
mapfile -t objects < <(ninja -C build-tsan -t targets all |
  grep -E '^src/(scheduler|http|cli|auth|engine/text)/CMakeFiles/myriad(_scheduler|_http|_auth|_text)?\.dir/[^:]*\.o:' |
  cut -d: -f1)
ninja -C build-tsan "${objects[@]}"
# TSan needs the classic address layout: setarch -R turns off ASLR for the run.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  setarch -R ctest --test-dir build-tsan -R Concurrency --output-on-failure

echo "== address-space limit tests (no sanitizer: they reserve terabytes of shadow memory)"
# The tests the sanitizer builds skip: RLIMIT_AS and ulimit -v, in a plain build.
scripts/build.sh build-plain -DMYRIAD_BUILD_BENCH=OFF --target index_mapper_test vas_test
ctest --test-dir build-plain -R Rlimit --output-on-failure

echo "== fuzzing the parsers (libFuzzer, 15 s per target; scripts/fuzz.sh runs longer by hand)"
scripts/fuzz.sh 15

echo "== end-to-end tests (npm meilisearch client, node --test)"
cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
ASAN_OPTIONS=detect_leaks=1 MYRIAD_BIN="$PWD/../../build-asan/src/cli/myriad" node --test
