#!/usr/bin/env bash
# Scale, end to end (bench/scale_bench.py): INDEXES indexes (100,000 by default)
# created over HTTP with a few Debian packages each; disk per index and RSS;
# GET /indexes and GET /stats latency with all of them in place; cold and warm
# search on random indexes after a restart; churn (round-robin searches over
# CHURN indexes, 10,000 by default) against round-robin over a set that stays open.
# Usage: bench/scale.sh (builds in Release into build-bench, as search.sh does;
# MYRIAD_BIN=path/to/myriad uses that binary instead; INDEXES=n, CHURN=n,
# CLIENTS=n). About 25 minutes at 100,000 indexes on 2 cores; the data directory
# (about 1 GB at 100,000) goes in a temporary directory, removed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/bench/release_bin.sh"
tmp=$(mktemp -d /tmp/myriad-scale-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/scale_bench.py" --bin "$MYRIAD_BIN" \
  --docs-file "$root/../shared/datasets/debian-packages-2k.json" --workdir "$tmp" \
  --indexes "${INDEXES:-100000}" --churn "${CHURN:-10000}" --clients "${CLIENTS:-4}" \
  --commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
