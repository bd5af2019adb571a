#!/usr/bin/env python3
"""Backup benchmark: POST /dumps and POST /snapshots, taken live, against
`tar czf` and `cp -r` of the same data directory, same run.

Run through bench/backup.sh, which finds the binary and decompresses the corpus
into a temporary directory. Python standard library only.

Each scenario gets a fresh server and a fresh work directory
(`--db-path <work>/data.ms`, `--dump-dir <work>/dumps`, `--snapshot-dir
<work>/snapshots`, no master key):

- big: one index `debian` with the whole corpus (searchableAttributes package,
  summary, description; filterableAttributes section), posted as NDJSON
  payloads of 8,000 documents with primaryKey `id`;
- many: INDEXES small indexes `i0`, `i1`, ... (10,000 by default), DOCS
  documents each (5 by default) drawn from the corpus with the seed, each
  created by its first POST /indexes/i{n}/documents?primaryKey=id.

The build is timed from the first POST to the last task's success (polled;
every task must succeed). Then, with the server running, one after the other:

- dump: POST /dumps, polled until the dumpCreation task succeeds; the file is
  `<dump-dir>/<details.dumpUid>.dump`;
- snapshot: POST /snapshots, polled until the snapshotCreation task succeeds;
  the file is `<snapshot-dir>/data.ms.snapshot`.

Each is timed from the POST to the task's success as the client sees it
(polled every 10 ms; the task's own `duration` is printed too). Meanwhile one
thread sends top-20 searches back to back on a keep-alive connection (q one or
two words drawn with the seed from the documents of the index searched; in
"many" a random index each time) and another samples the server's VmRSS every
10 ms. Reported per operation: the searches that overlapped it (count, p50,
p99, slowest, how many took over 50 ms, errors, the three slowest with their
index, query and moment), the largest VmRSS and RssAnon sampled during it
(VmRSS counts the LMDB pages mapped from the files, RssAnon the heap), and
VmHWM after it (the process's peak so far, build included). The same
searches run for SEARCH_IDLE seconds before each operation, as the idle
reference. Each file is then checked: `tar tzf` must list it (entries counted),
and it is read with Python's tarfile: a dump's documents.jsonl lines must add
up to the documents posted, a snapshot must hold myriad-snapshot.json and one
env per index.

Baselines, after the operations with the server stopped (SIGTERM, waited for),
on the same data directory, page cache warm as for the server: `tar czf
<tmp>/db.tar.gz -C <work> data.ms` (seconds, bytes) and `cp -r` of data.ms
(seconds, bytes by `du -sb`). Ratios: seconds and bytes over tar czf's; the goal
is seconds within 1.5x of tar czf.
"""
import argparse
import collections
import http.client
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import threading
import time

BIG_UID = "debian"
BIG_PAYLOAD = 8000
SEARCHABLE = ["package", "summary", "description"]
FILTERABLE = ["section"]
SLOW_MS = 50
GOAL_RATIO = 1.5
POLL_S = 0.01
RSS_SAMPLE_S = 0.01
WORD = re.compile(r"^[a-z]{3,}$")


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
            f'python={platform.python_version()} tar="{tool_version("tar")}" '
            f'gzip="{tool_version("gzip")}"')


def tool_version(tool):
    try:
        out = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
        return out.splitlines()[0].strip()
    except (OSError, IndexError):
        return "?"


