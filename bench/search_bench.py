#!/usr/bin/env python3
"""Search benchmark: Myriad over HTTP against SQLite FTS5 and Xapian in process, same run.

Run through bench/search.sh, which finds the binary and decompresses the corpus
into a temporary directory. Python standard library, sqlite3 and Debian's
python3-xapian only.

1. Indexing. Myriad gets searchableAttributes [package, summary, description]
   and filterableAttributes [section, priority, architecture], then the corpus
   as NDJSON payloads posted back to back, timed from the first POST to the last
   task's success; every task must succeed. Each payload size (8,000 documents,
   the headline; 1,000; the whole corpus in one) goes into a fresh server with
   a fresh data directory, so its peak RSS (VmHWM) is its own. The baselines
   index once, in one transaction, JSON parsing included:
   - FTS5: fts5(package, summary, description, unicode61, prefix='2 3') plus a
     plain table for the filter columns;
   - Xapian: TermGenerator with positions, no stemmer, the package weighted 3,
     the summary 2, the description 1 (wdf), a gap of 100 positions between
     fields so that phrases do not cross them, boolean terms for the filter
     columns. Its spelling table (the typo lookups below) is built afterwards
     and timed apart, not counted in its documents per second.
2. Queries drawn from the corpus with a seeded generator, the same number in
   each class (CLASSES). Query words come from whitespace-separated words of
   letters and digits only ("real-time", "c++" or "3.11" are never drawn), so
   that the three tokenizers agree on them. Each engine runs the whole set once
   as a warm-up, then once measured, top 20:
   - ours: POST /indexes/debian/search, limit 20, one keep-alive connection,
     timed client side up to the last byte; default settings (matchingStrategy
     `last`, typo tolerance, the last word a prefix);
   - FTS5: the AND of the words, the last with `*` in the prefix classes, one
     quoted string for a phrase, a join for a filter, ORDER BY bm25 LIMIT 20; no
     typo tolerance (a typo is searched as typed);
   - Xapian: the words as its TermGenerator splits the query, OP_AND, the last
     an OP_WILDCARD in the prefix classes, OP_PHRASE for a phrase, OP_FILTER
     with a boolean term for a filter, BM25Weight; a word missing from the index
     is replaced by its spelling suggestion at edit distance 1 (Levenshtein:
     a transposition is 2 for Xapian, so it stays uncorrected).
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
import socket
import sqlite3
import subprocess
import sys
import time

import xapian

SEARCHABLE = ["package", "summary", "description"]
FILTERABLE = ["section", "priority", "architecture"]
XAPIAN_FIELD_WEIGHTS = [("package", 3), ("summary", 2), ("description", 1)]
XAPIAN_BOOLEAN_PREFIX = {"section": "XS", "priority": "XP", "architecture": "XA"}
# Pronouns, articles, auxiliaries and conjunctions. Prepositions are words here:
# "library for" is a pair users type (the slow case).
STOP = set("a an and are as be been but can do does has have if is it its may no not of "
           "or should so such than that the their them there these they this to was were "
           "which will you your".split())
COMMON_WORDS = 200
TOKEN = re.compile(r"[^\W_]+")  # FTS5's unicode61 tokens (letters and digits)
# A whitespace-separated word of letters and digits, maybe after an opening
# bracket or quote and before closing punctuation (which ends a run of words).
CLEAN_WORD = re.compile(r"^([(\"']?)([^\W_]+)([.,;:!?)\"']*)$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


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
            f'python={platform.python_version()} sqlite={sqlite3.sqlite_version} '
            f'xapian={xapian.version_string()}')


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


# ---------------------------------------------------------------- the corpus

def word_runs(text):
    """The runs of consecutive clean words of text, lowercased: punctuation or a
    word with punctuation inside ends a run."""
    runs, run = [], []
    for chunk in (text or "").lower().split():
        m = CLEAN_WORD.match(chunk)
        if not m or m.group(1):
            if run:
                runs.append(run)
            run = []
        if not m:
            continue
        run.append(m.group(2))
        if m.group(3):
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def is_content(w):
    return w not in STOP and len(w) >= 3 and not w.isdigit()


class Corpus:
    """The documents and what the query generator draws from them."""

    def __init__(self, docs):
        self.docs = docs
        self.summary_runs = [word_runs(d.get("summary")) for d in docs]
        self.summary_words = [[w for run in runs for w in run] for runs in self.summary_runs]
        self.content = [[w for w in ws if is_content(w)] for ws in self.summary_words]
        self.common = self._common_words()

    def _common_words(self):
        df = collections.Counter()
        for d in self.docs:
            text = f'{d.get("package")} {d.get("summary")} {d.get("description")}'.lower()
            df.update(set(TOKEN.findall(text)))
        ranked = (w for w, _ in df.most_common() if w not in STOP and not w.isdigit())
        return [w for _, w in zip(range(COMMON_WORDS), ranked)]

    def description_runs(self, i):
        return word_runs(self.docs[i].get("description"))


# ---------------------------------------------------------------- the query set
# Each generator returns (q, words, kind, filter): q is what a user types to
# Myriad, words the FTS5 tokens, kind "and", "prefix" (the last word is a
# prefix) or "phrase", filter None or (field, value).

def pick(rng, corpus, need):
    """A random document index i with need(i)."""
    while True:
        i = rng.randrange(len(corpus.docs))
        if need(i):
            return i


def one_typo(rng, text):
    """text with one edit between letters, not on its first letter:
    substitution, deletion, insertion or transposition."""
    while True:
        kind = rng.choice(("substitution", "deletion", "insertion", "transposition"))
        i = rng.randrange(1, len(text))
        letter = rng.choice(LETTERS)
        if kind == "insertion":
            ok, out = text[i - 1].isalpha(), text[:i] + letter + text[i:]
        elif kind == "transposition":
            ok = i + 1 < len(text) and text[i].isalpha() and text[i + 1].isalpha()
            out = text[:i] + text[i + 1:i + 2] + text[i] + text[i + 2:]
        elif kind == "deletion":
            ok, out = text[i].isalpha(), text[:i] + text[i + 1:]
        else:
            ok, out = text[i].isalpha(), text[:i] + letter + text[i + 1:]
        if ok and out != text:
            return out


def name_query(q, kind="and"):
    return q, TOKEN.findall(q), kind, None


def gen_name_exact(rng, c):
    return name_query(c.docs[rng.randrange(len(c.docs))]["package"])


def gen_name_typo(rng, c):
    def fits(name):
        return len(name) >= 5 and any(ch.isalpha() for ch in name[1:])

    i = pick(rng, c, lambda i: fits(c.docs[i]["package"]))
    return name_query(one_typo(rng, c.docs[i]["package"]))


def gen_name_prefix(rng, c):
    name = c.docs[pick(rng, c, lambda i: len(c.docs[i]["package"]) >= 4)]["package"]
    cut = rng.choice([k for k in range(3, len(name)) if name[k - 1].isalnum()])
    return name_query(name[:cut], "prefix")


def words_query(words, kind="and", filt=None):
    return " ".join(words), words, kind, filt


def gen_consecutive(rng, c):
    k = rng.randint(2, 4)
    runs = c.summary_runs[pick(rng, c, lambda i: any(len(r) >= k for r in c.summary_runs[i]))]
    run = rng.choice([r for r in runs if len(r) >= k])
    s = rng.randrange(len(run) - k + 1)
    return words_query(run[s:s + k])


def gen_scattered(rng, c):
    """2-4 content words of one summary, in order, not all consecutive in it."""
    k = rng.randint(2, 4)
    i = pick(rng, c, lambda i: len(c.content[i]) > k)
    words = c.summary_words[i]
    while True:
        at = sorted(rng.sample([j for j, w in enumerate(words) if is_content(w)], k))
        if at[-1] - at[0] != k - 1:
            return words_query([words[j] for j in at])


def gen_phrase(rng, c):
    k = rng.randint(2, 3)
    while True:
        i = rng.randrange(len(c.docs))
        runs = c.summary_runs[i] if rng.random() < 0.5 else c.description_runs(i)
        runs = [r for r in runs if len(r) >= k]
        if runs:
            run = rng.choice(runs)
            s = rng.randrange(len(run) - k + 1)
            words = run[s:s + k]
            return f'"{" ".join(words)}"', words, "phrase", None


def gen_filter(rng, c):
    i = pick(rng, c, lambda i: c.content[i])
    field = rng.choice(("section", "priority"))
    return words_query([rng.choice(c.content[i])], filt=(field, c.docs[i][field]))


def gen_common_pair(rng, c):
    common = set(c.common)

    def in_common(i):
        return list(dict.fromkeys(w for w in c.summary_words[i] if w in common))

    words = in_common(pick(rng, c, lambda i: len(in_common(i)) >= 2))
    a, b = sorted(rng.sample(range(len(words)), 2))
    return words_query([words[a], words[b]])


def content_word(rng, c, min_len):
    def fits(w):
        return len(w) >= min_len and w.isalpha()

    i = pick(rng, c, lambda i: any(fits(w) for w in c.content[i]))
    return i, rng.choice([w for w in c.content[i] if fits(w)])


def gen_prefix2(rng, c):
    return words_query([content_word(rng, c, 3)[1][:2]], "prefix")


def gen_single(rng, c):
    return words_query([rng.choice(c.content[pick(rng, c, lambda i: c.content[i])])])


def gen_typo(rng, c):
    return words_query([one_typo(rng, content_word(rng, c, 5)[1])])


def gen_prefix(rng, c):
    """A 3-5 letter cut of a word, after another word of the summary 40% of the time."""
    i, w = content_word(rng, c, 5)
    before = [rng.choice(c.content[i])] if rng.random() < 0.4 else []
    return words_query(before + [w[:rng.randint(3, min(5, len(w) - 1))]], "prefix")


CLASSES = [
    ("name", "package name, exact", gen_name_exact),
    ("name-typo", "package name, one typo", gen_name_typo),
    ("name-prefix", "package name, a prefix", gen_name_prefix),
    ("consec", "2-4 consecutive summary words", gen_consecutive),
    ("scatter", "2-4 summary words, not consecutive", gen_scattered),
    ("phrase", '"phrase" of 2-3 words', gen_phrase),
    ("filter", "a word + section/priority filter", gen_filter),
    ("common2", f"two of the {COMMON_WORDS} most common words", gen_common_pair),
    ("prefix2", "two-letter prefix", gen_prefix2),
    ("single", "old mix: single word", gen_single),
    ("typo", "old mix: one-typo word", gen_typo),
    ("prefix", "old mix: 3-5 letter prefix", gen_prefix),
]


def make_queries(corpus, n, seed):
    rng = random.Random(seed)
    per_class = max(1, n // len(CLASSES))
    queries = []
    for cls, _, gen in CLASSES:
        for _ in range(per_class):
            q, words, kind, filt = gen(rng, corpus)
            queries.append({"cls": cls, "q": q, "words": words, "kind": kind, "filter": filt})
    rng.shuffle(queries)
    return queries


def describe(q):
    f = f' [{q["filter"][0]} = {q["filter"][1]}]' if q["filter"] else ""
    return f'{q["cls"]} {q["q"]!r}{f}'


# ---------------------------------------------------------------- Myriad

class Myriad:
    def __init__(self, binary, workdir):
        os.makedirs(workdir)
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
            # baselines work); only a GET is safe to resend.
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

    def replays(self):
        """Writes replayed after MDB_MAP_FULL, which the server logs when it stops
        ('?' before)."""
        found = re.findall(r"(\d+) write\(s\) replayed", open(self.log_path).read())
        return found[-1] if found else "?"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


def index_myriad(srv, lines, size):
    """Posts lines as payloads of size documents; returns the shape's figures."""
    uid = srv.enqueue("PATCH", "/indexes/debian/settings",
                      {"searchableAttributes": SEARCHABLE, "filterableAttributes": FILTERABLE})
    t = srv.wait(uid)
    if t["status"] != "succeeded":
        sys.exit(f"settings task: {t}")
    payloads = [b"".join(lines[i:i + size]) for i in range(0, len(lines), size)]
    start = time.perf_counter()
    uids = [srv.enqueue("POST", "/indexes/debian/documents", p, "application/x-ndjson")
            for p in payloads]
    last = srv.wait(uids[-1])
    seconds = time.perf_counter() - start
    tasks = [last] + [srv.wait(u) for u in uids[:-1]]  # all done already: tasks run in order
    failed = [t for t in tasks if t["status"] != "succeeded"]
    if failed:
        sys.exit(f"{len(failed)} task(s) did not succeed, e.g. {failed[0]}")
    indexed = sum((t.get("details") or {}).get("indexedDocuments") or 0 for t in tasks)
    if indexed != len(lines):
        sys.exit(f"{indexed} documents indexed of {len(lines)}")
    return {"size": size, "payloads": len(payloads), "seconds": seconds}


