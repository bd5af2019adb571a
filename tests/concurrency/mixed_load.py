#!/usr/bin/env python3
"""A mixed load against a real myriad server, for a bounded time (issue 6).

Starts `myriad` (normally the ThreadSanitizer build) on a free loopback port with
a fresh database, then runs client threads in parallel, each on its own
keep-alive connection: searches (filters, facets, sort), multi-search and facet
search, document additions, updates and deletions, settings changes, index
creation, deletion and renames on the same indexes the searchers use, GET
/indexes, /stats, /tasks, task cancelation and deletion, and API keys (when a
master key is given). A watchdog checks all along that GET /health and a search
answer within a bound.

A sanitizer build processes about 8 tasks a second (each one fsyncs) while the
writers could enqueue about 100: every thread that enqueues tasks holds off while
the server has more than --max-backlog tasks enqueued or processing (one shared
poll of GET /tasks?statuses=enqueued,processing&limit=0 every --backlog-poll
seconds at most), so the drain stays well within --drain-seconds. The time they
were held off is printed.

The run fails when:
  - an answer is a 5xx, a connection drops or times out, or a body is malformed
    (not JSON; an error without Meilisearch's {message, code, type, link});
  - an error is not one the race makes legitimate for that request (those are
    counted and printed: e.g. index_not_found for a search on an index just
    deleted);
  - a task fails with an internal error, or an enqueued task does not reach a
    final status within --drain-seconds after the load stops;
  - the server does not exit 0 within --stop-seconds of SIGTERM;
  - with --tsan-log-dir, ThreadSanitizer wrote a report (or the exit code is its).

Every loop is bounded in count and time. Python stdlib only. CI
(scripts/test.sh) runs it for 30 s against its TSan build; longer by hand:

  tests/concurrency/mixed_load.py --bin build-tsan/src/cli/myriad --seconds 60 \
      --docs ../shared/datasets/debian-packages-2k.json --tsan-log-dir /tmp/tsan-logs
"""
import argparse
import collections
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TSAN_EXIT_CODE = 66  # ThreadSanitizer's default exitcode
FINAL_STATUSES = {"succeeded", "failed", "canceled"}
# The server closes a keep-alive connection idle this long (ServerOptions::read_timeout):
# a connection left idle for half of it is reopened, not reused.
SERVER_IDLE_SECONDS = 120
ERROR_FIELDS = ("message", "code", "type", "link")

# Indexes created, deleted and renamed under the searchers' and writers' feet.
CHURN_INDEXES = ["mix0", "mix1", "mix2", "mix3", "mix4", "mix5"]
# Never deleted or renamed: the watchdog searches it, and its settings stay fixed,
# so every search on it must succeed.
STEADY_INDEX = "steady"
STEADY_SETTINGS = {
    "filterableAttributes": ["section", "priority", "architecture"],
    "sortableAttributes": ["installed_size"],
}


class Failure(Exception):
    """Something the server must never do, even under the race."""


class Stopped(Exception):
    """The run ended while a writer was held off: its thread ends quietly."""


class Run:
    """What the threads share: the deadline, counters, tasks and the first failure."""

    def __init__(self, seconds, max_ops):
        self.deadline = time.monotonic() + seconds
        self.max_ops = max_ops
        self.lock = threading.Lock()
        self.counts = collections.Counter()  # (operation, outcome) -> n
        self.tasks = set()  # uids of every task enqueued
        self.deleted_final = set()  # uids deleted by our DELETE /tasks once seen final
        self.seen_final = set()
        self.failures = []
        self.stop = threading.Event()
        self.backlog = None  # a Backlog, set before the workers start

    def going(self, ops):
        return not self.stop.is_set() and ops < self.max_ops and time.monotonic() < self.deadline

    def count(self, op, outcome):
        with self.lock:
            self.counts[(op, outcome)] += 1

    def fail(self, where, message):
        with self.lock:
            self.failures.append(f"{where}: {message}")
        self.stop.set()


