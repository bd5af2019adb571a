#!/usr/bin/env bash
# Search, end to end, against SQLite FTS5 in the same run (bench/search_bench.py):
# indexing throughput over HTTP (searchable and filterable attributes set first,
# the corpus posted as 64 NDJSON payloads, first POST to last task succeeded) and
# the server's peak RSS; then the latency of 600 top-20 queries generated with a
# fixed seed (single words, 2-3 words, prefixes, one-typo words, filters), after a
# warm-up pass. FTS5: unicode61, prefix='2 3', bm25, in process (Python sqlite3).
# Prints the machine, the corpus, both figures, the ratios and a README table.
# Usage: bench/search.sh (builds in Release into build-bench, as ingest.sh does;
# MYRIAD_BIN=path/to/myriad uses that binary instead; BATCHES=n, QUERIES=n).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/bench/release_bin.sh"
corpus="$root/../shared/datasets/debian-packages.ndjson.zst"
tmp=$(mktemp -d /tmp/myriad-search-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
zstd -qdc "$corpus" >"$tmp/corpus.ndjson"
python3 "$root/bench/search_bench.py" --bin "$MYRIAD_BIN" --corpus "$tmp/corpus.ndjson" \
  --workdir "$tmp" --corpus-name "$(basename "$corpus")" \
  --commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