def search_body(q, ids_only):
    body = {"q": q["q"], "limit": 20}
    if q["filter"]:
        body["filter"] = f'{q["filter"][0]} = {json.dumps(q["filter"][1])}'
    if ids_only:
        body["attributesToRetrieve"] = ["id"]
    return json.dumps(body).encode()


def run_myriad(srv, queries, ids_only=False):
    """Returns the times in ms and the parsed answers."""
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
    return times, [json.loads(r) for r in raws]


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
    return db, time.perf_counter() - start


def fts5_statement(q):
    if q["kind"] == "phrase":
        expr = '"' + " ".join(q["words"]) + '"'
    else:
        expr = " ".join(f'"{w}"' for w in q["words"]) + ("*" if q["kind"] == "prefix" else "")
    if q["filter"]:
        col = q["filter"][0]  # section or priority, from the generator
        sql = (f"SELECT t.rowid FROM t JOIN meta m ON m.rowid = t.rowid "
               f"WHERE t MATCH ? AND m.{col} = ? ORDER BY bm25(t) LIMIT 20")
        return sql, (expr, q["filter"][1])
    return "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 20", (expr,)


def run_fts5(db, queries):
    """Returns the times in ms and the hit counts."""
    stmts = [fts5_statement(q) for q in queries]
    times, counts = [], []
    for sql, args in stmts:
        t0 = time.perf_counter()
        rows = db.execute(sql, args).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
        counts.append(len(rows))
    return times, counts