def load_line():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(values, p):
    """Nearest-rank percentile."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def du_bytes(path, apparent=True):
    """Bytes under path: apparent sizes (du -sb), or blocks on disk (du -sk)."""
    flag = "-sb" if apparent else "-sk"
    out = subprocess.run(["du", flag, path], capture_output=True, text=True, check=True)
    n = int(out.stdout.split()[0])
    return n if apparent else n * 1024


def iso_duration_s(text):
    """Seconds of an ISO 8601 duration such as PT1.5S or PT2M3.1S; None if unknown."""
    m = re.fullmatch(r"P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", text or "")
    if not m or not text:
        return None
    d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    return ((d * 24 + h) * 60 + mi) * 60 + s


def mib(b):
    return b / 1048576


def human_bytes(b):
    return f"{b / 1e6:,.1f} MB" if b >= 1e6 else f"{b / 1e3:,.1f} kB"


# ---------------------------------------------------------------- the server

class Server:
    def __init__(self, binary, workdir):
        self.workdir = workdir
        self.db_path = os.path.join(workdir, "data.ms")
        self.dump_dir = os.path.join(workdir, "dumps")
        self.snapshot_dir = os.path.join(workdir, "snapshots")
        self.port = free_port()
        self.log_path = os.path.join(workdir, "server.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "--db-path", self.db_path, "--http-addr", f"127.0.0.1:{self.port}",
             "--dump-dir", self.dump_dir, "--snapshot-dir", self.snapshot_dir,
             "--log-level", "warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.conn = None
        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn = self.connect()
                if self.request("GET", "/health")[0] == 200:
                    break
            except OSError:
                self.conn = None
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"server did not start; log:\n{open(self.log_path).read()}")
            time.sleep(0.05)  # waiting for the listener, not for work

    def connect(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)

    def request(self, method, path, body=None, ctype="application/json", conn=None):
        conn = conn or self.conn
        headers = {"Content-Type": ctype} if body is not None else {}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # An idle keep-alive connection the server closed; only a GET is safe to resend.
            if method != "GET":
                raise
            conn.close()
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
        return r.status, r.read()

    def enqueue(self, method, path, body=None, ctype="application/json", conn=None):
        status, raw = self.request(method, path, body, ctype, conn)
        if status != 202:
            sys.exit(f"{method} {path}: {status} {raw[:300]!r}")
        return json.loads(raw)["taskUid"]

    def task(self, uid):
        return json.loads(self.request("GET", f"/tasks/{uid}")[1])

    def wait(self, uid, interval=POLL_S):
        """Polls the task until it is finished; returns its JSON."""
        while True:
            task = self.task(uid)
            if task["status"] in ("succeeded", "failed", "canceled"):
                return task
            time.sleep(interval)  # poll interval only; completion is read from the task

    def unfinished(self):
        raw = self.request("GET", "/tasks?statuses=enqueued,processing&limit=1")[1]
        return json.loads(raw)["total"]

    def not_succeeded(self):
        raw = self.request("GET", "/tasks?statuses=failed,canceled&limit=1")[1]
        page = json.loads(raw)
        return page["total"], page["results"][:1]

    def proc_statuses(self, fields):
        """Several /proc/PID/status figures in bytes, read at once."""
        out = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for l in f:
                k = l.split(":", 1)[0]
                if k in fields:
                    out[k] = int(l.split()[1]) * 1024
        return out

    def proc_status(self, field):
        """A /proc/PID/status figure in bytes (VmRSS, VmHWM)."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(next(l for l in f if l.startswith(field + ":")).split()[1]) * 1024

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                print("  !! the server did not stop within 120 s of SIGTERM: killed")
        self.log.close()
        if self.proc.returncode not in (0, -signal.SIGTERM):
            print(f"  !! the server exited with status {self.proc.returncode}")

    def log_problems(self):
        """The log's lines at warn level or above (the server runs at --log-level warn),
        but the expected one about running without a master key."""
        with open(self.log_path, errors="replace") as f:
            return [l.rstrip() for l in f if l.strip() and "no master key is set" not in l]


# ---------------------------------------------------------------- building

def words_of(doc):
    text = f'{doc.get("package", "")} {doc.get("summary", "")}'.lower()
    return [w for w in re.split(r"[^a-z]+", text) if WORD.match(w)]


def check_tasks(srv, last, what):
    task = srv.wait(last, interval=0.05)
    bad, sample = srv.not_succeeded()
    if task["status"] != "succeeded" or bad:
        sys.exit(f"{what}: a task did not succeed: {task} {sample}")
    return task


