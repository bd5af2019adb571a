#!/usr/bin/env python3
"""Scale benchmark: many indexes in one server, over HTTP (issue 6, "Scale").

Run through bench/scale.sh. Python standard library only. Phases:

1. Creation: INDEXES indexes created with POST /indexes by CLIENTS threads on
   keep-alive connections, timed from the first POST to the last task's
   success; then DOCS documents of the Debian sample added to each (one task
   per index). Every task must succeed; disk per empty and per filled index and
   the server's RSS are printed.
2. Catalogue reads with every index in place: GET /indexes pages at random
   offsets and GET /stats, p50/p99 (goal < 50 ms: neither opens an index);
   /stats both unchanged (answered from the last walk) and right after an
   index was created (a walk of the whole registry).
3. Search on random indexes after a restart: the first search of each (cold:
   its env is opened) against a second one (warm), same run.
4. Churn: searches round-robin over CHURN indexes (most of them reopened on
   every pass once more are wanted than can stay open) against round-robin over
   a set that stays open, same run: searches/s, p50/p99, open envs (counted in
   /proc/PID/maps).

The answers are checked as they come (each search finds its index's documents,
every task succeeds, totals match), so the figures are of a working server.
"""
import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_bench import Myriad, machine_line, pct  # noqa: E402

SEED = 20261204


def uid_of(i):
    return f"tenant-{i:06d}"