# ---------------------------------------------------------------- Xapian

def index_xapian(lines, path):
    start = time.perf_counter()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    db.begin_transaction()
    for line in lines:
        d = json.loads(line)
        doc = xapian.Document()
        tg.set_document(doc)
        for field, weight in XAPIAN_FIELD_WEIGHTS:
            tg.index_text(d.get(field) or "", weight)
            tg.increase_termpos()
        for field, prefix in XAPIAN_BOOLEAN_PREFIX.items():
            doc.add_boolean_term(prefix + (d.get(field) or ""))
        db.add_document(doc)
    db.commit_transaction()
    return db, time.perf_counter() - start


def add_xapian_spelling(db):
    """Fills the spelling table from the terms indexed; returns the seconds."""
    start = time.perf_counter()
    for t in db.allterms():
        if not t.term[:1].isupper():  # boolean terms have an upper-case prefix
            db.add_spelling(t.term, t.termfreq)
    db.commit()
    return time.perf_counter() - start


def xapian_terms(text):
    """The terms Xapian's TermGenerator makes of text, in order."""
    doc = xapian.Document()
    tg = xapian.TermGenerator()
    tg.set_document(doc)
    tg.index_text(text)
    return [t for _, t in sorted((p, t.term) for t in doc.termlist() for p in t.positer)]