class Client:
    """One keep-alive HTTP/1.1 connection; checks every answer's form."""

    def __init__(self, port, timeout, key=None):
        self.port = port
        self.timeout = timeout
        self.key = key
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def close(self):
        self.conn.close()

    def call(self, method, path, body=None, content_type="application/json", key=None):
        """(status, parsed JSON or None). Raises Failure on what is never legitimate."""
        headers = {}
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            if isinstance(data, str):
                data = data.encode()
            headers["Content-Type"] = content_type
        auth = key if key is not None else self.key
        if auth:
            headers["Authorization"] = "Bearer " + auth
        started = time.monotonic()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            res = self.conn.getresponse()
            raw = res.read()
        except socket.timeout:
            raise Failure(f"{method} {path}: no answer within {self.timeout} s (deadlock?)")
        except (OSError, http.client.HTTPException) as e:
            raise Failure(f"{method} {path}: connection failed: {type(e).__name__}: {e}")
        elapsed = time.monotonic() - started
        if res.status >= 500:
            raise Failure(f"{method} {path}: HTTP {res.status}: {raw[:500]!r}")
        if res.will_close:
            raise Failure(f"{method} {path}: the server closed a keep-alive connection")
        parsed = None
        if raw:
            try:
                parsed = json.loads(raw)
            except ValueError:
                raise Failure(f"{method} {path}: HTTP {res.status}, body is not JSON: {raw[:300]!r}")
        elif res.status not in (202, 204) and method != "DELETE":
            raise Failure(f"{method} {path}: HTTP {res.status} with an empty body")
        if res.status >= 400:
            if not isinstance(parsed, dict) or any(
                not isinstance(parsed.get(f), str) for f in ERROR_FIELDS
            ):
                raise Failure(f"{method} {path}: HTTP {res.status}, not an error object: {raw[:300]!r}")
        return res.status, parsed, elapsed


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params) if params else path


class Backlog:
    """Writers hold off while the server has more than `limit` tasks enqueued or processing.

    A sanitizer build processes a few tasks a second (each one fsyncs) while the
    writers can enqueue a hundred: unchecked, the queue grows past what
    --drain-seconds can drain. The count comes from GET
    /tasks?statuses=enqueued,processing&limit=0 (its `total`), polled at most once
    every `interval` seconds on one connection shared by every writer: a writer
    finding the count stale polls if no other is polling, else uses the last count.
    """

    def __init__(self, run, port, timeout, key, limit, interval):
        self.run_state = run
        self.limit = limit  # None: no back-off, no poll
        self.interval = interval
        self.client = Client(port, timeout, key)
        self.poll_lock = threading.Lock()  # one poller at a time on self.client
        self.lock = threading.Lock()  # guards the fields below
        self.total = 0
        self.polled_at = float("-inf")
        self.polls = 0
        self.peak = 0
        self.holds = 0  # writes that had to wait
        self.thread_seconds = 0.0  # summed over the writer threads
        self.longest = 0.0
        self.held_now = 0  # writer threads waiting right now
        self.held_since = 0.0
        self.wall_seconds = 0.0  # time during which at least one writer waited

    def close(self):
        self.client.close()

    def count(self):
        """The number of tasks enqueued or processing, at most `interval` s old unless
        another writer is polling right now."""
        with self.lock:
            if time.monotonic() - self.polled_at < self.interval:
                return self.total
            total = self.total
        if not self.poll_lock.acquire(blocking=False):
            return total
        try:
            status, body, _ = self.client.call(
                "GET", q("/tasks", statuses="enqueued,processing", limit=0))
            if status != 200 or not isinstance(body, dict) or not isinstance(body.get("total"), int):
                raise Failure(f"backlog poll: HTTP {status}: {json.dumps(body)[:300]}")
            with self.lock:
                self.total = body["total"]
                self.polled_at = time.monotonic()
                self.polls += 1
                self.peak = max(self.peak, self.total)
                return self.total
        finally:
            self.poll_lock.release()

    def hold(self):
        """Once the backlog is at most `limit`, returns the seconds waited; raises Stopped
        if the run ends first."""
        if self.limit is None or self.count() <= self.limit:
            return 0.0
        started = time.monotonic()
        with self.lock:
            self.holds += 1
            if self.held_now == 0:
                self.held_since = started
            self.held_now += 1
        try:
            nap = self.interval / 2
            # Bounded by the run's deadline (and a count to match it).
            for _ in range(int(max(0.0, self.run_state.deadline - started) / nap) + 2):
                if not self.run_state.going(0):
                    break
                self.run_state.stop.wait(nap)
                if self.count() <= self.limit:
                    return time.monotonic() - started
            raise Stopped()
        finally:
            now = time.monotonic()
            with self.lock:
                self.thread_seconds += now - started
                self.longest = max(self.longest, now - started)
                self.held_now -= 1
                if self.held_now == 0:
                    self.wall_seconds += now - self.held_since

    def summary(self):
        with self.lock:
            if self.limit is None:
                return "writers never held off (--max-backlog 0)"
            return (f"backlog: at most {self.limit} tasks enqueued or processing, {self.polls} polls, "
                    f"peak {self.peak}; writers held off {self.holds} times, "
                    f"{self.wall_seconds:.1f} s of wall time with a writer waiting "
                    f"({self.thread_seconds:.1f} thread-seconds, longest {self.longest:.1f} s)")