class Client:
    """One keep-alive connection of a worker thread."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        return r.status, r.read()

    def enqueue(self, method, path, body):
        status, raw = self.request(method, path, body)
        if status != 202:
            sys.exit(f"{method} {path}: {status} {raw[:300]!r}")
        return json.loads(raw)["taskUid"]


def in_threads(clients, port, items, fn):
    """Runs fn(client, item) over `items` split across `clients` threads; returns
    the results in item order."""
    results = [None] * len(items)
    errors = []

    def work(k):
        c = Client(port)
        try:
            for j in range(k, len(items), clients):
                results[j] = fn(c, items[j])
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def wait_all_succeeded(srv, last_uid, what):
    task = srv.wait(last_uid, interval=0.05)
    status, raw = srv.request("GET", "/tasks?statuses=failed,canceled&limit=1")
    failed = json.loads(raw)
    if task["status"] != "succeeded" or failed["total"] != 0:
        sys.exit(f"{what}: a task did not succeed: {task} {failed['results'][:1]}")


def du_bytes(path):
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def rss_mib(srv):
    with open(f"/proc/{srv.proc.pid}/status") as f:
        return int(next(l for l in f if l.startswith("VmRSS")).split()[1]) / 1024


def open_envs(srv):
    """LMDB maps of index envs the server has open now."""
    with open(f"/proc/{srv.proc.pid}/maps") as f:
        return sum(1 for l in f if "/indexes/" in l and l.rstrip().endswith("data.mdb"))


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


class Corpus:
    """The documents each index gets: `per` consecutive records of the sample."""

    def __init__(self, docs, per):
        self.docs, self.per = docs, per

    def of(self, i):
        return [self.docs[(i * self.per + k) % len(self.docs)] for k in range(self.per)]


def search_checked(client, i, corpus):
    status, raw = client.request("POST", f"/indexes/{uid_of(i)}/search", {"q": "", "limit": 50})
    if status != 200:
        sys.exit(f"search {uid_of(i)}: {status} {raw[:300]!r}")
    got = sorted(h["id"] for h in json.loads(raw)["hits"])
    if got != sorted(d["id"] for d in corpus.of(i)):
        sys.exit(f"search {uid_of(i)}: wrong hits {got}")


def create(srv, args, corpus):
    n = args.indexes
    t0 = time.perf_counter()
    uids = in_threads(args.clients, srv.port, list(range(n)),
                      lambda c, i: c.enqueue("POST", "/indexes",
                                             {"uid": uid_of(i), "primaryKey": "id"}))
    wait_all_succeeded(srv, max(uids), "creation")
    create_s = time.perf_counter() - t0
    indexes_dir = os.path.join(args.workdir, "db", "indexes")
    empty_bytes = du_bytes(indexes_dir) if os.path.isdir(indexes_dir) else 0
    registry_bytes = du_bytes(os.path.join(args.workdir, "db", "registry"))
    rss_created = rss_mib(srv)

    t0 = time.perf_counter()
    uids = in_threads(args.clients, srv.port, list(range(n)),
                      lambda c, i: c.enqueue("POST", f"/indexes/{uid_of(i)}/documents",
                                             corpus.of(i)))
    wait_all_succeeded(srv, max(uids), "documents")
    fill_s = time.perf_counter() - t0
    filled_bytes = du_bytes(indexes_dir)
    print(f"creation: {n} indexes in {create_s:.1f} s ({n / create_s:.0f}/s), "
          f"{args.clients} clients; disk per empty index {empty_bytes / n:.0f} B "
          f"(registry {registry_bytes / n:.0f} B per index); RSS {rss_created:.0f} MiB")
    print(f"documents: {args.docs} per index, {n} tasks in {fill_s:.1f} s ({n / fill_s:.0f}/s); "
          f"disk per index {filled_bytes / n / 1024:.1f} KiB; RSS {rss_mib(srv):.0f} MiB, "
          f"peak {srv.peak_rss_mib():.0f} MiB; open envs {open_envs(srv)}")


def catalogue(srv, args):
    rng = random.Random(SEED)
    n = args.indexes
    list_ms = []
    for _ in range(200):
        offset = rng.randrange(n)
        ms, (status, raw) = timed(lambda: srv.request("GET", f"/indexes?offset={offset}&limit=20"))
        page = json.loads(raw)
        want = [uid_of(i) for i in range(offset, min(n, offset + 20))]
        if status != 200 or page["total"] != n or [r["uid"] for r in page["results"]] != want:
            sys.exit(f"GET /indexes?offset={offset}: {status} {raw[:300]!r}")
        list_ms.append(ms)
    def get_stats(want):
        ms, (status, raw) = timed(lambda: srv.request("GET", "/stats"))
        stats = json.loads(raw)
        if status != 200 or len(stats["indexes"]) != want:
            sys.exit(f"GET /stats: {status}, {len(stats.get('indexes', {}))} indexes, not {want}")
        return ms, len(raw)

    # Unchanged: the server may answer from its last walk of the catalogue.
    stats_ms, body = [], 0
    for _ in range(20):
        ms, body = get_stats(n)
        stats_ms.append(ms)
    # After a change (an index created just before): the whole catalogue walked.
    changed_ms = []
    for k in range(10):
        t = srv.wait(srv.enqueue("POST", "/indexes", {"uid": f"stats-probe-{k}"}))
        if t["status"] != "succeeded":
            sys.exit(f"creating stats-probe-{k}: {t}")
        changed_ms.append(get_stats(n + k + 1)[0])
    for k in range(10):
        srv.wait(srv.enqueue("DELETE", f"/indexes/stats-probe-{k}", None))
    print(f"GET /indexes (20 per page, random offsets, 200 requests): p50 {pct(list_ms, 50):.2f} ms, "
          f"p99 {pct(list_ms, 99):.2f} ms (goal < 50 ms)")
    print(f"GET /stats ({body / 1e6:.1f} MB), unchanged catalogue, 20 requests: "
          f"p50 {pct(stats_ms, 50):.1f} ms, p99 {pct(stats_ms, 99):.1f} ms (goal < 50 ms)")
    print(f"GET /stats, each after an index was created, 10 requests: "
          f"p50 {pct(changed_ms, 50):.1f} ms, p99 {pct(changed_ms, 99):.1f} ms (goal < 50 ms)")


def cold_warm(srv, args, corpus):
    rng = random.Random(SEED + 1)
    picks = rng.sample(range(args.indexes), min(100, args.indexes))
    cold, warm = [], []
    for i in picks:
        cold.append(timed(lambda: search_checked(srv, i, corpus))[0])
        warm.append(timed(lambda: search_checked(srv, i, corpus))[0])
    print(f"search on a random index after a restart ({len(picks)} indexes): cold p50 "
          f"{pct(cold, 50):.2f} ms, p99 {pct(cold, 99):.2f} ms; warm p50 {pct(warm, 50):.2f} ms, "
          f"p99 {pct(warm, 99):.2f} ms; cold/warm p50 {pct(cold, 50) / pct(warm, 50):.2f}")


def round_robin(srv, args, corpus, count, seconds):
    """Searches over indexes 0..count-1 round-robin from every client; returns
    (searches/s, latencies in ms, open envs at the end)."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    latencies = []
    next_i = [0]

    def work(_k):
        c = Client(srv.port)
        mine = []
        while time.monotonic() < stop:
            with lock:
                i = next_i[0] % count
                next_i[0] += 1
            mine.append(timed(lambda: search_checked(c, i, corpus))[0])
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    in_threads(args.clients, srv.port, list(range(args.clients)), lambda c, k: work(k))
    elapsed = time.perf_counter() - t0
    return len(latencies) / elapsed, latencies, open_envs(srv)