def build_big(srv, lines, docs):
    uid = srv.enqueue("PATCH", f"/indexes/{BIG_UID}/settings",
                      {"searchableAttributes": SEARCHABLE, "filterableAttributes": FILTERABLE})
    t0 = time.perf_counter()
    payloads = [b"".join(lines[i:i + BIG_PAYLOAD]) for i in range(0, len(lines), BIG_PAYLOAD)]
    uids = [uid] + [srv.enqueue("POST", f"/indexes/{BIG_UID}/documents?primaryKey=id", p,
                                "application/x-ndjson") for p in payloads]
    check_tasks(srv, uids[-1], "big")
    seconds = time.perf_counter() - t0
    indexed = sum((srv.task(u).get("details") or {}).get("indexedDocuments") or 0
                  for u in uids[1:])
    if indexed != len(lines):
        sys.exit(f"big: {indexed} documents indexed of {len(lines)}")
    vocab = sorted({w for d in docs for w in words_of(d)})
    targets = [(BIG_UID, vocab)]
    desc = (f"1 index `{BIG_UID}`, {len(lines):,} documents in {len(payloads)} NDJSON payloads "
            f"of {BIG_PAYLOAD:,}")
    return seconds, targets, {BIG_UID: len(lines)}, desc


def build_many(srv, docs, count, per, seed, clients=2):
    rng = random.Random(seed)
    picks = [rng.sample(range(len(docs)), per) for _ in range(count)]
    bodies = [json.dumps([docs[j] for j in p]).encode() for p in picks]
    uids = [None] * count
    errors = []

    def post(k):
        conn = srv.connect()
        try:
            for i in range(k, count, clients):
                uids[i] = srv.enqueue("POST", f"/indexes/i{i}/documents?primaryKey=id", bodies[i],
                                      conn=conn)
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=post, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    enqueued_s = time.perf_counter() - t0
    print(f"  many: {count:,} POSTs enqueued in {enqueued_s:.1f} s; "
          f"{srv.unfinished():,} tasks not finished yet", flush=True)
    last = max(uids)
    next_report = time.monotonic() + 15
    while srv.task(last)["status"] not in ("succeeded", "failed", "canceled"):
        if time.monotonic() > next_report:
            print(f"    {time.perf_counter() - t0:.0f} s: {srv.unfinished():,} tasks left",
                  flush=True)
            next_report += 15
        time.sleep(0.05)  # poll interval only
    check_tasks(srv, last, "many")
    seconds = time.perf_counter() - t0
    targets = [(f"i{i}", sorted({w for j in p for w in words_of(docs[j])}) or ["debian"])
               for i, p in enumerate(picks)]
    desc = (f"{count:,} indexes of {per} documents each ({count * per:,} documents, drawn with "
            f"seed {seed}), one POST each")
    return seconds, targets, {f"i{i}": per for i in range(count)}, desc


# ---------------------------------------------------------------- one live operation

class Watch:
    """Searches back to back on one keep-alive connection, and VmRSS every 10 ms,
    from start() until stop(); keeps (start, end, ok) per search and the samples."""

    def __init__(self, srv, targets, seed):
        self.srv, self.targets = srv, targets
        self.rng = random.Random(seed)
        self.searches, self.rss = [], []
        self.errors = collections.Counter()
        self.halt = threading.Event()

    def _search(self):
        conn = self.srv.connect()
        headers = {"Content-Type": "application/json"}
        while not self.halt.is_set():
            uid, vocab = self.targets[self.rng.randrange(len(self.targets))]
            q = " ".join(self.rng.choice(vocab) for _ in range(self.rng.randint(1, 2)))
            body = json.dumps({"q": q, "limit": 20}).encode()
            t0 = time.perf_counter()
            try:
                conn.request("POST", f"/indexes/{uid}/search", body=body, headers=headers)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
                if not ok:
                    self.errors[f"HTTP {r.status}"] += 1
            except (OSError, http.client.HTTPException) as e:
                ok = False
                self.errors[type(e).__name__] += 1
                conn.close()
                conn = self.srv.connect()
            self.searches.append((t0, time.perf_counter(), ok, uid, q))
        conn.close()

    def _sample(self):
        while not self.halt.is_set():
            try:
                t = time.perf_counter()
                st = self.srv.proc_statuses(("VmRSS", "RssAnon"))
                self.rss.append((t, st["VmRSS"], st["RssAnon"]))
            except (OSError, StopIteration):
                return
            time.sleep(RSS_SAMPLE_S)

    def start(self):
        self.threads = [threading.Thread(target=self._search), threading.Thread(target=self._sample)]
        for t in self.threads:
            t.start()

    def stop(self):
        self.halt.set()
        for t in self.threads:
            t.join()

    def window(self, t0, t1):
        """The searches overlapping [t0, t1]: latencies in ms, errors, the 3 slowest
        (ms, seconds since t0, index, q); the max VmRSS and RssAnon sampled."""
        inside = [x for x in self.searches if x[1] >= t0 and x[0] <= t1]
        lat = [(e - s) * 1000 for s, e, ok, _, _ in inside if ok]
        errs = sum(1 for x in inside if not x[2])
        slowest = sorted(((e - s) * 1000, s - t0, uid, q) for s, e, ok, uid, q in inside)[-3:]
        rss = [(v, a) for t, v, a in self.rss if t0 <= t <= t1]
        return (lat, errs, slowest[::-1], max(v for v, _ in rss) if rss else None,
                max(a for _, a in rss) if rss else None)


