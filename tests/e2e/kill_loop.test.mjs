// SIGKILL at random moments during a seeded random mix of writes (documents added,
// replaced, partially updated, deleted by id, by filter and all at once; settings;
// indexes created, renamed, deleted), at least 50 times on the same data
// directory. After every restart: every acknowledged task is still there with
// its type and index and reaches a final status, and the whole state (indexes,
// every document with all its fields, the settings changed, every task's
// outcome) equals the model's replay of the server's task list (kill_model.mjs).
// A request cut by the kill may or may not have been registered: at most one is
// in flight at a kill, and if the server lists it, the model replays it.
//
// KILL_LOOP_SEED and KILL_LOOP_CYCLES override the seed and the number of kills.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { apply, DEFAULT_RANKING_RULES, taskType } from "./kill_model.mjs";
import { bin, startServer } from "./server.mjs";

const SEED = Number(process.env.KILL_LOOP_SEED ?? 20261203);
const CYCLES = Number(process.env.KILL_LOOP_CYCLES ?? 60);
const INDEXES = ["k0", "k1", "k2"];
const TAGS = ["red", "blue", "green"];
const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "the", "of"];
const MAX_POLLS = 4000; // 5 ms apart: 20 s at most for a cycle's tasks to finish

// mulberry32: a small seeded generator, so a failure can be replayed.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (array) => array[int(array.length)];
const subset = (array) => array.filter(() => random() < 0.5);
function shuffled(array) {
  const out = [...array];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function fullDocument() {
  const doc = { id: int(40), title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`, n: int(100) };
  if (random() < 0.9) doc.tag = pick(TAGS);
  if (random() < 0.3) doc.extra = { words: subset(WORDS), flag: random() < 0.5 };
  return doc;
}

function partialDocument() {
  const doc = { id: int(40) };
  for (const field of subset(["n", "tag", "note"])) {
    doc[field] = field === "n" ? int(100) : field === "tag" ? pick(TAGS) : pick(WORDS);
  }
  return doc;
}

// The next request: what to send, as data the model can replay.
function nextRequest() {
  const index = pick(INDEXES);
  const r = random();
  if (r < 0.06) return { op: "createIndex", index };
  if (r < 0.10) return { op: "deleteIndex", index };
  if (r < 0.14) return { op: "renameIndex", index, to: pick(INDEXES.filter((u) => u !== index)) };
  if (r < 0.40) {
    const docs = Array.from({ length: 1 + int(12) }, fullDocument);
    if (random() < 0.05) docs.push({ id: "not valid!", title: "refused" });
    return { op: "addDocuments", index, docs };
  }
  if (r < 0.55) return { op: "updateDocuments", index, docs: Array.from({ length: 1 + int(8) }, partialDocument) };
  if (r < 0.65) return { op: "deleteIds", index, ids: Array.from({ length: 1 + int(5) }, () => int(40)) };
  if (r < 0.72) {
    const filter = pick(["tag = red", "n < 20", "tag = blue OR n >= 85", "tag = green"]);
    return { op: "deleteByFilter", index, filter };
  }
  if (r < 0.75) return { op: "deleteAll", index };
  const s = int(4);
  if (s === 0) return { op: "settings", index, settings: { filterableAttributes: subset(["tag", "n"]) } };
  if (s === 1) {
    const searchable = random() < 0.3 ? ["*"] : shuffled(["title", "tag", "note"]).slice(0, 1 + int(3));
    return { op: "settings", index, settings: { searchableAttributes: searchable } };
  }
  if (s === 2) return { op: "settings", index, settings: { stopWords: subset(["the", "of", "alpha"]) } };
  const rules = shuffled(DEFAULT_RANKING_RULES);
  if (random() < 0.3) rules.splice(int(rules.length + 1), 0, pick(["n:asc", "n:desc"]));
  return { op: "settings", index, settings: { rankingRules: rules } };
}

// Sends `request` with the npm client; resolves to the enqueued task.
function send(client, request) {
  const index = client.index(request.index);
  switch (request.op) {
    case "createIndex":
      return client.createIndex(request.index, { primaryKey: "id" });
    case "deleteIndex":
      return client.deleteIndex(request.index);
    case "renameIndex":
      return client.updateIndex(request.index, { uid: request.to });
    case "addDocuments":
      return index.addDocuments(request.docs);
    case "updateDocuments":
      return index.updateDocuments(request.docs);
    case "deleteIds":
      return request.ids.length === 1 ? index.deleteDocument(request.ids[0])
                                      : index.deleteDocuments(request.ids);
    case "deleteByFilter":
      return index.deleteDocuments({ filter: request.filter });
    case "deleteAll":
      return index.deleteAllDocuments();
    case "settings":
      return index.updateSettings(request.settings);
  }
  throw new Error(`unknown op ${request.op}`);
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function allTasks(client) {
  const tasks = [];
  let from;
  for (let page = 0; page < 100; page++) {
    const res = await client.tasks.getTasks({ limit: 1000, from, reverse: true });
    tasks.push(...res.results);
    if (res.next === null || res.next === undefined) return tasks;
    from = res.next;
  }
  throw new Error("more than 100 pages of tasks");
}

// Polls until no task is enqueued or processing (bounded).
async function waitIdle(client) {
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    const pending = await client.tasks.getTasks({ statuses: ["enqueued", "processing"], limit: 1 });
    if (pending.total === 0) return;
    await pause(5);
  }
  throw new Error(`tasks still pending after ${MAX_POLLS} polls`);
}

async function serverState(client) {
  const state = new Map();
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const { uid } of results) {
    const index = client.index(uid);
    const docs = (await index.getDocuments({ limit: 1000 })).results;
    const s = await index.getSettings();
    state.set(uid, {
      docs: docs.sort((a, b) => a.id - b.id),
      settings: {
        filterableAttributes: [...s.filterableAttributes].sort(),
        searchableAttributes: s.searchableAttributes,
        stopWords: [...s.stopWords].sort(),
        rankingRules: s.rankingRules,
      },
    });
  }
  return state;
}

function modelView(model) {
  const view = new Map();
  for (const uid of [...model.keys()].sort()) {
    const { docs, settings } = model.get(uid);
    view.set(uid, {
      docs: [...docs.values()].sort((a, b) => a.id - b.id),
      settings: {
        ...settings,
        filterableAttributes: [...settings.filterableAttributes].sort(),
        stopWords: [...settings.stopWords].sort(),
      },
    });
  }
  return view;
}

test(`SIGKILL ${CYCLES} times during mixed writes loses nothing acknowledged (seed ${SEED})`,
  { timeout: 600_000 }, async () => {
  const sent = new Map(); // taskUid -> request, for every task the server listed or acknowledged
  let server = await startServer();
  const dir = server.dir;
  let kills = 0;
  let inFlight = null; // { request, promise } of the request cut by the last kill
  const startedAt = Date.now();
  try {
    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const { client } = server;
      // 1. Every acknowledged task is listed, with its type and index; a task the
      // test did not see acknowledged can only be the one cut by the kill.
      const listed = (await allTasks(client)).sort((a, b) => a.uid - b.uid);
      const byUid = new Map(listed.map((t) => [t.uid, t]));
      for (const [uid, request] of sent) {
        const task = byUid.get(uid);
        assert.ok(task, `cycle ${cycle}: acknowledged task ${uid} (${request.op}) is lost`);
        assert.equal(task.type, taskType(request.op), `task ${uid}'s type`);
        assert.equal(task.indexUid, request.index, `task ${uid}'s index`);
      }
      const unknown = listed.filter((t) => !sent.has(t.uid));
      assert.ok(unknown.length <= (inFlight ? 1 : 0),
        `cycle ${cycle}: tasks nobody acknowledged: ${JSON.stringify(unknown.map((t) => t.uid))}`);
      if (unknown.length === 1) {
        assert.equal(unknown[0].type, taskType(inFlight.request.op));
        assert.equal(unknown[0].indexUid, inFlight.request.index);
        sent.set(unknown[0].uid, inFlight.request);
      }
      inFlight = null;

      // 2. They all finish, and the outcome of each and the state are the model's.
      await waitIdle(client);
      const finished = (await allTasks(client)).sort((a, b) => a.uid - b.uid);
      assert.deepEqual(finished.map((t) => t.uid), [...sent.keys()].sort((a, b) => a - b),
        `cycle ${cycle}: the task list`);
      const model = new Map();
      for (const task of finished) {
        const expected = apply(model, sent.get(task.uid));
        const what = `cycle ${cycle}: task ${task.uid} ${JSON.stringify(sent.get(task.uid))}`;
        assert.equal(task.status, expected.status, `${what}: ${JSON.stringify(task.error)}`);
        if (expected.code) assert.equal(task.error?.code, expected.code, what);
      }
      assert.deepEqual(await serverState(client), modelView(model), `cycle ${cycle}: the state`);
      if (cycle === CYCLES) break;

      // 3. A random run of writes, then SIGKILL at a random moment.
      const count = int(14);
      for (let i = 0; i < count; i++) {
        const request = nextRequest();
        const enqueued = await send(client, request);
        sent.set(enqueued.taskUid, request);
      }
      const moment = int(4);
      if (moment === 1) {
        // While a request is in flight: it may or may not be registered.
        const request = nextRequest();
        inFlight = { request, promise: send(client, request).catch(() => null) };
        for (let t = int(40); t > 0; t--) await new Promise((r) => setImmediate(r));
      } else if (moment === 2) {
        // While a task is processing, if one gets there within the bound.
        for (let poll = 0; poll < 200; poll++) {
          const p = await client.tasks.getTasks({ statuses: ["processing"], limit: 1 });
          if (p.total > 0) break;
        }
      } else if (moment === 3) {
        await pause(int(30));
      }
      const killed = await server.kill();
      assert.equal(killed.signal, "SIGKILL");
      kills++;
      if (inFlight) {
        const answer = await inFlight.promise;
        // Acknowledged after all (the answer beat the kill): an ordinary task.
        if (answer) {
          sent.set(answer.taskUid, inFlight.request);
          inFlight = null;
        }
      }
      server = await startServer({ dir });
    }
    const documents = [...(await serverState(server.client)).values()]
      .reduce((sum, index) => sum + index.docs.length, 0);
    console.log(`kill loop (seed ${SEED}): ${kills} SIGKILLs, ${sent.size} tasks, ` +
                `${documents} documents at the end, ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    assert.ok(kills >= 50 || CYCLES < 50);

    // Killed once more mid-work, the files are sound: `myriad check` reads every
    // env and database without the server.
    await send(server.client, nextRequest());
    await server.kill();
    const check = spawnSync(bin, ["check", "--db-path", join(dir, "data.ms")]);
    assert.equal(check.status, 0, check.stdout.toString() + check.stderr.toString());
    const report = JSON.parse(check.stdout.toString());
    assert.equal(report.ok, true);
    assert.deepEqual(report.problems, []);
    server = await startServer({ dir });
  } finally {
    await server.stop();
  }
});
