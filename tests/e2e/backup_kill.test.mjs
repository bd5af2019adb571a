// SIGKILL during a dump, a snapshot or an index swap, at seeded random moments,
// on the same data directory. After every restart: the database is as it was
// before the task (every search answers the same, the swap applied at most
// once), the interrupted task reaches a final status (the server takes it up
// again, so it succeeds), its archive lists whole, and nothing half-written is
// left in the dump and snapshot directories. `myriad check` reads the files at
// the end.
//
// BACKUP_KILL_SEED and BACKUP_KILL_CYCLES override the seed and the number of kills.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bin, startServer } from "./server.mjs";

const SEED = Number(process.env.BACKUP_KILL_SEED ?? 20261207);
const CYCLES = Number(process.env.BACKUP_KILL_CYCLES ?? 12);
const docs = JSON.parse(readFileSync(resolve(import.meta.dirname,
  "../../../shared/datasets/debian-packages-2k.json"), "utf8"));

function generator(seed) {  // mulberry32
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

async function finished(client, uid) {
  for (let poll = 0; poll < 20000; poll++) {
    const task = await client.tasks.getTask(uid);
    if (["succeeded", "failed", "canceled"].includes(task.status)) return task;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`task ${uid} did not finish`);
}

// What a killed dump or snapshot leaves until the next one runs.
function leftovers(dir) {
  let names = [];
  try { names = readdirSync(dir); } catch { /* not made yet */ }
  return names.filter((n) => n.endsWith(".part") || n.endsWith(".staging"));
}

// What a user sees of the two indexes: hits of queries drawn from the corpus.
async function view(client) {
  const out = {};
  for (const uid of ["a", "b"]) {
    const index = client.index(uid);
    out[uid] = { count: (await index.getStats()).numberOfDocuments, hits: [] };
    for (let i = 0; i < docs.length; i += 331) {
      out[uid].hits.push((await index.search(docs[i].package, { limit: 5 })).hits.map((h) => h.id));
    }
  }
  return out;
}

test("a SIGKILL during a dump, a snapshot or a swap loses nothing and leaves nothing half-written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "myriad-backup-kill-"));
  const dumps = join(dir, "dumps");
  const snapshots = join(dir, "snapshots");
  const args = ["--dump-dir", dumps, "--snapshot-dir", snapshots];
  let server = await startServer({ dir, args });
  try {
    await server.client.index("a").addDocuments(docs, { primaryKey: "id" }).waitTask();
    await server.client.index("b").addDocuments(docs.slice(0, 300), { primaryKey: "id" }).waitTask();
    let expected = await view(server.client);
    // How long an uninterrupted dump takes bounds the kill moments.
    const t0 = Date.now();
    await server.client.createDump().waitTask();
    const span = Math.max(5, Date.now() - t0);
    let kills = 0;
    let midWrite = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const op = ["dump", "snapshot", "swap"][cycle % 3];
      const { client } = server;
      const enqueued = op === "dump" ? await client.createDump()
        : op === "snapshot" ? await client.createSnapshot()
          : await client.swapIndexes([{ indexes: ["a", "b"] }]);
      const uid = enqueued.taskUid;
      await new Promise((r) => setTimeout(r, int(span * 1.5)));
      assert.equal((await server.kill()).signal, "SIGKILL");
      kills++;
      if (leftovers(dumps).length + leftovers(snapshots).length > 0) midWrite++;
      server = await startServer({ dir, args });
      const task = await finished(server.client, uid);
      const what = `cycle ${cycle} (${op}, seed ${SEED})`;
      assert.equal(task.status, "succeeded", `${what}: ${JSON.stringify(task.error)}`);
      if (op === "swap") expected = { a: expected.b, b: expected.a };
      assert.deepEqual(await view(server.client), expected, `${what}: the indexes`);
      const archive = op === "dump" ? join(dumps, `${task.details.dumpUid}.dump`)
        : op === "snapshot" ? join(snapshots, "data.ms.snapshot") : null;
      if (archive) {
        const listing = spawnSync("tar", ["tzf", archive], { encoding: "utf8" });
        assert.equal(listing.status, 0, `${what}: ${listing.stderr}`);
      }
      for (const d of [dumps, snapshots]) assert.deepEqual(leftovers(d), [], `${what}: in ${d}`);
    }
    console.log(`backup kill loop (seed ${SEED}): ${kills} SIGKILLs, ${midWrite} while an ` +
                `archive was being written`);
    await server.stop({ keep: true });
    const check = spawnSync(bin, ["check", "--db-path", join(dir, "data.ms")]);
    assert.equal(check.status, 0, check.stdout.toString() + check.stderr.toString());
    server = await startServer({ dir, args });
  } finally {
    await server.stop();
  }
});
