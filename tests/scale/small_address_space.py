#!/usr/bin/env python3
"""The server in a small address space (issue 6, "Small address space").

The goal, as issue 6 puts it: "the server under `prlimit --as=4294967296` with
2,000 indexes being written and searched at once, and one index growing past
the size that a fixed 2 TiB map would have allowed: every task succeeds,
nothing crashes."

How this script reads it. A fixed 2 TiB map cannot exist under a 4 GiB limit at
all; what a fixed-size scheme could do there is give every index the same share,
4 GiB / 2,000 indexes ~ 2 MiB. So: one index ("big") grows far past that share,
to --big-mib of data (a few hundred MiB by default), while the 2,000 others
exist, are opened, written and searched at random, all at once. Myriad must size
each map to its data, grow the big one in place, and close the least recently
used small ones to make room, with every task succeeding.

What it does:
  1. starts the Release `myriad` under `prlimit --as=<--as-bytes> --` on a free
     loopback port with a fresh temporary --db-path;
  2. creates --indexes small indexes and "big" over HTTP and polls every
     creation task to its final status;
  3. for at least --seconds, and until "big" is past --big-mib: --writers
     threads add 1-5 corpus documents to random small indexes (at most
     --writer-in-flight unfinished tasks each), --searchers
     threads search random indexes (a tenth of the searches on "big"), and one
     thread adds corpus documents to "big" in NDJSON batches of --big-batch
     (ids offset per pass when the corpus is used up), at most two tasks in
     flight, reading GET /indexes/big/stats `rawDocumentDbSize` (the env's data
     size) after each;
  4. polls every task to its final status (polls every 50 ms; it never sleeps
     in place of polling);
  5. checks that "big" and a sample of the small indexes hold the documents
     written and that searches find them (each document carries a marker word
     of its own);
  6. SIGTERMs the server and requires exit 0.

The run fails on any failed task, any 5xx, a connection error or timeout, the
server dying, a document missing from an index or a search, or "big" not past
--big-mib within --max-seconds. Every loop is bounded in count and time.

It prints the indexes, the tasks, the big index's final size, the server's
largest VmSize sampled (every 0.2 s) against the limit and its VmPeak (which
the start-up probe of the address space takes to the limit for a moment), its
peak RSS (VmHWM), the searches per second and the duration.

CI (scripts/test.sh) runs a short version on its Release build: --big-mib 100
--seconds 15, about 30 s. The defaults take 1 to 2.5 minutes on a 2-core
machine; by hand, from the worktree, after building `myriad` in Release:

  scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release --target myriad
  tests/scale/small_address_space.py --bin build-release/src/cli/myriad

Python 3 stdlib only; needs `prlimit` (util-linux) and `zstd` on PATH.
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "concurrency"))
import mixed_load  # noqa: E402
from mixed_load import FINAL_STATUSES, Failure, free_port, wait_for_health  # noqa: E402

BIG = "big"
POLL_SECONDS = 0.05
MAX_TOTAL_HITS = 1000  # the default pagination.maxTotalHits caps estimatedTotalHits
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                              "shared", "datasets", "debian-packages.ndjson.zst")


def marker(n):
    """A word of letters only, unique to n: what a search for one document asks."""
    letters = ""
    n += 26 * 26 * 26  # at least four letters, so the marker is never a common word
    while n:
        n, r = divmod(n, 26)
        letters += chr(ord("a") + r)
    return "qx" + letters


class Client(mixed_load.Client):
    """mixed_load's checked connection, with the two calls this script makes."""

    def expect(self, method, path, body=None, ok=(200,), content_type="application/json"):
        status, parsed, _ = self.call(method, path, body, content_type)
        if status not in ok:
            raise Failure(f"{method} {path}: HTTP {status}: {json.dumps(parsed)[:500]}")
        return parsed

    def enqueue(self, method, path, body=None, content_type="application/json"):
        res = self.expect(method, path, body, (202,), content_type)
        if not isinstance(res, dict) or not isinstance(res.get("taskUid"), int):
            raise Failure(f"{method} {path}: a task answer without taskUid: {res}")
        return res["taskUid"]


def check_task(task):
    if task["status"] != "succeeded":
        raise Failure(f"task {task['uid']} ({task['type']} on {task.get('indexUid')}) "
                      f"{task['status']}: {task.get('error')}")