class Worker(threading.Thread):
    """Runs `step` in a loop until the deadline, on its own connection."""

    def __init__(self, name, run, port, timeout, key, rng_seed, ctx):
        super().__init__(name=name, daemon=True)
        self.run_state = run
        self.client = Client(port, timeout, key)
        self.rng = random.Random(rng_seed)
        self.ctx = ctx
        self.ops = 0

    def run(self):
        try:
            while self.run_state.going(self.ops):
                self.step()
                self.ops += 1
        except Stopped:
            pass
        except Failure as e:
            self.run_state.fail(self.name, str(e))
        except Exception as e:  # a bug in the driver or an answer of the wrong shape
            self.run_state.fail(self.name, f"{type(e).__name__}: {e}")
        finally:
            self.client.close()

    def task_call(self, *args, **kwargs):
        """A request that enqueues a task: held off while the server's backlog is full."""
        if self.run_state.backlog.hold() > SERVER_IDLE_SECONDS / 2:
            self.client.close()  # the next request reconnects
        return self.client.call(*args, **kwargs)

    def expect(self, op, answer, ok, accepted=()):
        """Counts the outcome; fails on an error that is not `accepted`."""
        status, body, _ = answer
        if status in ok:
            self.run_state.count(op, str(status))
            return body
        code = body.get("code") if isinstance(body, dict) else None
        if code in accepted:
            self.run_state.count(op, code)
            return None
        raise Failure(f"{op}: unexpected HTTP {status}: {json.dumps(body)[:400]}")

    def enqueued(self, op, answer, accepted=(), ok=(202,)):
        body = self.expect(op, answer, ok, accepted)
        if body is not None:
            if not isinstance(body.get("taskUid"), int):
                raise Failure(f"{op}: a task answer without taskUid: {body}")
            with self.run_state.lock:
                self.run_state.tasks.add(body["taskUid"])
        return body

    def any_index(self):
        return self.rng.choice(CHURN_INDEXES + [STEADY_INDEX])

    def step(self):
        raise NotImplementedError


# Errors legitimate on an index that may be deleted, renamed or have its settings
# changed at any moment.
RACY_SEARCH = ("index_not_found", "invalid_search_filter", "invalid_search_facets",
               "invalid_search_sort")


class Searcher(Worker):
    def step(self):
        uid = self.any_index()
        word = self.rng.choice(self.ctx["words"])
        accepted = () if uid == STEADY_INDEX else RACY_SEARCH
        if self.rng.random() < 0.5:
            body = {"q": word, "limit": self.rng.choice([5, 20]),
                    "facets": ["section", "priority"],
                    "attributesToHighlight": ["summary"]}
            if self.rng.random() < 0.5:
                body["filter"] = f'section = "{self.rng.choice(self.ctx["sections"])}"'
            if self.rng.random() < 0.3:
                body["sort"] = ["installed_size:desc"]
            res = self.expect("search", self.client.call("POST", f"/indexes/{uid}/search", body),
                              (200,), accepted)
        else:
            path = q(f"/indexes/{uid}/search", q=word[:-1], filter="priority != extra")
            res = self.expect("search_get", self.client.call("GET", path), (200,), accepted)
        if res is not None and not isinstance(res.get("hits"), list):
            raise Failure(f"search {uid}: no hits array: {json.dumps(res)[:300]}")


