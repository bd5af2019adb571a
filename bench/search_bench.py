#!/usr/bin/env python3
"""Search benchmark: Myriad over HTTP against SQLite FTS5 in process, same run.

Run through bench/search.sh, which finds the binary and decompresses the corpus
into a temporary directory. Python standard library only.

1. Indexing: Myriad gets searchableAttributes [package, summary, description] and
   filterableAttributes [section, priority, architecture], then the corpus as
   NDJSON in BATCHES payloads posted back to back (64 by default, as the crash
   test does: about 1,000 documents per request, what a user's import script
   sends); timed from the first POST to the last task's success. FTS5:
   fts5(package, summary, description, tokenize='unicode61', prefix='2 3') plus a
   plain table for the filter columns, one transaction, JSON parsing included.
2. Queries: a fixed mixed set generated from the corpus with a fixed seed,
   run once as a warm-up, then measured. Ours: POST /indexes/{uid}/search,
   limit 20, over one keep-alive connection, timed client side up to the last
   byte of the response. FTS5: SELECT rowid ... ORDER BY bm25(t) LIMIT 20.
"""
import argparse
import http.client
import json
import math
import os
import platform
import random
import re
import socket
import sqlite3
import subprocess
import sys
import time

SEED = 20261124
SEARCHABLE = ["package", "summary", "description"]
FILTERABLE = ["section", "priority", "architecture"]
# Category -> share of the query set.
MIX = [("single", 0.40), ("multi", 0.25), ("prefix", 0.15), ("typo", 0.10), ("filter", 0.10)]
FILTERS = [("section", "python"), ("section", "libs"), ("section", "devel"),
           ("priority", "optional")]
STOP = set("a an and are as at be by for from in is it of on or the this that to with".split())
WORD = re.compile(r"[a-z0-9]+")


def machine_line():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
    return (f'machine: cpu="{cpu}" cores={os.cpu_count()} ram={mem_kib / 1048576:.1f} GiB '
            f'kernel="{platform.system()} {platform.release()} {platform.machine()}" '
            f'python={platform.python_version()} sqlite={sqlite3.sqlite_version}')