def wait_task(client, uid, seconds):
    """Polls the task to its final status; returns it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        task = client.expect("GET", f"/tasks/{uid}")
        if task["status"] in FINAL_STATUSES:
            return task
        time.sleep(POLL_SECONDS)
    raise Failure(f"task {uid} not final within {seconds} s")


def drain(client, uids, seconds):
    """Polls every task in `uids` to its final status; fails on any not succeeded."""
    deadline = time.monotonic() + seconds
    pending = sorted(uids)
    outcomes = collections.Counter()
    for _ in range(1_000_000):
        if not pending:
            return outcomes
        if time.monotonic() > deadline:
            raise Failure(f"{len(pending)} task(s) not final within {seconds} s, "
                          f"e.g. {pending[:10]}")
        still = []
        for i in range(0, len(pending), 500):
            chunk = pending[i:i + 500]
            page = client.expect("GET", "/tasks?" + urllib.parse.urlencode(
                {"uids": ",".join(map(str, chunk)), "limit": len(chunk)}))
            got = {t["uid"]: t for t in page["results"]}
            for uid in chunk:
                t = got.get(uid)
                if t is None:
                    raise Failure(f"task {uid} vanished")
                if t["status"] in FINAL_STATUSES:
                    check_task(t)
                    outcomes[t["status"]] += 1
                else:
                    still.append(uid)
        pending = still
        if pending:
            time.sleep(POLL_SECONDS)
    raise Failure("drain: too many rounds")


class Run:
    """What the threads share: deadlines, counters, the tasks, the documents written."""

    def __init__(self, max_ops):
        self.started = self.min_deadline = self.hard_deadline = time.monotonic()
        self.max_ops = max_ops
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.big_done = threading.Event()
        self.failures = []
        self.tasks = set()
        self.written = collections.defaultdict(set)  # small index -> ids added
        self.searches = 0
        self.writes = 0

    def start_load(self, min_seconds, max_seconds):
        self.started = time.monotonic()
        self.min_deadline = self.started + min_seconds
        self.hard_deadline = self.started + max_seconds

    def going(self, ops):
        now = time.monotonic()
        if self.stop.is_set() or ops >= self.max_ops or now >= self.hard_deadline:
            return False
        return not (self.big_done.is_set() and now >= self.min_deadline)

    def fail(self, where, message):
        with self.lock:
            self.failures.append(f"{where}: {message}")
        self.stop.set()


class Worker(threading.Thread):
    def __init__(self, name, run, port, timeout, seed, ctx):
        super().__init__(name=name, daemon=True)
        self.run_state = run
        self.client = Client(port, timeout)
        self.rng = random.Random(seed)
        self.ctx = ctx
        self.ops = 0

    def run(self):
        try:
            self.body()
        except Failure as e:
            self.run_state.fail(self.name, str(e))
        except Exception as e:  # a bug in the driver or an answer of the wrong shape
            self.run_state.fail(self.name, f"{type(e).__name__}: {e}")
        finally:
            self.client.close()

    def body(self):
        while self.run_state.going(self.ops):
            self.step()
            self.ops += 1


class SmallWriter(Worker):
    """Adds 1-5 corpus documents, each with its marker, to a random small index.

    At most `in_flight` of its tasks are unfinished at once (it polls the oldest
    to its end first), so the queue stays short and "big" gets its turns."""

    def __init__(self, *args, in_flight, task_seconds):
        super().__init__(*args)
        self.in_flight = in_flight
        self.task_seconds = task_seconds
        self.pending = collections.deque()

    def step(self):
        if len(self.pending) >= self.in_flight:
            check_task(wait_task(self.client, self.pending.popleft(), self.task_seconds))
        uid = self.rng.choice(self.ctx["small"])
        docs = [dict(d, marker=marker(d["id"]))
                for d in self.rng.sample(self.ctx["docs"], self.rng.randint(1, 5))]
        task = self.client.enqueue("POST", f"/indexes/{uid}/documents", docs)
        self.pending.append(task)
        with self.run_state.lock:
            self.run_state.tasks.add(task)
            self.run_state.written[uid].update(d["id"] for d in docs)
            self.run_state.writes += 1


class Searcher(Worker):
    """Searches a random index (one in ten on "big") for a corpus word."""

    def step(self):
        uid = BIG if self.rng.random() < 0.1 else self.rng.choice(self.ctx["small"])
        body = {"q": self.rng.choice(self.ctx["words"]), "limit": self.rng.choice([5, 20])}
        res = self.client.expect("POST", f"/indexes/{uid}/search", body)
        if not isinstance(res.get("hits"), list):
            raise Failure(f"search {uid}: no hits array: {json.dumps(res)[:300]}")
        with self.run_state.lock:
            self.run_state.searches += 1


class BigWriter(Worker):
    """Adds corpus documents to "big" until its data is past the target."""

    def __init__(self, *args, target_bytes, batch, task_seconds, max_passes=50):
        super().__init__(*args)
        self.target = target_bytes
        self.batch = batch
        self.task_seconds = task_seconds
        self.max_passes = max_passes
        self.added = 0  # distinct documents
        self.size = 0
        self.tasks = []

    def batches(self):
        docs = self.ctx["docs"]
        for p in range(self.max_passes):
            offset = p * self.ctx["id_stride"]
            for i in range(0, len(docs), self.batch):
                chunk = [dict(d, id=d["id"] + offset, marker=marker(d["id"] + offset))
                         for d in docs[i:i + self.batch]]
                yield "\n".join(json.dumps(d) for d in chunk), len(chunk)

    def body(self):
        in_flight = collections.deque()
        for payload, n in self.batches():
            if self.run_state.stop.is_set() or time.monotonic() >= self.run_state.hard_deadline:
                break
            uid = self.client.enqueue("POST", f"/indexes/{BIG}/documents", payload,
                                      content_type="application/x-ndjson")
            self.tasks.append(uid)
            with self.run_state.lock:
                self.run_state.tasks.add(uid)
            in_flight.append((uid, n))
            if len(in_flight) < 2:
                continue
            done, count = in_flight.popleft()
            check_task(wait_task(self.client, done, self.task_seconds))
            self.added += count
            self.size = self.client.expect("GET", f"/indexes/{BIG}/stats")["rawDocumentDbSize"]
            if self.size >= self.target:
                break
        for done, count in in_flight:
            check_task(wait_task(self.client, done, self.task_seconds))
            self.added += count
        self.size = self.client.expect("GET", f"/indexes/{BIG}/stats")["rawDocumentDbSize"]
        if self.size >= self.target:
            self.run_state.big_done.set()
        elif not self.run_state.stop.is_set():
            raise Failure(f"{BIG} holds {self.size / 2**20:.0f} MiB, not past the target, "
                          "by the deadline or after every pass of the corpus")


class Monitor(threading.Thread):
    """Samples the server's /proc status and fails the run if the server dies."""

    def __init__(self, run, server):
        super().__init__(name="monitor", daemon=True)
        self.run_state = run
        self.server = server
        self.peak = collections.Counter()  # VmSize, VmRSS: the largest sample, in kB
        self.last = {}

    def sample(self):
        try:
            with open(f"/proc/{self.server.pid}/status") as f:
                for line in f:
                    key, _, value = line.partition(":")
                    if key in ("VmPeak", "VmSize", "VmHWM", "VmRSS"):
                        kb = int(value.split()[0])
                        self.last[key] = kb
                        self.peak[key] = max(self.peak[key], kb)
        except OSError:
            pass

    def run(self):
        for _ in range(10_000_000):
            if self.run_state.stop.is_set():
                return
            if self.server.poll() is not None:
                self.run_state.fail("monitor", f"the server died (exit {self.server.returncode})")
                return
            self.sample()
            self.run_state.stop.wait(0.2)