def search_figures(lat, errs, slowest):
    if not lat:
        return {"n": 0, "p50": None, "max": None, "slow": 0, "errors": errs, "slowest": slowest}
    return {"n": len(lat), "p50": pct(lat, 50), "p99": pct(lat, 99), "max": max(lat),
            "slow": sum(1 for x in lat if x > SLOW_MS), "errors": errs, "slowest": slowest}


def live_operation(srv, kind, targets, seed, idle_s):
    """POST /dumps or /snapshots with searches running; returns its figures."""
    watch = Watch(srv, targets, seed)
    hwm_before = srv.proc_status("VmHWM")
    watch.start()
    try:
        i0 = time.perf_counter()
        time.sleep(idle_s)  # the idle reference: searches with no operation running
        i1 = time.perf_counter()
        t0 = time.perf_counter()
        uid = srv.enqueue("POST", "/dumps" if kind == "dump" else "/snapshots")
        task = srv.wait(uid)
        t1 = time.perf_counter()
    finally:
        watch.stop()
    hwm_after = srv.proc_status("VmHWM")
    want = "dumpCreation" if kind == "dump" else "snapshotCreation"
    if task["status"] != "succeeded" or task.get("type") != want:
        sys.exit(f"{kind}: task did not succeed: {task}")
    if kind == "dump":
        dump_uid = (task.get("details") or {}).get("dumpUid")
        path = os.path.join(srv.dump_dir, f"{dump_uid}.dump")
    else:
        path = os.path.join(srv.snapshot_dir, os.path.basename(srv.db_path) + ".snapshot")
    if not os.path.isfile(path):
        sys.exit(f"{kind}: task succeeded but {path} does not exist; task {task}; "
                 f"{os.listdir(os.path.dirname(path)) if os.path.isdir(os.path.dirname(path)) else 'no dir'}")
    lat, errs, slowest, rss, anon = watch.window(t0, t1)
    idle_lat, idle_errs, idle_slowest, _, _ = watch.window(i0, i1)
    return {"op": kind, "seconds": t1 - t0, "task_s": iso_duration_s(task.get("duration")),
            "bytes": os.path.getsize(path), "path": path, "rss_max": rss, "anon_max": anon,
            "hwm_before": hwm_before, "hwm_after": hwm_after,
            "rss_samples": sum(1 for x in watch.rss if t0 <= x[0] <= t1),
            "search": search_figures(lat, errs, slowest),
            "idle": search_figures(idle_lat, idle_errs, idle_slowest)}


# ---------------------------------------------------------------- checking the files

def tar_list(path):
    """Entries `tar tzf` lists, or sys.exit with its error."""
    r = subprocess.run(["tar", "tzf", path], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"tar tzf {path}: status {r.returncode}: {r.stderr[:500]}")
    return [l for l in r.stdout.splitlines() if l]


