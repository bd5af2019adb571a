#!/usr/bin/env bash
# Ingestion over HTTP, end to end: the whole 63,666-document corpus posted as one
# NDJSON payload into a fresh index, timed from the POST to the task's success;
# the server's peak RSS; writes replayed after MDB_MAP_FULL (goal 0); and the
# enqueue-to-succeeded latency of a one-document addition (median of 20).
# Baseline in the same run: SQLite (Python's sqlite3) inserting the same documents
# (id -> JSON text, one transaction): parsing and storage, no HTTP.
# Usage: bench/ingest.sh (builds in Release into build-bench).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-bench"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMYRIAD_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target myriad >/dev/null
tmp=$(mktemp -d /tmp/myriad-ingest-XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
zstd -dc "$root/../shared/datasets/debian-packages.ndjson.zst" >"$tmp/corpus.ndjson"
docs=$(wc -l <"$tmp/corpus.ndjson")
port=$((20000 + RANDOM % 20000))
"$build/src/cli/myriad" --db-path "$tmp/db" --http-addr "127.0.0.1:$port" 2>"$tmp/server.log" &
pid=$!
url="http://127.0.0.1:$port"
until curl -sf "$url/health" >/dev/null; do sleep 0.05; done

now() { date +%s.%N; }
wait_task() {  # polls until the task is finished; prints its status
  while :; do
    s=$(curl -s "$url/tasks/$1" | grep -o '"status":"[a-z]*"' | cut -d'"' -f4)
    case $s in succeeded | failed | canceled) echo "$s"; return ;; esac
  done
}

start=$(now)
uid=$(curl -s -X POST "$url/indexes/debian/documents" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$tmp/corpus.ndjson" | grep -o '"taskUid":[0-9]*' | cut -d: -f2)
status=$(wait_task "$uid")
ours=$(echo "$(now) - $start" | bc -l)

latencies=()
for i in $(seq 1 20); do
  t0=$(now)
  u=$(curl -s -X POST "$url/indexes/latency/documents" -H 'Content-Type: application/json' \
    -d "{\"id\":$i}" | grep -o '"taskUid":[0-9]*' | cut -d: -f2)
  wait_task "$u" >/dev/null
  latencies+=("$(echo "($(now) - $t0) * 1000" | bc -l)")
done
median=$(printf '%s\n' "${latencies[@]}" | sort -g | sed -n 10p)
peak_rss=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
kill -TERM "$pid"
wait "$pid" || true
replays=$(grep -o '[0-9]* write(s) replayed' "$tmp/server.log" | cut -d' ' -f1)

start=$(now)
python3 - "$tmp/corpus.ndjson" "$tmp/baseline.db" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE docs(id INTEGER PRIMARY KEY, doc TEXT)")
with open(sys.argv[1]) as f, db:
    db.executemany("INSERT INTO docs VALUES (?, ?)", ((json.loads(l)["id"], l) for l in f))
PY
baseline=$(echo "$(now) - $start" | bc -l)

echo "== ingest: $docs documents over HTTP into a fresh index"
echo "machine: cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\" nproc=$(nproc) kernel=\"$(uname -srm)\""
printf '  %-50s %12.0f docs/s (%s, %.2f s)\n' "ours, POST to succeeded" "$(echo "$docs / $ours" | bc -l)" "$status" "$ours"
printf '  %-50s %12.0f docs/s (%.2f s)\n' "baseline, SQLite insert of the same documents" "$(echo "$docs / $baseline" | bc -l)" "$baseline"
printf '  %-50s %12.2f (ours/baseline, docs/s)\n' "ratio" "$(echo "$baseline / $ours" | bc -l)"
printf '  %-50s %12s\n' "writes replayed after MDB_MAP_FULL (goal 0)" "${replays:-?}"
printf '  %-50s %12.1f MiB\n' "server peak RSS" "$(echo "$peak_rss / 1024" | bc -l)"
printf '  %-50s %12.1f ms\n' "one-document addition, enqueue to succeeded (p50)" "$median"