class MultiSearcher(Worker):
    def step(self):
        r = self.rng.random()
        if r < 0.4:
            queries = [{"indexUid": self.any_index(), "q": self.rng.choice(self.ctx["words"]),
                        "limit": 3} for _ in range(self.rng.randint(1, 3))]
            res = self.expect("multi_search",
                              self.client.call("POST", "/multi-search", {"queries": queries}),
                              (200,), RACY_SEARCH)
            if res is not None and len(res.get("results", [])) != len(queries):
                raise Failure(f"multi-search: {len(queries)} queries, answer {json.dumps(res)[:300]}")
        elif r < 0.8:
            uid = self.any_index()
            body = {"facetName": "section", "facetQuery": self.rng.choice(self.ctx["sections"])[:3]}
            if self.rng.random() < 0.5:
                body["q"] = self.rng.choice(self.ctx["words"])
            accepted = () if uid == STEADY_INDEX else (
                "index_not_found", "invalid_facet_search_facet_name", "facet_search_disabled")
            res = self.expect("facet_search",
                              self.client.call("POST", f"/indexes/{uid}/facet-search", body),
                              (200,), accepted)
            if res is not None and not isinstance(res.get("facetHits"), list):
                raise Failure(f"facet-search {uid}: no facetHits: {json.dumps(res)[:300]}")
        else:
            uid = self.any_index()
            ids = [str(d["id"]) for d in self.rng.sample(self.ctx["docs"], 5)]
            self.expect("documents_fetch",
                        self.client.call("POST", f"/indexes/{uid}/documents/fetch",
                                         {"ids": ids, "fields": ["id", "package"]}),
                        (200,), ("index_not_found",))


class DocumentWriter(Worker):
    def docs(self, n):
        picked = self.rng.sample(self.ctx["docs"], n)
        stamp = self.rng.randint(0, 1 << 30)
        return [dict(d, load_stamp=stamp) for d in picked]

    def step(self):
        uid = self.rng.choice(CHURN_INDEXES)  # the steady index keeps its documents
        r = self.rng.random()
        path = f"/indexes/{uid}/documents"
        if r < 0.35:
            self.enqueued("add_documents",
                          self.task_call("POST", path, self.docs(self.rng.randint(10, 80))))
        elif r < 0.5:
            self.enqueued("update_documents",
                          self.task_call("PUT", path, [{"id": d["id"], "summary": d["summary"]
                                                     + " updated"} for d in self.docs(20)]))
        elif r < 0.6:
            lines = "\n".join(json.dumps(d) for d in self.docs(30))
            self.enqueued("add_ndjson", self.task_call("POST", path, lines,
                                                    content_type="application/x-ndjson"))
        elif r < 0.7:
            ids = [d["id"] for d in self.docs(10)]
            self.enqueued("delete_batch",
                          self.task_call("POST", path + "/delete-batch", ids))
        elif r < 0.75:
            doc = self.rng.choice(self.ctx["docs"])
            self.enqueued("delete_document", self.task_call("DELETE", f"{path}/{doc['id']}"))
        elif r < 0.8:
            self.enqueued("delete_by_filter",
                          self.task_call("POST", path + "/delete",
                                      {"filter": f'section = "{self.rng.choice(self.ctx["sections"])}"'}))
        elif r < 0.82:
            self.enqueued("delete_all", self.task_call("DELETE", path))
        elif r < 0.92:
            self.expect("get_documents",
                        self.client.call("GET", q(path, limit=10, offset=self.rng.randint(0, 50),
                                                  fields="id,package")),
                        (200,), ("index_not_found",))
        else:
            doc = self.rng.choice(self.ctx["docs"])
            self.expect("get_document", self.client.call("GET", f"{path}/{doc['id']}"), (200,),
                        ("index_not_found", "document_not_found"))


SETTINGS_VARIANTS = [
    {"filterableAttributes": ["section", "priority"], "sortableAttributes": ["installed_size"]},
    {"filterableAttributes": ["section"]},
    {"searchableAttributes": ["package", "summary"]},
    {"searchableAttributes": ["*"], "displayedAttributes": ["*"]},
    {"rankingRules": ["words", "typo", "proximity", "attribute", "sort", "exactness"]},
    {"synonyms": {"editor": ["vim", "emacs"]}, "stopWords": ["the", "a"]},
    {"typoTolerance": {"minWordSizeForTypos": {"oneTypo": 4, "twoTypos": 8}}},
    {"faceting": {"maxValuesPerFacet": 50}, "pagination": {"maxTotalHits": 500}},
]