def check_dump(path, expected):
    """Document lines per index in the dump against what was posted."""
    counts, meta = collections.Counter(), False
    with tarfile.open(path, "r:gz") as tf:
        for m in tf:
            name = m.name.lstrip("./")
            if name == "metadata.json":
                meta = True
            parts = name.split("/")
            if len(parts) == 3 and parts[0] == "indexes" and parts[2] == "documents.jsonl":
                f = tf.extractfile(m)
                counts[parts[1]] = sum(1 for l in f if l.strip())
    problems = []
    if not meta:
        problems.append("no metadata.json")
    missing = [u for u in expected if u not in counts]
    wrong = [u for u in expected if u in counts and counts[u] != expected[u]]
    extra = [u for u in counts if u not in expected]
    if missing:
        problems.append(f"{len(missing)} index(es) missing, e.g. {missing[:3]}")
    if wrong:
        problems.append(f"{len(wrong)} index(es) with the wrong document count, e.g. "
                        f"{wrong[0]}: {counts[wrong[0]]} not {expected[wrong[0]]}")
    if extra:
        problems.append(f"{len(extra)} unexpected index(es), e.g. {extra[:3]}")
    return (f"{len(counts):,} indexes, {sum(counts.values()):,} documents; "
            + ("; ".join(problems) if problems else "as posted")), not problems


def check_snapshot(path, n_indexes):
    """The marker file and one data.mdb per index (plus registry, tasks, auth)."""
    names = [m.lstrip("./") for m in tar_list(path)]
    marker = "myriad-snapshot.json" in names
    envs = {n.split("/")[1] for n in names
            if n.startswith("indexes/") and n.endswith("data.mdb") and n.count("/") >= 2}
    problems = []
    if not marker:
        problems.append("no myriad-snapshot.json")
    if len(envs) != n_indexes:
        problems.append(f"{len(envs)} index envs, not {n_indexes}")
    return (f"{len(envs):,} index envs, marker {'present' if marker else 'missing'}; "
            + ("; ".join(problems) if problems else "as expected")), not problems


# ---------------------------------------------------------------- baselines

