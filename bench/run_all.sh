#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them all, one after the other (they
# share a 2-core machine with nothing else of ours), saving the output to $1.
# Usage: bench/run_all.sh [output file, default bench/results.txt]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/results.txt}"
build="$root/build-bench"
benches=(bench_budget bench_hit bench_miss bench_growth bench_churn bench_ingest_growth)

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMYRIAD_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target "${benches[@]}"

{
  echo "# myriad benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  for b in "${benches[@]}"; do
    start=$(date +%s)
    "$build/bench/$b" || echo "($b FAILED with status $?)"
    echo "($b took $(($(date +%s) - start)) s)"
    echo
  done
} 2>&1 | tee "$out"