class SettingsWriter(Worker):
    def step(self):
        uid = self.rng.choice(CHURN_INDEXES)
        r = self.rng.random()
        if r < 0.5:
            self.enqueued("patch_settings",
                          self.task_call("PATCH", f"/indexes/{uid}/settings",
                                      self.rng.choice(SETTINGS_VARIANTS)))
        elif r < 0.6:
            self.enqueued("reset_settings", self.task_call("DELETE", f"/indexes/{uid}/settings"))
        elif r < 0.7:
            self.enqueued("put_filterable",
                          self.task_call("PUT", f"/indexes/{uid}/settings/filterable-attributes",
                                      ["section", "priority", "architecture"]))
        else:
            self.expect("get_settings", self.client.call("GET", f"/indexes/{self.any_index()}/settings"),
                        (200,), ("index_not_found",))


class IndexAdmin(Worker):
    def step(self):
        uid = self.rng.choice(CHURN_INDEXES)
        r = self.rng.random()
        if r < 0.2:
            self.enqueued("create_index",
                          self.task_call("POST", "/indexes", {"uid": uid, "primaryKey": "id"}))
        elif r < 0.35:
            self.enqueued("delete_index", self.task_call("DELETE", f"/indexes/{uid}"))
        elif r < 0.5:
            to = self.rng.choice([u for u in CHURN_INDEXES if u != uid])
            self.enqueued("rename_index",
                          self.task_call("PATCH", f"/indexes/{uid}", {"uid": to}))
        elif r < 0.65:
            res = self.expect("list_indexes",
                              self.client.call("GET", q("/indexes", limit=self.rng.choice([3, 20]))),
                              (200,))
            if not isinstance(res.get("results"), list) or not isinstance(res.get("total"), int):
                raise Failure(f"GET /indexes: {json.dumps(res)[:300]}")
        elif r < 0.75:
            self.expect("get_index", self.client.call("GET", f"/indexes/{self.any_index()}"), (200,),
                        ("index_not_found",))
        elif r < 0.85:
            self.expect("index_stats",
                        self.client.call("GET", f"/indexes/{self.any_index()}/stats"), (200,),
                        ("index_not_found",))
        else:
            res = self.expect("stats", self.client.call("GET", "/stats"), (200,))
            if not isinstance(res.get("indexes"), dict):
                raise Failure(f"GET /stats: {json.dumps(res)[:300]}")


class TaskWatcher(Worker):
    def step(self):
        r = self.rng.random()
        if r < 0.4:
            params = {"limit": self.rng.choice([5, 50])}
            if self.rng.random() < 0.5:
                params["statuses"] = self.rng.choice(["enqueued,processing", "succeeded", "failed"])
            if self.rng.random() < 0.3:
                params["indexUids"] = self.any_index()
            res = self.expect("list_tasks", self.client.call("GET", q("/tasks", **params)), (200,))
            self.note_final(res.get("results", []))
        elif r < 0.7:
            with self.run_state.lock:
                known = list(self.run_state.tasks)
            if known:
                uid = self.rng.choice(known)
                res = self.expect("get_task", self.client.call("GET", f"/tasks/{uid}"), (200,),
                                  ("task_not_found",))  # deleted by the branch below
                if res is not None:
                    self.note_final([res])
        elif r < 0.75:
            # A few recent tasks, which the scheduler may be processing right now;
            # a whole index's queue would leave little work done.
            with self.run_state.lock:
                recent = sorted(self.run_state.tasks)[-30:]
            if recent:
                uids = ",".join(map(str, self.rng.sample(recent, min(3, len(recent)))))
                self.enqueued("cancel_tasks",
                              self.task_call("POST", q("/tasks/cancel", uids=uids,
                                                    statuses="enqueued,processing")),
                              ok=(200,))
        elif r < 0.85:
            # Only tasks seen final, so the drain check knows why they are gone.
            with self.run_state.lock:
                final = sorted(self.run_state.seen_final - self.run_state.deleted_final)[:20]
                self.run_state.deleted_final.update(final)
            if final:
                self.enqueued("delete_tasks",
                              self.task_call("DELETE", q("/tasks", uids=",".join(map(str, final)))),
                              ok=(200,))
        else:
            self.expect("health", self.client.call("GET", "/health"), (200,))

    def note_final(self, tasks):
        done = {t["uid"] for t in tasks if t.get("status") in FINAL_STATUSES}
        with self.run_state.lock:
            self.run_state.seen_final.update(done & self.run_state.tasks)