def xapian_query(db, q, terms):
    def word(t):
        if db.term_exists(t):
            return xapian.Query(t)
        return xapian.Query(db.get_spelling_suggestion(t, 1) or t)

    if q["kind"] == "phrase":
        query = xapian.Query(xapian.Query.OP_PHRASE, [xapian.Query(t) for t in terms])
    else:
        parts = [word(t) for t in terms[:-1]]
        if q["kind"] == "prefix":
            parts.append(xapian.Query(xapian.Query.OP_WILDCARD, terms[-1], 0,
                                      xapian.Query.WILDCARD_LIMIT_ERROR,
                                      xapian.Query.OP_SYNONYM))
        else:
            parts.append(word(terms[-1]))
        query = xapian.Query(xapian.Query.OP_AND, parts)
    if q["filter"]:
        field, value = q["filter"]
        query = xapian.Query(xapian.Query.OP_FILTER, query,
                             xapian.Query(XAPIAN_BOOLEAN_PREFIX[field] + value))
    return query


def run_xapian(db, queries):
    """Returns the times in ms (spelling lookups included) and the hit counts."""
    enquire = xapian.Enquire(db)  # BM25Weight by default
    terms = [xapian_terms(q["q"]) for q in queries]
    times, counts = [], []
    for q, t in zip(queries, terms):
        t0 = time.perf_counter()
        enquire.set_query(xapian_query(db, q, t))
        ids = [m.docid for m in enquire.get_mset(0, 20)]
        times.append((time.perf_counter() - t0) * 1000)
        counts.append(len(ids))
    return times, counts