def pct(values, p):
    """Nearest-rank percentile."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- query set

def make_queries(docs, n):
    rng = random.Random(SEED)
    summaries = [WORD.findall((d.get("summary") or "").lower()) for d in docs]
    content = [[w for w in ws if w not in STOP and len(w) >= 3 and not w.isdigit()]
               for ws in summaries]

    def pick_doc(pred=lambda d: True, need=lambda i: True):
        while True:
            i = rng.randrange(len(docs))
            if pred(docs[i]) and need(i):
                return i

    def single():
        i = pick_doc(need=lambda i: content[i])
        return [rng.choice(content[i])]

    def multi():
        k = rng.choice([2, 2, 3])
        i = pick_doc(need=lambda i: len(summaries[i]) >= k)
        s = rng.randrange(len(summaries[i]) - k + 1)
        return summaries[i][s:s + k]

    queries = []
    for cat, share in MIX:
        for _ in range(round(n * share)):
            filt = None
            if cat == "single":
                terms, prefix = single(), False
            elif cat == "multi":
                terms, prefix = multi(), False
            elif cat == "prefix":
                i = pick_doc(need=lambda i: any(len(w) >= 5 and w.isalpha() for w in content[i]))
                w = rng.choice([w for w in content[i] if len(w) >= 5 and w.isalpha()])
                cut = rng.randint(3, min(5, len(w) - 1))
                terms = ([rng.choice(content[i])] if rng.random() < 0.4 else []) + [w[:cut]]
                prefix = True
            elif cat == "typo":
                i = pick_doc(need=lambda i: any(len(w) >= 6 and w.isalpha() for w in content[i]))
                w = rng.choice([w for w in content[i] if len(w) >= 6 and w.isalpha()])
                pos = rng.randrange(1, len(w))  # not the first letter
                sub = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != w[pos]])
                terms, prefix = [w[:pos] + sub + w[pos + 1:]], False
            else:
                field, value = rng.choice(FILTERS)
                i = pick_doc(lambda d: d.get(field) == value, lambda i: content[i])
                terms = [rng.choice(content[i])]
                if rng.random() < 0.3 and len(content[i]) > 1:
                    terms.append(rng.choice(content[i]))
                prefix, filt = False, (field, value)
            queries.append({"cat": cat, "q": " ".join(terms), "terms": terms,
                            "prefix": prefix, "filter": filt})
    rng.shuffle(queries)
    return queries


# ---------------------------------------------------------------- Myriad

class Myriad:
    def __init__(self, binary, workdir):
        self.port = free_port()
        self.log_path = os.path.join(workdir, "server.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "--db-path", os.path.join(workdir, "db"),
             "--http-addr", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.conn = None
        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
                if self.request("GET", "/health")[0] == 200:
                    break
            except OSError:
                self.conn = None
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"server did not start; log:\n{open(self.log_path).read()}")
            time.sleep(0.05)  # waiting for the listener, not for work

    def request(self, method, path, body=None, ctype="application/json"):
        headers = {"Content-Type": ctype} if body is not None else {}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes a connection idle for 120 s (while the
            # benchmark's other clients work); only a GET is safe to resend.
            if method != "GET":
                raise
            self.conn.close()
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
        return r.status, r.read()

    def enqueue(self, method, path, body, ctype="application/json"):
        status, raw = self.request(method, path, body, ctype)
        if status != 202:
            sys.exit(f"{method} {path}: {status} {raw[:300]!r}")
        return json.loads(raw)["taskUid"]

    def wait(self, uid, interval=0.005):
        """Polls the task until it is finished; returns its JSON."""
        while True:
            task = json.loads(self.request("GET", f"/tasks/{uid}")[1])
            if task["status"] in ("succeeded", "failed", "canceled"):
                return task
            time.sleep(interval)  # poll interval only; completion is read from the task

    def peak_rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(next(l for l in f if l.startswith("VmHWM")).split()[1]) / 1024

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


def index_myriad(srv, lines, batches):
    uid = srv.enqueue("PATCH", "/indexes/debian/settings",
                      {"searchableAttributes": SEARCHABLE, "filterableAttributes": FILTERABLE})
    t = srv.wait(uid)
    if t["status"] != "succeeded":
        sys.exit(f"settings task: {t}")
    size = -(-len(lines) // batches)
    payloads = [b"".join(lines[i:i + size]) for i in range(0, len(lines), size)]
    start = time.perf_counter()
    uids = [srv.enqueue("POST", "/indexes/debian/documents", p, "application/x-ndjson")
            for p in payloads]
    last = srv.wait(uids[-1])
    elapsed = time.perf_counter() - start
    tasks = [last] + [srv.wait(u) for u in uids[:-1]]  # all done already: tasks run in order
    failed = [t for t in tasks if t["status"] != "succeeded"]
    if failed:
        sys.exit(f"{len(failed)} task(s) did not succeed, e.g. {failed[0]}")
    indexed = sum((t.get("details") or {}).get("indexedDocuments") or 0 for t in tasks)
    return elapsed, len(payloads), indexed


def search_body(q, ids_only):
    body = {"q": q["q"], "limit": 20}
    if q["filter"]:
        body["filter"] = f'{q["filter"][0]} = "{q["filter"][1]}"'
    if ids_only:
        body["attributesToRetrieve"] = ["id"]
    return json.dumps(body).encode()


def run_myriad(srv, queries, ids_only=False):
    conn = srv.conn
    headers = {"Content-Type": "application/json"}
    bodies = [search_body(q, ids_only) for q in queries]
    times, raws = [], []
    for b in bodies:
        t0 = time.perf_counter()
        conn.request("POST", "/indexes/debian/search", body=b, headers=headers)
        r = conn.getresponse()
        raw = r.read()
        times.append((time.perf_counter() - t0) * 1000)
        if r.status != 200:
            sys.exit(f"search {b!r}: {r.status} {raw[:300]!r}")
        raws.append(raw)
    out = [json.loads(r) for r in raws]
    return times, out


# ---------------------------------------------------------------- FTS5

def index_fts5(lines, path):
    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE t USING fts5(package, summary, description, "
               "tokenize='unicode61', prefix='2 3')")
    db.execute("CREATE TABLE meta(rowid INTEGER PRIMARY KEY, section TEXT, priority TEXT, "
               "architecture TEXT)")
    with db:
        for line in lines:
            d = json.loads(line)
            db.execute("INSERT INTO t(rowid, package, summary, description) VALUES (?,?,?,?)",
                       (d["id"], d.get("package"), d.get("summary"), d.get("description")))
            db.execute("INSERT INTO meta VALUES (?,?,?,?)",
                       (d["id"], d.get("section"), d.get("priority"), d.get("architecture")))
    elapsed = time.perf_counter() - start
    return db, elapsed


def fts5_statement(q):
    expr = " ".join('"' + t.replace('"', '""') + '"' for t in q["terms"])
    if q["prefix"]:
        expr += "*"
    if q["filter"]:
        col = q["filter"][0]  # a fixed column name from FILTERS
        sql = (f"SELECT t.rowid FROM t JOIN meta m ON m.rowid = t.rowid "
               f"WHERE t MATCH ? AND m.{col} = ? ORDER BY bm25(t) LIMIT 20")
        return sql, (expr, q["filter"][1])
    return "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 20", (expr,)


def run_fts5(db, queries):
    stmts = [fts5_statement(q) for q in queries]
    times, counts = [], []
    for sql, args in stmts:
        t0 = time.perf_counter()
        rows = db.execute(sql, args).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
        counts.append(len(rows))
    return times, counts


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--corpus-name", default="debian-packages.ndjson.zst")
    ap.add_argument("--batches", type=int, default=int(os.environ.get("BATCHES", "64")))
    ap.add_argument("--queries", type=int, default=int(os.environ.get("QUERIES", "600")))
    ap.add_argument("--commit", default="?")
    args = ap.parse_args()

    with open(args.corpus, "rb") as f:
        lines = [l if l.endswith(b"\n") else l + b"\n" for l in f if l.strip()]
    docs = [json.loads(l) for l in lines]
    raw_mb = os.path.getsize(args.corpus) / 1e6
    queries = make_queries(docs, args.queries)
    cats = [c for c, _ in MIX]

    print("== search: indexing and top-20 query latency, Myriad over HTTP vs SQLite FTS5")
    print(machine_line())
    print(f"corpus: {args.corpus_name}, {len(docs)} documents, {raw_mb:.1f} MB raw; "
          f"searchable {SEARCHABLE}, filterable {FILTERABLE}")
    print(f"commit: {args.commit}; queries: {len(queries)} (seed {SEED}): "
          + ", ".join(f"{c} {sum(q['cat'] == c for q in queries)}" for c in cats))
    sys.stdout.flush()

    # Indexing, ours then FTS5 (not concurrently: 2 cores).
    srv = Myriad(args.bin, args.workdir)
    try:
        ours_s, npayloads, indexed = index_myriad(srv, lines, args.batches)
        rss_after_index = srv.peak_rss_mib()
        db, fts_s = index_fts5(lines, os.path.join(args.workdir, "fts5.db"))

        # Queries: a warm-up pass on both, then the measured passes.
        run_myriad(srv, queries)
        run_fts5(db, queries)
        ours_t, ours_res = run_myriad(srv, queries)
        ids_t, _ = run_myriad(srv, queries, ids_only=True)
        fts_t, fts_counts = run_fts5(db, queries)
        peak_rss = srv.peak_rss_mib()
    finally:
        srv.stop()
    replays = re.findall(r"(\d+) write\(s\) replayed", open(srv.log_path).read())

    n = len(docs)
    ours_dps, fts_dps = n / ours_s, n / fts_s
    print(f"\n-- indexing ({npayloads} NDJSON payloads of ~{-(-n // npayloads)} documents, "
          f"posted back to back; first POST to last task succeeded)")
    print(f"  {'ours, Myriad over HTTP':<44} {ours_dps:>10,.0f} docs/s ({ours_s:.2f} s, "
          f"{indexed} indexed)")
    print(f"  {'FTS5 in process, one transaction':<44} {fts_dps:>10,.0f} docs/s ({fts_s:.2f} s)")
    print(f"  {'ratio ours/FTS5 (goal >= 1.0)':<44} {ours_dps / fts_dps:>10.2f}")
    print(f"  {'server peak RSS, VmHWM (goal < 1 GiB)':<44} {peak_rss:>10.0f} MiB "
          f"({rss_after_index:.0f} MiB after indexing)")
    print(f"  {'writes replayed after MDB_MAP_FULL':<44} {replays[-1] if replays else '?':>10}")

    def row(name, t):
        return f"  {name:<34} p50 {pct(t, 50):7.2f}  p90 {pct(t, 90):7.2f}  p99 {pct(t, 99):7.2f} ms"

    print(f"\n-- top-20 queries, {len(queries)} after a warm-up pass, client-side ms")
    print(row("ours, full documents", ours_t))
    print(row("ours, attributesToRetrieve [id]", ids_t))
    print(row("FTS5, rowids", fts_t))
    ratio50 = pct(ours_t, 50) / pct(fts_t, 50)
    print(f"  p50 ratio ours/FTS5 (goal <= 1.0): {ratio50:.2f} "
          f"(ids only: {pct(ids_t, 50) / pct(fts_t, 50):.2f}); "
          f"our p99 (goal < 10 ms): {pct(ours_t, 99):.2f}")
    proc = [r.get("processingTimeMs", 0) for r in ours_res]
    print(f"  server processingTimeMs: p50 {pct(proc, 50)}  p99 {pct(proc, 99)}  max {max(proc)}")

    print("\n-- per category (ms)            ours p50   p99    max | ids p50 | FTS5 p50   p99 "
          "| zero hits ours/FTS5 | median hits ours")
    for c in cats:
        idx = [i for i, q in enumerate(queries) if q["cat"] == c]
        o = [ours_t[i] for i in idx]
        d = [ids_t[i] for i in idx]
        s = [fts_t[i] for i in idx]
        z_o = sum(1 for i in idx if not ours_res[i]["hits"])
        z_s = sum(1 for i in idx if fts_counts[i] == 0)
        hits = sorted(ours_res[i].get("estimatedTotalHits", 0) for i in idx)[len(idx) // 2]
        print(f"  {c:<8} ({len(idx):>3})                {pct(o, 50):8.2f} {pct(o, 99):6.2f} "
              f"{max(o):6.2f} | {pct(d, 50):7.2f} | {pct(s, 50):8.2f} {pct(s, 99):5.2f} "
              f"| {z_o:>9}/{z_s:<9} | {hits:>8}")
    slow = sorted(range(len(queries)), key=lambda i: -ours_t[i])[:5]
    print("  slowest ours: " + "; ".join(
        f'{queries[i]["cat"]} "{queries[i]["q"]}"'
        + (f' [{queries[i]["filter"][0]}={queries[i]["filter"][1]}]' if queries[i]["filter"] else "")
        + f" {ours_t[i]:.1f} ms" for i in slow))

    def goal(ok):
        return "met" if ok else "**not met**"

    print("\n-- README snippet")
    print(f"| figure | ours | SQLite FTS5 (same run) | ratio | goal |")
    print(f"|---|---|---|---|---|")
    print(f"| indexing, documents/s ({npayloads} NDJSON payloads over HTTP) | "
          f"{ours_dps:,.0f} ({ours_s:.1f} s) | {fts_dps:,.0f} ({fts_s:.1f} s) | "
          f"{ours_dps / fts_dps:.2f} | ≥ 1.0: {goal(ours_dps >= fts_dps)} |")
    print(f"| server peak RSS | {peak_rss:.0f} MiB | | | < 1 GiB: {goal(peak_rss < 1024)} |")
    print(f"| top-20 query, p50 | {pct(ours_t, 50):.2f} ms | {pct(fts_t, 50):.2f} ms | "
          f"{ratio50:.2f} | ≤ 1.0: {goal(ratio50 <= 1.0)} |")
    print(f"| top-20 query, p90 | {pct(ours_t, 90):.2f} ms | {pct(fts_t, 90):.2f} ms | "
          f"{pct(ours_t, 90) / pct(fts_t, 90):.2f} | |")
    print(f"| top-20 query, p99 | {pct(ours_t, 99):.2f} ms | {pct(fts_t, 99):.2f} ms | "
          f"{pct(ours_t, 99) / pct(fts_t, 99):.2f} | < 10 ms: {goal(pct(ours_t, 99) < 10)} |")
    for c in cats:
        idx = [i for i, q in enumerate(queries) if q["cat"] == c]
        o = [ours_t[i] for i in idx]
        s = [fts_t[i] for i in idx]
        print(f"| {c} ({len(idx)}), p50 / p99 | {pct(o, 50):.2f} / {pct(o, 99):.2f} ms | "
              f"{pct(s, 50):.2f} / {pct(s, 99):.2f} ms | {pct(o, 50) / pct(s, 50):.2f} | |")


if __name__ == "__main__":
    main()
