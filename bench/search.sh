#!/usr/bin/env bash
# Search, end to end, against SQLite FTS5 and Xapian in the same run
# (bench/search_bench.py says what is measured and how): indexing over HTTP in
# three payload shapes (8 NDJSON payloads of 8,000 documents, 64 of 1,000, one of
# the whole corpus), each into a fresh server, with its peak RSS; then 600 top-20
# queries drawn from the corpus with a seed, in 12 classes, after a warm-up pass.
# Prints the machine, the corpus, the figures, the ratios and a README table.
# About 2-3 minutes on 2 cores with the binary built. Run by hand, never by CI.
# Usage: bench/search.sh [--seed N] [--queries N] [--sizes 8000,1000,all]
# Builds in Release into build-bench, as ingest.sh does; MYRIAD_BIN=path/to/myriad
# uses that binary instead (MYRIAD_COMMIT=sha names its commit in the report).
# Needs Debian's python3 with python3-xapian (scripts/install-deps.sh); PYTHON
# overrides the interpreter.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -n "${MYRIAD_BIN:-}" ]]; then
  commit="${MYRIAD_COMMIT:-?}"
else
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
fi
source "$root/bench/release_bin.sh"
corpus="$root/../shared/datasets/debian-packages.ndjson.zst"
tmp=$(mktemp -d /tmp/myriad-search-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
zstd -qdc "$corpus" >"$tmp/corpus.ndjson"
"${PYTHON:-/usr/bin/python3}" "$root/bench/search_bench.py" --bin "$MYRIAD_BIN" \
  --corpus "$tmp/corpus.ndjson" --workdir "$tmp" --corpus-name "$(basename "$corpus")" \
  --commit "$commit" "$@"