class KeyManager(Worker):
    """API keys: created, read, renamed, used for a search, deleted."""

    def __init__(self, *args):
        super().__init__(*args)
        self.keys = []

    def step(self):
        r = self.rng.random()
        if r < 0.3:
            res = self.expect("create_key",
                              self.client.call("POST", "/keys",
                                               {"name": f"load {self.rng.randint(0, 1 << 20)}",
                                                "actions": ["search", "documents.get"],
                                                "indexes": ["mix*", STEADY_INDEX],
                                                "expiresAt": None}), (201,))
            self.keys.append(res["key"])
            res = self.expect("search_with_key",
                              self.client.call("POST", f"/indexes/{STEADY_INDEX}/search",
                                               {"q": "lib"}, key=res["key"]), (200,))
        elif r < 0.5:
            self.expect("list_keys", self.client.call("GET", q("/keys", limit=10)), (200,))
        elif r < 0.7 and self.keys:
            key = self.rng.choice(self.keys)
            self.expect("patch_key",
                        self.client.call("PATCH", f"/keys/{key}", {"name": "renamed"}), (200,),
                        ("api_key_not_found",))
        elif self.keys:
            key = self.keys.pop(self.rng.randrange(len(self.keys)))
            self.expect("delete_key", self.client.call("DELETE", f"/keys/{key}"), (204,))
            # A deleted key is refused at once.
            self.expect("search_deleted_key",
                        self.client.call("POST", f"/indexes/{STEADY_INDEX}/search", {"q": "x"},
                                         key=key), (), ("invalid_api_key",))


class Watchdog(threading.Thread):
    """GET /health and a search on the steady index must answer within a bound."""

    def __init__(self, run, port, bound, key):
        super().__init__(name="watchdog", daemon=True)
        self.run_state = run
        self.client = Client(port, bound, key)
        self.bound = bound
        self.worst = 0.0
        self.probes = 0

    def run(self):
        try:
            for self.probes in range(1, 100_000):
                if not self.run_state.going(0):
                    break
                for method, path, body in (("GET", "/health", None),
                                           ("POST", f"/indexes/{STEADY_INDEX}/search", {"q": "lib"})):
                    status, res, elapsed = self.client.call(method, path, body)
                    self.worst = max(self.worst, elapsed)
                    if status != 200:
                        raise Failure(f"{method} {path}: HTTP {status}: {res}")
                self.run_state.stop.wait(0.2)
        except Failure as e:
            self.run_state.fail("watchdog", str(e))
        finally:
            self.client.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(server, make_client, seconds):
    """make_client() once the server process `server` answers /health through
    it; Failure if the process exits first or does not answer within `seconds`."""
    client = make_client()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise Failure(f"the server exited with {server.returncode} at start")
        try:
            if client.call("GET", "/health")[0] == 200:
                return client
        except Failure:
            client.close()
            client = make_client()
        time.sleep(0.01)  # the listener is not up yet
    raise Failure(f"the server did not answer /health within {seconds} s")