def churn(srv, args, corpus):
    count = min(args.churn, args.indexes)
    # The set that stays open: a tenth of the indexes, opened once before timing.
    hot = max(1, count // 10)
    round_robin(srv, args, corpus, hot, 2)
    hot_rate, hot_ms, hot_open = round_robin(srv, args, corpus, hot, args.churn_seconds)
    all_rate, all_ms, all_open = round_robin(srv, args, corpus, count, args.churn_seconds)
    print(f"churn, {args.clients} clients, {args.churn_seconds:.0f} s each: round-robin over "
          f"{count} indexes {all_rate:.0f} searches/s, p50 {pct(all_ms, 50):.2f} ms, p99 "
          f"{pct(all_ms, 99):.2f} ms, {all_open} envs open at the end")
    print(f"  baseline, round-robin over {hot} indexes that stay open: {hot_rate:.0f} searches/s, "
          f"p50 {pct(hot_ms, 50):.2f} ms, p99 {pct(hot_ms, 99):.2f} ms, {hot_open} envs open; "
          f"ratio (churn / open) {all_rate / hot_rate:.2f} in searches/s, "
          f"{pct(all_ms, 99) / pct(hot_ms, 99):.2f} in p99")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bin", required=True)
    p.add_argument("--docs-file", required=True, help="a JSON array of documents with an `id`")
    p.add_argument("--workdir", required=True)
    p.add_argument("--indexes", type=int, default=100_000)
    p.add_argument("--docs", type=int, default=3, help="documents per index")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--churn", type=int, default=10_000, help="indexes searched round-robin")
    p.add_argument("--churn-seconds", type=float, default=20)
    p.add_argument("--commit", default="?")
    args = p.parse_args()
    with open(args.docs_file) as f:
        docs = json.load(f)
    corpus = Corpus(docs, args.docs)

    print(machine_line())
    print(f"corpus: {os.path.basename(args.docs_file)} ({len(docs)} documents), "
          f"{args.indexes} indexes, commit {args.commit}")
    srv = Myriad(args.bin, args.workdir)
    try:
        create(srv, args, corpus)
        catalogue(srv, args)
    finally:
        srv.stop()
    srv = Myriad(args.bin, args.workdir)
    try:
        print(f"restarted: RSS {rss_mib(srv):.0f} MiB, open envs {open_envs(srv)}")
        cold_warm(srv, args, corpus)
        if args.churn > 0:
            churn(srv, args, corpus)
        print(f"server peak RSS after the restart {srv.peak_rss_mib():.0f} MiB")
    finally:
        srv.stop()


if __name__ == "__main__":
    main()