def timed_run(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    s = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: status {r.returncode}: {r.stderr[:500]}")
    return s


def baselines(srv, tmp):
    archive = os.path.join(tmp, "db.tar.gz")
    copy = os.path.join(tmp, "copy")
    tar_s = timed_run(["tar", "czf", archive, "-C", srv.workdir, "data.ms"])
    tar = {"op": "tar czf", "seconds": tar_s, "bytes": os.path.getsize(archive),
           "entries": len(tar_list(archive))}
    cp_s = timed_run(["cp", "-r", srv.db_path, copy])
    cp = {"op": "cp -r", "seconds": cp_s, "bytes": du_bytes(copy)}
    os.remove(archive)
    shutil.rmtree(copy)
    return tar, cp


# ---------------------------------------------------------------- a scenario

def run_scenario(name, args, lines, docs):
    work = os.path.join(args.workdir, name)
    os.makedirs(work)
    print(f"\n== scenario {name}", flush=True)
    srv = Server(args.bin, work)
    try:
        if name == "big":
            build_s, targets, expected, desc = build_big(srv, lines, docs)
        else:
            build_s, targets, expected, desc = build_many(srv, docs, args.indexes, args.docs,
                                                          args.seed)
        print(f"  built: {desc}; {build_s:.1f} s, first POST to last task succeeded; "
              f"VmRSS {mib(srv.proc_status('VmRSS')):.0f} MiB (RssAnon "
              f"{mib(srv.proc_status('RssAnon')):.0f} MiB, RssFile "
              f"{mib(srv.proc_status('RssFile')):.0f} MiB), VmHWM "
              f"{mib(srv.proc_status('VmHWM')):.0f} MiB", flush=True)
        ops = []
        for k, kind in enumerate(("dump", "snapshot")):
            op = live_operation(srv, kind, targets, args.seed + 1 + k, args.search_idle)
            ops.append(op)
            s, i = op["search"], op["idle"]
            task_s = f"{op['task_s']:.2f} s" if op["task_s"] is not None else "?"
            print(f"  {kind}: {op['seconds']:.2f} s POST to succeeded (task duration {task_s}), "
                  f"{human_bytes(op['bytes'])}, {os.path.basename(op['path'])}", flush=True)
            rss = (f"{mib(op['rss_max']):.0f} MiB (RssAnon {mib(op['anon_max']):.0f} MiB)"
                   if op["rss_max"] else "no sample")
            print(f"    RSS: max VmRSS sampled during it {rss} ({op['rss_samples']} samples); "
                  f"VmHWM {mib(op['hwm_before']):.0f} MiB before, {mib(op['hwm_after']):.0f} "
                  f"MiB after")
            print(f"    searches during it: {fmt_search(s)}")
            print("      slowest: " + "; ".join(f"{ms:.1f} ms at +{at:.2f} s on {uid} q={q!r}"
                                                for ms, at, uid, q in s["slowest"]))
            print(f"    searches in the {args.search_idle:.0f} s before it: {fmt_search(i)}",
                  flush=True)
        entries = {}
        for op in ops:
            op["entries"] = len(tar_list(op["path"]))
            t0 = time.perf_counter()
            if op["op"] == "dump":
                verdict, ok = check_dump(op["path"], expected)
            else:
                verdict, ok = check_snapshot(op["path"], len(expected))
            op["check_ok"] = ok
            print(f"  {op['op']} file: tar tzf lists {op['entries']:,} entries; read back: "
                  f"{verdict} ({time.perf_counter() - t0:.1f} s)", flush=True)
            entries[op["op"]] = op["entries"]
    finally:
        srv.stop()
    problems = srv.log_problems()
    print(f"  server log (--log-level warn, the no-master-key warning left out): "
          f"{len(problems)} line(s)"
          + "".join(f"\n    {l}" for l in problems[:10]))
    data_apparent, data_disk = du_bytes(srv.db_path), du_bytes(srv.db_path, apparent=False)
    print(f"  data directory data.ms: {human_bytes(data_apparent)} apparent (du -sb), "
          f"{human_bytes(data_disk)} on disk (du -sk)", flush=True)
    tar, cp = baselines(srv, args.workdir)
    print(f"  tar czf (server stopped): {tar['seconds']:.2f} s, {human_bytes(tar['bytes'])}, "
          f"{tar['entries']:,} entries")
    print(f"  cp -r (server stopped): {cp['seconds']:.2f} s, {human_bytes(cp['bytes'])} (du -sb)",
          flush=True)
    for op in ops:
        print(f"  {op['op']} / tar czf: {op['seconds'] / tar['seconds']:.2f} in seconds, "
              f"{op['bytes'] / tar['bytes']:.2f} in bytes (goal: seconds within "
              f"{GOAL_RATIO}x: {goal(op['seconds'] <= GOAL_RATIO * tar['seconds'])})")
    if not args.keep:
        shutil.rmtree(work)
    return {"name": name, "desc": desc, "build_s": build_s, "ops": ops, "tar": tar, "cp": cp,
            "data": data_apparent, "data_disk": data_disk, "log_lines": len(problems)}


def fmt_search(s):
    if not s["n"]:
        return f"none completed ({s['errors']} errors)"
    return (f"{s['n']:,}, p50 {s['p50']:.2f} ms, p99 {s['p99']:.2f} ms, slowest {s['max']:.1f} ms, "
            f"{s['slow']} over {SLOW_MS} ms, {s['errors']} errors")


def goal(ok):
    return "met" if ok else "**not met**"


# ---------------------------------------------------------------- report

def print_table(args, results):
    scen = ",".join(r["name"] for r in results)
    extra = f" --indexes {args.indexes}" if "many" in scen else ""
    print("\n-- README snippet\n")
    print(f"`bench/backup.sh --seed {args.seed} --scenarios {scen}{extra}` (commit "
          f"`{args.commit}`, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"{load_line()} at the end): dumps and snapshots taken live, searches running, against "
          f"`tar czf` and `cp -r` of the same data directory with the server stopped, same run.\n")
    for r in results:
        print(f"- {r['name']}: {r['desc']}; built in {r['build_s']:.1f} s; data.ms "
              f"{human_bytes(r['data'])} (du -sb)")
    print()
    print("| scenario | operation | seconds | bytes | seconds / tar czf | bytes / tar czf "
          "| peak RSS / RssAnon during op (VmHWM after) | slowest search during op | p50 search during op "
          "| searches > 50 ms | entries (tar tzf) | goal: ≤ 1.5x tar czf |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        tar = r["tar"]
        for op in r["ops"] + [tar, r["cp"]]:
            live = "search" in op
            s = op.get("search", {})
            rss = (f"{mib(op['rss_max']):.0f} MiB / {mib(op['anon_max']):.0f} MiB "
                   f"({mib(op['hwm_after']):.0f} MiB)" if live and op["rss_max"] else "")
            slowest = f"{s['max']:.1f} ms" if live and s["n"] else ""
            p50 = f"{s['p50']:.2f} ms" if live and s["n"] else ""
            slow = f"{s['slow']} of {s['n']:,}" if live else ""
            g = goal(op["seconds"] <= GOAL_RATIO * tar["seconds"]) if live else ""
            name = {"dump": "POST /dumps", "snapshot": "POST /snapshots"}.get(op["op"], op["op"])
            print(f"| {r['name']} | {name} | {op['seconds']:.2f} | {op['bytes']:,} "
                  f"| {op['seconds'] / tar['seconds']:.2f} | {op['bytes'] / tar['bytes']:.2f} "
                  f"| {rss} | {slowest} | {p50} | {slow} | {op.get('entries', '') and format(op['entries'], ',')} "
                  f"| {g} |")
        idle = [op["idle"] for op in r["ops"] if op["idle"]["n"]]
        if idle:
            p50s = " / ".join(f"{i['p50']:.2f}" for i in idle)
            maxs = " / ".join(f"{i['max']:.1f}" for i in idle)
            print(f"| {r['name']} | no operation ({args.search_idle:.0f} s before each) | | | | "
                  f"| | {maxs} ms | {p50s} ms | "
                  f"{' / '.join(str(i['slow']) for i in idle)} | | |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True, help="the corpus as NDJSON")
    ap.add_argument("--workdir", required=True, help="an empty temporary directory")
    ap.add_argument("--corpus-name", default="debian-packages.ndjson.zst")
    ap.add_argument("--scenarios", default="big,many")
    ap.add_argument("--indexes", type=int, default=10_000, help='indexes of "many"')
    ap.add_argument("--docs", type=int, default=5, help='documents per index of "many"')
    ap.add_argument("--search-idle", type=float, default=3,
                    help="seconds of searches before each operation, the idle reference")
    ap.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**6))
    ap.add_argument("--commit", default="?", help="the commit the binary was built from")
    ap.add_argument("--keep", action="store_true", help="keep each scenario's work directory")
    args = ap.parse_args()
    scenarios = [s for s in args.scenarios.split(",") if s]
    if any(s not in ("big", "many") for s in scenarios):
        sys.exit(f"--scenarios: big and/or many, not {args.scenarios}")

    wall = time.perf_counter()
    with open(args.corpus, "rb") as f:
        lines = [l if l.endswith(b"\n") else l + b"\n" for l in f if l.strip()]
    docs = [json.loads(l) for l in lines]
    print("== backup: POST /dumps and POST /snapshots taken live vs tar czf and cp -r of the "
          "data directory")
    print(machine_line())
    print(f"corpus: {args.corpus_name}, {len(lines):,} documents, "
          f"{os.path.getsize(args.corpus) / 1e6:.1f} MB raw")
    print(f"binary: {args.bin} (commit {args.commit}); seed {args.seed} (--seed {args.seed} "
          f"draws the same); scenarios {','.join(scenarios)}; {load_line()} at the start")
    sys.stdout.flush()
    results = [run_scenario(s, args, lines, docs) for s in scenarios]
    print_table(args, results)
    print(f"\nwall time {time.perf_counter() - wall:.0f} s; {load_line()} at the end")


if __name__ == "__main__":
    main()