def wait_task(client, uid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, task, _ = client.call("GET", f"/tasks/{uid}")
        if status == 200 and task["status"] in FINAL_STATUSES:
            return task
        time.sleep(0.05)
    raise Failure(f"task {uid} did not finish within {seconds} s")


def setup(client, docs, seconds):
    """The steady index, with the documents and settings every search on it relies on."""
    s, t, _ = client.call("POST", f"/indexes/{STEADY_INDEX}/documents", docs)
    if s != 202:
        raise Failure(f"setup: adding documents answered {s}: {t}")
    s, t2, _ = client.call("PATCH", f"/indexes/{STEADY_INDEX}/settings", STEADY_SETTINGS)
    if s != 202:
        raise Failure(f"setup: settings answered {s}: {t2}")
    for uid in (t["taskUid"], t2["taskUid"]):
        task = wait_task(client, uid, seconds)
        if task["status"] != "succeeded":
            raise Failure(f"setup: task {uid} {task['status']}: {task.get('error')}")


def drain(client, run, seconds):
    """Every enqueued task reaches a final status; none failed with an internal error.
    Returns the outcomes and how many tasks were not final at the first look."""
    deadline = time.monotonic() + seconds
    pending = sorted(run.tasks)
    finals = {}
    not_final_at_start = None
    while pending:
        if time.monotonic() > deadline:
            raise Failure(f"{len(pending)} task(s) not final {seconds} s after the load, "
                          f"e.g. {pending[:10]}")
        still = []
        for i in range(0, len(pending), 200):
            chunk = pending[i:i + 200]
            _, page, _ = client.call("GET", q("/tasks", uids=",".join(map(str, chunk)),
                                              limit=len(chunk)))
            got = {t["uid"]: t for t in page["results"]}
            for uid in chunk:
                t = got.get(uid)
                if t is None:
                    if uid not in run.deleted_final:
                        raise Failure(f"task {uid} vanished without being deleted")
                    finals[uid] = "deleted"
                elif t["status"] in FINAL_STATUSES:
                    finals[uid] = t["status"]
                    err = t.get("error") or {}
                    if err.get("type") == "internal" or err.get("code") == "internal":
                        raise Failure(f"task {uid} ({t['type']}) failed internally: {err}")
                    if t["status"] == "failed":
                        run.count("task_failed:" + t["type"], err.get("code", "?"))
                else:
                    still.append(uid)
        pending = still
        if not_final_at_start is None:
            not_final_at_start = len(still)
        if pending:
            time.sleep(0.2)
    return collections.Counter(finals.values()), not_final_at_start or 0


def tsan_reports(log_dir):
    if not log_dir or not os.path.isdir(log_dir):
        return []
    return [os.path.join(log_dir, f) for f in sorted(os.listdir(log_dir)) if f.startswith("tsan")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the myriad binary")
    ap.add_argument("--docs", required=True, help="a JSON array of documents (the 2k sample)")
    ap.add_argument("--seconds", type=float, default=60, help="how long the load runs")
    ap.add_argument("--max-ops", type=int, default=1_000_000, help="per client thread")
    ap.add_argument("--searchers", type=int, default=3)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--master-key", default="mixed-load-master-key-0123456789")
    ap.add_argument("--no-master-key", action="store_true", help="run without keys")
    ap.add_argument("--request-timeout", type=float, default=60,
                    help="seconds a request may take before the run fails (deadlock?)")
    ap.add_argument("--watchdog-bound", type=float, default=20,
                    help="seconds /health and a search on the steady index may take")
    ap.add_argument("--drain-seconds", type=float, default=180,
                    help="bound for every task to be final after the load")
    ap.add_argument("--stop-seconds", type=float, default=60, help="bound for SIGTERM to stop it")
    ap.add_argument("--max-backlog", type=int, default=200,
                    help="writers hold off while the server has more tasks than this enqueued or "
                         "processing (0: never); 200 take ~25 s to drain at a TSan build's ~8 tasks/s")
    ap.add_argument("--backlog-poll", type=float, default=0.5,
                    help="seconds between two polls of the backlog, shared by every writer")
    ap.add_argument("--tsan-log-dir", help="run under setarch -R with TSAN_OPTIONS logging here")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", action="store_true", help="keep the database directory")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    docs = json.load(open(args.docs))
    words = sorted({w.lower() for d in docs for w in d["package"].replace("-", " ").split()
                    if len(w) >= 4 and w.isalpha()})
    sections = sorted({d["section"] for d in docs if "/" not in d["section"]})
    ctx = {"docs": docs, "words": words, "sections": sections}
    key = None if args.no_master_key else args.master_key

    work = tempfile.mkdtemp(prefix="myriad-load-")
    port = free_port()
    cmd = [args.bin, "--db-path", os.path.join(work, "data.ms"),
           "--http-addr", f"127.0.0.1:{port}", "--log-level", "warn"]
    if key:
        cmd += ["--master-key", key]
    env = dict(os.environ)
    if args.tsan_log_dir:
        os.makedirs(args.tsan_log_dir, exist_ok=True)
        for old in tsan_reports(args.tsan_log_dir):
            os.remove(old)
        env["TSAN_OPTIONS"] = ("halt_on_error=1 second_deadlock_stack=1 "
                               f"log_path={os.path.join(os.path.abspath(args.tsan_log_dir), 'tsan')}")
        cmd = ["setarch", "-R"] + cmd
    server_log = open(os.path.join(work, "server.log"), "w+")
    print(f"mixed load: seed {seed}, {args.seconds:g} s, port {port}, db {work}", flush=True)
    server = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=server_log,
                              stderr=subprocess.STDOUT, env=env)
    failures = []
    run = None
    summary = None
    try:
        # Up to 60 s: a TSan build starts slowly.
        admin = wait_for_health(server, lambda: Client(port, args.request_timeout, key), 60)
        setup(admin, docs, args.drain_seconds)

        run = Run(args.seconds, args.max_ops)
        run.backlog = Backlog(run, port, args.request_timeout, key,
                              args.max_backlog if args.max_backlog > 0 else None,
                              max(0.05, args.backlog_poll))
        rng = random.Random(seed)
        kinds = ([Searcher] * args.searchers + [MultiSearcher] + [DocumentWriter] * args.writers +
                 [SettingsWriter, IndexAdmin, IndexAdmin, TaskWatcher] + ([KeyManager] if key else []))
        workers = [k(f"{k.__name__}-{i}", run, port, args.request_timeout, key,
                     rng.randrange(1 << 30), ctx) for i, k in enumerate(kinds)]
        watchdog = Watchdog(run, port, args.watchdog_bound, key)
        for t in workers + [watchdog]:
            t.start()
        join_by = run.deadline + args.request_timeout + 5
        for t in workers + [watchdog]:
            t.join(max(0, join_by - time.monotonic()))
            if t.is_alive():
                run.fail(t.name, "still running after its deadline")
        failures += run.failures
        if server.poll() is not None:
            failures.append(f"the server died during the load (exit {server.returncode})")
        run.backlog.close()
        load_end = time.monotonic()
        if not failures:
            # A fresh connection: the admin one was idle during the load, which may
            # have outlasted the server's idle timeout.
            admin.close()
            admin = Client(port, args.request_timeout, key)
            summary, backlog_left = drain(admin, run, args.drain_seconds)
            drained_in = time.monotonic() - load_end
            # Still answering after the load and the drain.
            if admin.call("GET", "/health")[0] != 200:
                failures.append("GET /health failed after the drain")
        admin.close()
        ops = sum(w.ops for w in workers)
        print(f"requests: {ops} by {len(workers)} clients, {watchdog.probes} watchdog probes "
              f"(slowest {watchdog.worst:.2f} s); tasks enqueued: {len(run.tasks)}")
        print(run.backlog.summary())
        if summary is not None:
            print("task outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.items())) +
                  f"; {backlog_left} not final when the load stopped, all final "
                  f"{drained_in:.1f} s after it")
        for (op, outcome), n in sorted(run.counts.items()):
            print(f"  {op:24} {outcome:34} {n}")
    except Failure as e:
        failures.append(str(e))
    finally:
        if server.poll() is None:
            started = time.monotonic()
            server.send_signal(signal.SIGTERM)
            try:
                rc = server.wait(timeout=args.stop_seconds)
                print(f"SIGTERM: exited {rc} after {time.monotonic() - started:.2f} s")
                if rc != 0:
                    failures.append(f"the server exited {rc} after SIGTERM" +
                                    (" (ThreadSanitizer's code)" if rc == TSAN_EXIT_CODE else ""))
            except subprocess.TimeoutExpired:
                failures.append(f"the server did not stop within {args.stop_seconds} s of SIGTERM")
                server.kill()
                server.wait()
        elif server.returncode == TSAN_EXIT_CODE:
            failures.append("the server exited with ThreadSanitizer's code")
        reports = tsan_reports(args.tsan_log_dir)
        for path in reports:
            failures.append(f"ThreadSanitizer report {path}:\n" + open(path).read()[:20000])
        server_log.seek(0)
        log = server_log.read()
        server_log.close()
        if failures:
            print("server log (tail):\n" + log[-5000:], file=sys.stderr)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"FAILED (seed {seed}):", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        return 1
    print("mixed load: OK (no 5xx, no dropped connection, every task final, clean stop"
          + (", no ThreadSanitizer report)" if args.tsan_log_dir else ")"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
