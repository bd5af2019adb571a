#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan, fuzz/) and runs each for a
# bounded time from its committed seeds (fuzz/corpus/<target>), growing a copy
# of the corpus in a temporary folder so the repository is never written to.
# A crash, a sanitizer report or a broken property stops with the input saved
# in the temporary folder, whose path is printed.
#   scripts/fuzz.sh [seconds per target, default 60] [target...]
# CI runs it with 15 seconds per target; run it longer by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(filter_fuzz payload_fuzz query_fuzz token_fuzz)

CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DMYRIAD_SANITIZE=address -DMYRIAD_BUILD_FUZZ=ON \
  -DMYRIAD_BUILD_TESTS=OFF -DMYRIAD_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
cmake --build build-fuzz --target "${targets[@]}"

work=$(mktemp -d /tmp/myriad-fuzz-XXXXXX)
for target in "${targets[@]}"; do
  name=${target%_fuzz}
  mkdir -p "$work/$name"
  cp fuzz/corpus/"$name"/* "$work/$name"/
  echo "== $target: ${seconds}s from $(ls fuzz/corpus/"$name" | wc -l) seeds ($work/$name)"
  (cd "$work" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$OLDPWD/build-fuzz/fuzz/$target" -max_total_time="$seconds" -max_len=4096 \
    -print_final_stats=1 "$work/$name" 2>&1 | grep -E '^(stat::number_of_executed_units|stat::new_units_added|==|SUMMARY|INFO: a crash)|ERROR' || true)
  # libFuzzer leaves crash-*/leak-*/timeout-* files in its working directory.
  if compgen -G "$work/crash-*" >/dev/null || compgen -G "$work/leak-*" >/dev/null ||
     compgen -G "$work/timeout-*" >/dev/null; then
    echo "fuzz: $target failed; the input is in $work" >&2
    exit 1
  fi
done
rm -rf "$work"