# ---------------------------------------------------------------- reports

def goal(ok):
    return "met" if ok else "**not met**"


def shape_name(shape, n):
    count, size = shape["payloads"], shape["size"]
    if count == 1:
        return f"1 payload of {n:,}"
    last = n - size * (count - 1)
    return f"{count} payloads of {size:,}" + (f" (the last {last:,})" if last != size else "")


def print_indexing(shapes, n, fts_s, xap_s, spell_s):
    fts, xap = n / fts_s, n / xap_s
    print("\n-- indexing, documents/s (ours: NDJSON over HTTP, first POST to last task "
          "succeeded, a fresh server per shape)")
    print(f"  {'shape':<44} {'docs/s':>9} {'seconds':>8} {'/FTS5':>6} {'/Xapian':>8} "
          f"{'peak RSS':>9} {'replays':>8}")
    for s in shapes:
        dps = n / s["seconds"]
        print(f"  {'ours, ' + shape_name(s, n):<44} {dps:>9,.0f} {s['seconds']:>8.2f} "
              f"{dps / fts:>6.2f} {dps / xap:>8.2f} {s['rss']:>5.0f} MiB {s['replays']:>8}")
    print(f"  {'FTS5, in process, one transaction':<44} {fts:>9,.0f} {fts_s:>8.2f}")
    print(f"  {'Xapian, in process, one transaction':<44} {xap:>9,.0f} {xap_s:>8.2f}"
          f"   (+ spelling table {spell_s:.2f} s, not counted)")
    print(f"  goals: {shape_name(shapes[0], n)} >= 1.2x FTS5: "
          f"{goal(n / shapes[0]['seconds'] >= 1.2 * fts)}; peak RSS < 1 GiB: "
          f"{goal(all(s['rss'] < 1024 for s in shapes))}")


def class_rows(queries):
    """Per class then overall: (label, indexes of its queries)."""
    rows = [(label, [i for i, q in enumerate(queries) if q["cls"] == cls])
            for cls, label, _ in CLASSES]
    return rows + [("all queries", list(range(len(queries))))]


def stats(engine, idx):
    t = [engine["times"][i] for i in idx]
    return {"p50": pct(t, 50), "p90": pct(t, 90), "p99": pct(t, 99),
            "zero": sum(1 for i in idx if engine["hits"][i] == 0)}


