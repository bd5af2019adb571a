# Sourced by the HTTP benchmarks, with $root set: sets MYRIAD_BIN to the Release
# `myriad` built into build-bench, unless MYRIAD_BIN already names a binary.
if [[ -z "${MYRIAD_BIN:-}" ]]; then
  cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DMYRIAD_BUILD_TESTS=OFF >/dev/null
  cmake --build "$root/build-bench" --target myriad >/dev/null
  MYRIAD_BIN="$root/build-bench/src/cli/myriad"
fi
