#!/usr/bin/env bash
# Backups, end to end (bench/backup_bench.py says what is measured and how):
# POST /dumps and POST /snapshots taken live on a running server, with searches
# running back to back and the server's RSS sampled every 10 ms, against
# `tar czf` and `cp -r` of the same data directory (server stopped) in the same
# run. Two scenarios, each in a fresh server: "big" (the whole corpus in one
# index) and "many" (10,000 indexes of 5 documents). Each file is checked (tar
# tzf lists it; a dump's documents add up). Prints the machine, the corpus, the
# figures, the ratios and a README table. About 20 minutes on 2 cores, most of
# it building "many" (one task per index: 10 minutes at 10,000, --indexes N
# draws fewer) and its snapshot; --scenarios big alone takes about a minute.
# The data directories (about 3 GB at 10,000 indexes, twice that with the cp -r
# copy) go in a temporary directory, removed at the end. Run by hand, never by CI.
# Usage: bench/backup.sh [--seed N] [--scenarios big,many] [--indexes N] [--docs N]
# Builds in Release into build-bench, as search.sh does; MYRIAD_BIN=path/to/myriad
# uses that binary instead (MYRIAD_COMMIT=sha names its commit in the report).
# PYTHON overrides the interpreter (standard library only).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -n "${MYRIAD_BIN:-}" ]]; then
  commit="${MYRIAD_COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')}"
else
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
fi
# A build from a working tree with changes is named so (diff-index writes nothing).
if [[ "$commit" != "?" ]] && ! git -C "$root" diff-index --quiet HEAD -- 2>/dev/null; then
  commit="$commit+uncommitted"
fi
source "$root/bench/release_bin.sh"
corpus="$root/../shared/datasets/debian-packages.ndjson.zst"
tmp=$(mktemp -d /tmp/myriad-backup-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
zstd -qdc "$corpus" >"$tmp/corpus.ndjson"
"${PYTHON:-python3}" "$root/bench/backup_bench.py" --bin "$MYRIAD_BIN" \
  --corpus "$tmp/corpus.ndjson" --workdir "$tmp" --corpus-name "$(basename "$corpus")" \
  --commit "$commit" "$@"