def print_latency(queries, engines, ids_times, ours_res):
    names = list(engines)
    rows = class_rows(queries)
    print(f"\n-- top-20 queries, {len(queries)} after a warm-up pass, ms "
          f"(ours over HTTP, client side; baselines in process)")
    print(f"  {'class':<36} {'n':>3} | " + " | ".join(f"{e:<6}  p50    p90    p99" for e in names))
    for label, idx in rows:
        cells = []
        for e in names:
            s = stats(engines[e], idx)
            cells.append(f"{'':<6}{s['p50']:>5.2f} {s['p90']:>6.2f} {s['p99']:>6.2f}")
        print(f"  {label:<36} {len(idx):>3} | " + " | ".join(cells))
    print(f"  ours with attributesToRetrieve [id]: p50 {pct(ids_times, 50):.2f}  "
          f"p90 {pct(ids_times, 90):.2f}  p99 {pct(ids_times, 99):.2f}")
    proc = [r.get("processingTimeMs", 0) for r in ours_res]
    print(f"  ours, server processingTimeMs: p50 {pct(proc, 50)}  p99 {pct(proc, 99)}  "
          f"max {max(proc)}")

    print("\n-- ratios ours/baseline and queries with zero hits (a check that the semantics "
          "compare)")
    print(f"  {'class':<36} {'n':>3} | p50/FTS5 p99/FTS5 | p50/Xap p99/Xap | "
          f"zero hits ours FTS5 Xapian | median hits ours")
    for label, idx in rows:
        o, f, x = (stats(engines[e], idx) for e in names)
        hits = sorted(ours_res[i].get("estimatedTotalHits", 0) for i in idx)[len(idx) // 2]
        print(f"  {label:<36} {len(idx):>3} | {o['p50'] / f['p50']:>8.2f} "
              f"{o['p99'] / f['p99']:>8.2f} | {o['p50'] / x['p50']:>7.2f} "
              f"{o['p99'] / x['p99']:>7.2f} | {o['zero']:>14} {f['zero']:>4} {x['zero']:>6} "
              f"| {hits:>16}")
    slow = sorted(range(len(queries)), key=lambda i: -engines["ours"]["times"][i])[:5]
    print("  slowest of ours: " + "; ".join(
        f"{describe(queries[i])} {engines['ours']['times'][i]:.1f} ms" for i in slow))


def print_snippet(args, n, shapes, fts_s, xap_s, queries, engines):
    fts, xap = n / fts_s, n / xap_s
    print("\n-- README snippet\n")
    print(f"`bench/search.sh --seed {args.seed} --queries {args.queries} --sizes {args.sizes}` "
          f"(commit `{args.commit}`, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"{load_line()} at the end): ours over HTTP, SQLite FTS5 and Xapian in process, "
          f"same run; {len(queries)} top-20 queries drawn from the corpus.\n")
    print("| figure | ours | SQLite FTS5 | ours/FTS5 | Xapian | ours/Xapian "
          "| zero hits ours / FTS5 / Xapian | goal |")
    print("|---|---|---|---|---|---|---|---|")
    for k, s in enumerate(shapes):
        dps = n / s["seconds"]
        g = f"≥ 1.2x FTS5: {goal(dps >= 1.2 * fts)}" if k == 0 else ""
        print(f"| indexing, docs/s, {shape_name(s, n)} | {dps:,.0f} ({s['seconds']:.1f} s) "
              f"| {fts:,.0f} ({fts_s:.1f} s) | {dps / fts:.2f} | {xap:,.0f} ({xap_s:.1f} s) "
              f"| {dps / xap:.2f} | | {g} |")
    rss = " / ".join(f"{s['rss']:.0f}" for s in shapes)
    print(f"| server peak RSS, per shape | {rss} MiB | | | | | "
          f"| < 1 GiB: {goal(all(s['rss'] < 1024 for s in shapes))} |")
    rows = class_rows(queries)
    overall = [stats(engines[e], rows[-1][1]) for e in engines]
    o, f, x = overall
    for p, g in (("p50", f"≤ 0.8x FTS5: {goal(o['p50'] <= 0.8 * f['p50'])}"), ("p90", ""),
                 ("p99", f"< 5 ms: {goal(o['p99'] < 5)}")):
        print(f"| all queries, {p} | {o[p]:.2f} ms | {f[p]:.2f} ms | {o[p] / f[p]:.2f} "
              f"| {x[p]:.2f} ms | {o[p] / x[p]:.2f} | {o['zero']} / {f['zero']} / {x['zero']} "
              f"| {g} |")
    for (label, idx), (cls, _, _) in zip(rows, CLASSES):
        o, f, x = (stats(engines[e], idx) for e in engines)
        g = f"p99 < 2 ms: {goal(o['p99'] < 2)}" if cls in ("common2", "prefix2") else ""
        print(f"| {label} ({len(idx)}), p50 / p99 | {o['p50']:.2f} / {o['p99']:.2f} ms "
              f"| {f['p50']:.2f} / {f['p99']:.2f} ms | {o['p50'] / f['p50']:.2f} "
              f"| {x['p50']:.2f} / {x['p99']:.2f} ms | {o['p50'] / x['p50']:.2f} "
              f"| {o['zero']} / {f['zero']} / {x['zero']} | {g} |")


# ---------------------------------------------------------------- main