def read_corpus(path):
    out = subprocess.run(["zstd", "-dc", path], check=True, stdout=subprocess.PIPE).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def create_indexes(port, uids, threads, timeout, task_seconds):
    """POST /indexes for every uid from `threads` connections, then drains the tasks."""
    tasks, errors = [], []
    lock = threading.Lock()

    def create(part):
        client = Client(port, timeout)
        try:
            for uid in part:
                t = client.enqueue("POST", "/indexes", {"uid": uid, "primaryKey": "id"})
                with lock:
                    tasks.append(t)
        except Failure as e:
            with lock:
                errors.append(str(e))
        finally:
            client.close()

    workers = [threading.Thread(target=create, args=(uids[i::threads],)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(task_seconds)
        if w.is_alive():
            raise Failure("index creation requests did not finish in time")
    if errors:
        raise Failure("creating indexes: " + errors[0])
    client = Client(port, timeout)
    try:
        return drain(client, tasks, task_seconds)
    finally:
        client.close()


def verify(client, run, big, rng, sample):
    """The documents written are there, and searches for their markers find them."""
    stats = client.expect("GET", f"/indexes/{BIG}/stats")
    if stats["numberOfDocuments"] != big.added:
        raise Failure(f"{BIG}: {stats['numberOfDocuments']} documents, {big.added} added")
    res = client.expect("POST", f"/indexes/{BIG}/search", {"q": "", "limit": 1})
    if res.get("estimatedTotalHits") != min(big.added, MAX_TOTAL_HITS):
        raise Failure(f"{BIG}: an empty search estimates {res.get('estimatedTotalHits')} hits, "
                      f"{big.added} added")
    ids = [d["id"] for d in big.ctx["docs"]]
    passes = (big.added + len(ids) - 1) // len(ids)
    all_big = [i + p * big.ctx["id_stride"] for p in range(passes) for i in ids][:big.added]
    checked = 0
    for doc_id in rng.sample(all_big, min(sample, len(all_big))):
        hits = client.expect("POST", f"/indexes/{BIG}/search",
                             {"q": marker(doc_id), "limit": 20})["hits"]
        if doc_id not in [h["id"] for h in hits]:
            raise Failure(f"{BIG}: a search for {marker(doc_id)} does not find document {doc_id}")
        checked += 1
    written = sorted(run.written.items())
    for uid, doc_ids in rng.sample(written, min(sample, len(written))):
        stats = client.expect("GET", f"/indexes/{uid}/stats")
        if stats["numberOfDocuments"] != len(doc_ids):
            raise Failure(f"{uid}: {stats['numberOfDocuments']} documents, {len(doc_ids)} added")
        res = client.expect("POST", f"/indexes/{uid}/search", {"q": "", "limit": 1})
        if res.get("estimatedTotalHits") != len(doc_ids):
            raise Failure(f"{uid}: an empty search estimates {res.get('estimatedTotalHits')} "
                          f"hits, {len(doc_ids)} added")
        doc_id = rng.choice(sorted(doc_ids))
        hits = client.expect("POST", f"/indexes/{uid}/search",
                             {"q": marker(doc_id), "limit": 20})["hits"]
        if doc_id not in [h["id"] for h in hits]:
            raise Failure(f"{uid}: a search for {marker(doc_id)} does not find document {doc_id}")
        checked += 1
    return checked


def mib(kb):
    return kb / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the Release myriad binary")
    ap.add_argument("--indexes", type=int, default=2000, help="small indexes")
    ap.add_argument("--big-mib", type=float, default=300, help="target data size of " + BIG)
    ap.add_argument("--seconds", type=float, default=60,
                    help="the least time the load runs (it also runs until big is done)")
    ap.add_argument("--max-seconds", type=float, default=1200,
                    help="bound of the load: big must be past the target by then")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="debian-packages.ndjson.zst")
    ap.add_argument("--as-bytes", type=int, default=4294967296, help="prlimit --as")
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--searchers", type=int, default=3)
    ap.add_argument("--writer-in-flight", type=int, default=8,
                    help="unfinished tasks per small writer at most")
    ap.add_argument("--big-batch", type=int, default=2000, help="documents per task on big")
    ap.add_argument("--max-ops", type=int, default=1_000_000, help="per client thread")
    ap.add_argument("--request-timeout", type=float, default=120)
    ap.add_argument("--task-seconds", type=float, default=600,
                    help="bound for a task (or a drain) to be final")
    ap.add_argument("--stop-seconds", type=float, default=60)
    ap.add_argument("--verify-sample", type=int, default=50)
    ap.add_argument("--keep", action="store_true", help="keep the database directory")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.monotonic()
    docs = read_corpus(args.corpus)
    words = sorted({w.lower() for d in docs for w in re.split(r"[^A-Za-z]+", d["package"])
                    if len(w) >= 4})
    small = [f"idx{i:05d}" for i in range(args.indexes)]
    ctx = {"docs": docs, "words": words, "small": small,
           "id_stride": 10 ** len(str(max(d["id"] for d in docs)))}

    work = tempfile.mkdtemp(prefix="myriad-small-as-")
    port = free_port()
    cmd = ["prlimit", f"--as={args.as_bytes}", "--", args.bin,
           "--db-path", os.path.join(work, "data.ms"), "--http-addr", f"127.0.0.1:{port}",
           "--log-level", "info"]
    server_log = open(os.path.join(work, "server.log"), "w+")
    print(f"small address space: seed {seed}, {len(docs)} corpus documents, port {port}, "
          f"db {work}", flush=True)
    print("  " + " ".join(cmd), flush=True)
    server = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=server_log,
                              stderr=subprocess.STDOUT)
    failures = []
    monitor = None
    try:
        admin = wait_for_health(server, lambda: Client(port, args.request_timeout), 30)
        run = Run(args.max_ops)
        monitor = Monitor(run, server)
        monitor.start()

        t0 = time.monotonic()
        created = create_indexes(port, small + [BIG], 4, args.request_timeout, args.task_seconds)
        total = admin.expect("GET", "/indexes?limit=1")["total"]
        if total != len(small) + 1:
            raise Failure(f"GET /indexes counts {total} indexes, {len(small) + 1} created")
        print(f"created {total} indexes in {time.monotonic() - t0:.1f} s "
              f"({created['succeeded']} tasks succeeded)", flush=True)

        run.start_load(args.seconds, args.max_seconds)
        big = BigWriter("big-writer", run, port, args.request_timeout, rng.randrange(1 << 30),
                        ctx, target_bytes=int(args.big_mib * 2**20), batch=args.big_batch,
                        task_seconds=args.task_seconds)
        workers = ([SmallWriter(f"writer-{i}", run, port, args.request_timeout,
                                rng.randrange(1 << 30), ctx, in_flight=args.writer_in_flight,
                                task_seconds=args.task_seconds) for i in range(args.writers)] +
                   [Searcher(f"searcher-{i}", run, port, args.request_timeout,
                             rng.randrange(1 << 30), ctx) for i in range(args.searchers)] + [big])
        for w in workers:
            w.start()
        join_by = run.hard_deadline + args.task_seconds + args.request_timeout
        for w in workers:
            w.join(max(0, join_by - time.monotonic()))
            if w.is_alive():
                run.fail(w.name, "still running after its deadline")
        load_seconds = time.monotonic() - run.started
        failures += run.failures
        # The server closes a connection idle for its read timeout (120 s): the
        # admin's sat idle through the load.
        admin.close()
        admin = Client(port, args.request_timeout)
        if not failures:
            outcomes = drain(admin, run.tasks, args.task_seconds)
            checked = verify(admin, run, big, rng, args.verify_sample)
            monitor.sample()
            opened = sum(1 for uid in small if run.written.get(uid))
            print(f"load: {load_seconds:.1f} s; {run.writes} small writes to {opened} indexes, "
                  f"{len(big.tasks)} batches to {BIG}; {len(run.tasks)} tasks: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
            print(f"{BIG}: {big.added} documents, {big.size / 2**20:.0f} MiB of data "
                  f"(target {args.big_mib:g} MiB; a 4 GiB / {args.indexes} share is "
                  f"{args.as_bytes / args.indexes / 2**20:.1f} MiB)")
            print(f"searches: {run.searches} ({run.searches / load_seconds:.0f}/s); "
                  f"verified {checked} indexes' documents by search")
        run.stop.set()
        monitor.join(5)
    except Failure as e:
        failures.append(str(e))
    finally:
        if monitor is not None:
            monitor.run_state.stop.set()
            monitor.sample()
            p = monitor.peak
            limit_mib = args.as_bytes / 2**20
            # VmPeak includes the start-up probe, which reserves all it can for a moment.
            print(f"server memory: largest VmSize sampled (every 0.2 s) {mib(p['VmSize']):.0f} MiB "
                  f"of the {limit_mib:.0f} MiB limit (VmPeak {mib(p['VmPeak']):.0f} MiB: the "
                  f"start-up address-space probe); RSS peak (VmHWM) {mib(p['VmHWM']):.0f} MiB, "
                  f"now {mib(monitor.last.get('VmRSS', 0)):.0f} MiB")
        if server.poll() is None:
            t = time.monotonic()
            server.send_signal(signal.SIGTERM)
            try:
                rc = server.wait(timeout=args.stop_seconds)
                print(f"SIGTERM: exited {rc} after {time.monotonic() - t:.2f} s")
                if rc != 0:
                    failures.append(f"the server exited {rc} after SIGTERM")
            except subprocess.TimeoutExpired:
                failures.append(f"the server did not stop within {args.stop_seconds} s of SIGTERM")
                server.kill()
                server.wait()
        else:
            failures.append(f"the server exited {server.returncode} on its own")
        server_log.seek(0)
        log = server_log.read()
        server_log.close()
        for line in log.splitlines():
            if "address budget" in line or "replayed" in line:
                print("  server: " + line.split("] ", 2)[-1])
        if failures:
            print("server log (tail):\n" + log[-5000:], file=sys.stderr)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"duration: {time.monotonic() - started:.1f} s")
    if failures:
        print(f"FAILED (seed {seed}):", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        return 1
    print("small address space: OK (every task succeeded, no 5xx, no dropped connection, "
          "clean stop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