def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True, help="the corpus as NDJSON")
    ap.add_argument("--workdir", required=True, help="an empty temporary directory")
    ap.add_argument("--corpus-name", default="debian-packages.ndjson.zst")
    ap.add_argument("--sizes", default="8000,1000,all",
                    help="documents per payload, one shape each; the first is the headline, "
                         "whose server then answers the queries (default 8000,1000,all)")
    ap.add_argument("--queries", type=int, default=600)
    ap.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**6))
    ap.add_argument("--commit", default="?", help="the commit the binary was built from")
    return ap.parse_args()


def index_shape(args, lines, size, keep):
    """Indexes the corpus into a fresh server; returns its figures and, if keep,
    the server still running."""
    srv = Myriad(args.bin, os.path.join(args.workdir, f"myriad-{size}"))
    try:
        shape = index_myriad(srv, lines, size)
        shape["rss"] = srv.peak_rss_mib()
    except BaseException:
        srv.stop()
        raise
    if not keep:
        srv.stop()
        shape["replays"] = srv.replays()
    print(f"  indexed: {shape_name(shape, len(lines))}, {shape['seconds']:.2f} s", flush=True)
    return shape, (srv if keep else None)


def main():
    args = parse_args()
    with open(args.corpus, "rb") as f:
        lines = [l if l.endswith(b"\n") else l + b"\n" for l in f if l.strip()]
    n = len(lines)
    sizes = [n if s == "all" else int(s) for s in args.sizes.split(",")]
    corpus = Corpus([json.loads(l) for l in lines])
    queries = make_queries(corpus, args.queries, args.seed)

    print("== search: indexing and top-20 query latency, Myriad over HTTP vs SQLite FTS5 "
          "and Xapian in process")
    print(machine_line())
    print(f"corpus: {args.corpus_name}, {n} documents, "
          f"{os.path.getsize(args.corpus) / 1e6:.1f} MB raw; searchable {SEARCHABLE}, "
          f"filterable {FILTERABLE}")
    print(f"binary: {args.bin} (commit {args.commit}); {load_line()} at the start")
    print(f"queries: {len(queries)}, seed {args.seed} (--seed {args.seed} draws the same); "
          f"common words: {' '.join(corpus.common[:12])} ...")
    for cls, label, _ in CLASSES:
        sample = [describe(q) for q in queries if q["cls"] == cls][:3]
        print(f"  {cls:<12} {label:<36} e.g. {'; '.join(sample)}")
    sys.stdout.flush()

    # Not concurrently: 2 cores. The headline shape last, its server kept.
    order = sizes[1:] + sizes[:1]
    results = [index_shape(args, lines, s, keep=(k == len(order) - 1))
               for k, s in enumerate(order)]
    shapes = [results[-1][0]] + [r[0] for r in results[:-1]]
    srv = results[-1][1]
    try:
        fts_db, fts_s = index_fts5(lines, os.path.join(args.workdir, "fts5.db"))
        xap_db, xap_s = index_xapian(lines, os.path.join(args.workdir, "xapian"))
        spell_s = add_xapian_spelling(xap_db)
        print(f"  indexed: FTS5 {fts_s:.2f} s, Xapian {xap_s:.2f} s (+ spelling {spell_s:.2f} s)",
              flush=True)

        run_myriad(srv, queries)
        run_fts5(fts_db, queries)
        run_xapian(xap_db, queries)
        ours_t, ours_res = run_myriad(srv, queries)
        ids_t, _ = run_myriad(srv, queries, ids_only=True)
        engines = {"ours": {"times": ours_t, "hits": [len(r["hits"]) for r in ours_res]}}
        engines["FTS5"] = dict(zip(("times", "hits"), run_fts5(fts_db, queries)))
        engines["Xapian"] = dict(zip(("times", "hits"), run_xapian(xap_db, queries)))
        rss_after_queries = srv.peak_rss_mib()
    finally:
        srv.stop()
    shapes[0]["replays"] = srv.replays()

    print_indexing(shapes, n, fts_s, xap_s, spell_s)
    print(f"  the headline server's peak RSS after the queries too: {rss_after_queries:.0f} MiB")
    print_latency(queries, engines, ids_t, ours_res)
    print_snippet(args, n, shapes, fts_s, xap_s, queries, engines)
    print(f"\n{load_line()} at the end")


if __name__ == "__main__":
    main()
