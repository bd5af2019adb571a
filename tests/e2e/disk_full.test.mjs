// A full disk: the data directory on a small tmpfs, filled with a ballast file.
// Writes that cannot be stored fail with Meilisearch's no_space_left_on_device
// (422, type system), either at once (the payload cannot be written) or as the
// task's error (the index cannot grow), and change nothing; reads keep
// answering as before; once space is freed, new tasks succeed. After a stop and
// a restart, `mdb_stat -a` reads every env and `myriad check` finds no problem.
// Needs root (mount); skipped, saying why, where mounting is not permitted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync,
  readFileSync, rmSync, writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bin, startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const FS_MIB = 48;
const MAX_POLLS = 6000; // 5 ms apart: 30 s for a task

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

// Writes zeros to `fd` until the filesystem refuses; returns the bytes written.
function fillUp(fd) {
  let written = 0;
  for (const chunk of [1 << 20, 1 << 16, 4096, 512]) {
    const zeros = Buffer.alloc(chunk);
    for (let i = 0; i < 100_000; i++) {
      try {
        const n = writeSync(fd, zeros);
        written += n;
        if (n < chunk) break;
      } catch (error) {
        if (error.code !== "ENOSPC") throw error;
        break;
      }
    }
  }
  return written;
}

async function finalTask(client, uid) {
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    const task = await client.tasks.getTask(uid);
    if (["succeeded", "failed", "canceled"].includes(task.status)) return task;
    await pause(5);
  }
  throw new Error(`task ${uid} did not finish within ${MAX_POLLS} polls`);
}

// What the reads answer, to compare before, while and after the disk is full.
async function reads(client) {
  const index = client.index("debian");
  const stats = await index.getStats();
  return {
    indexes: (await client.getIndexes()).results.map((i) => [i.uid, i.primaryKey]),
    documents: stats.numberOfDocuments,
    search: (await index.search("python library", { limit: 5, attributesToRetrieve: ["id"] })).hits,
    filtered: (await index.search("", { filter: "section = utils", limit: 3,
                                         attributesToRetrieve: ["id"] })).estimatedTotalHits,
    page: (await index.getDocuments({ limit: 3, fields: ["id", "package"] })).results,
    one: await index.getDocument(first.id, { fields: ["id", "package", "version"] }),
    settings: await index.getFilterableAttributes(),
    globalDocuments: (await client.getStats()).indexes.debian.numberOfDocuments,
  };
}

function checkError(body, what) {
  assert.equal(body.code, "no_space_left_on_device", `${what}: ${JSON.stringify(body)}`);
  assert.equal(body.type, "system", what);
  assert.match(body.message, /^There is no more space left on the device\./, what);
  assert.equal(body.link, "https://docs.meilisearch.com/errors#no_space_left_on_device", what);
}

const docs = JSON.parse(readFileSync(`${datasets}/debian-packages-2k.json`, "utf8"));
const first = docs[0];

test("a full disk refuses writes with no_space_left_on_device, keeps serving reads, recovers",
  { timeout: 300_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), "myriad-full-"));
  const mnt = join(root, "fs");
  mkdirSync(mnt);
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${FS_MIB}m`, "tmpfs", mnt]);
  if (mount.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    t.skip(`mounting a tmpfs is not permitted here: ${mount.stderr?.toString().trim() || mount.error}`);
    return;
  }
  let server;
  let ballast;
  try {
    const dir = join(mnt, "db");
    mkdirSync(dir);
    server = await startServer({ dir });
    let { client, host } = server;
    const index = client.index("debian");
    const seeded = await index.addDocuments(docs.slice(0, 1000), { primaryKey: "id" }).waitTask({ timeout: 120_000 });
    assert.equal(seeded.status, "succeeded", JSON.stringify(seeded.error));
    assert.equal((await index.updateFilterableAttributes(["section"]).waitTask()).status, "succeeded");
    const before = await reads(client);
    assert.equal(before.documents, 1000);

    // Full: not a byte left.
    ballast = openSync(join(mnt, "ballast"), "w");
    const ballastBytes = fillUp(ballast);
    assert.ok(ballastBytes > 0);
    const more = JSON.stringify(docs.slice(1000));

    // A payload that cannot be written is refused at once.
    const refused = await fetch(`${host}/indexes/debian/documents`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: more });
    assert.equal(refused.status, 422);
    checkError(await refused.json(), "the refused addition");

    // Reads answer as before.
    assert.deepEqual(await reads(client), before);
    const seededAgain = await client.tasks.getTask(seeded.uid);
    assert.equal(seededAgain.status, "succeeded");
    assert.equal((await client.tasks.getTasks({ statuses: ["succeeded"] })).total, 2);

    // Room for the payload but not for what it becomes: the task fails. Freed a
    // little at a time (bounded) until the payload fits.
    let accepted;
    for (let step = 1; step <= 64 && !accepted; step++) {
      ftruncateSync(ballast, Math.max(0, ballastBytes - step * 128 * 1024));
      const r = await fetch(`${host}/indexes/debian/documents`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: more });
      const body = await r.json();
      if (r.status === 202) {
        accepted = body;
      } else {
        assert.equal(r.status, 422, JSON.stringify(body));
        checkError(body, `the addition at step ${step}`);
      }
    }
    assert.ok(accepted, "the payload never fitted");
    const failed = await finalTask(client, accepted.taskUid);
    assert.equal(failed.status, "failed");
    checkError(failed.error, "the failed task");
    assert.deepEqual(await reads(client), before, "the failed task changed nothing");

    // A settings change (a reindex) on the full disk: refused or failed, never half done.
    const settings = await fetch(`${host}/indexes/debian/settings`, {
      method: "PATCH", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ filterableAttributes: ["section", "priority"] }) });
    const settingsBody = await settings.json();
    if (settings.status === 202) {
      const task = await finalTask(client, settingsBody.taskUid);
      assert.equal(task.status, "failed");
      checkError(task.error, "the settings task");
    } else {
      assert.equal(settings.status, 422);
      checkError(settingsBody, "the refused settings change");
    }
    assert.deepEqual(await reads(client), before, "the settings change changed nothing");

    // Space again: new tasks succeed.
    closeSync(ballast);
    ballast = undefined;
    rmSync(join(mnt, "ballast"));
    const added = await index.addDocuments(docs.slice(1000)).waitTask({ timeout: 120_000 });
    assert.equal(added.status, "succeeded", JSON.stringify(added.error));
    const reindexed = await index.updateFilterableAttributes(["section", "priority"]).waitTask({ timeout: 120_000 });
    assert.equal(reindexed.status, "succeeded", JSON.stringify(reindexed.error));
    const after = await reads(client);
    assert.equal(after.documents, docs.length);
    assert.equal(after.globalDocuments, docs.length);
    assert.deepEqual(after.settings, ["section", "priority"]);
    const last = docs[docs.length - 1];
    assert.equal((await index.getDocument(last.id, { fields: ["package"] })).package, last.package);

    // Stopped and restarted: everything is there.
    assert.equal((await server.stop({ keep: true })).code, 0);
    server = await startServer({ dir });
    ({ client } = server);
    assert.deepEqual(await reads(client), after);
    assert.equal((await server.stop({ keep: true })).code, 0);
    server = undefined;

    // Nothing is corrupt: LMDB's own reader and ours.
    const db = join(dir, "data.ms");
    const envs = ["registry", "tasks", "auth",
                  ...readdirSync(join(db, "indexes")).map((uuid) => join("indexes", uuid))];
    assert.equal(envs.length, 4);
    for (const env of envs) {
      const out = execFileSync("mdb_stat", ["-a", join(db, env)]).toString();
      assert.match(out, /Status of Main DB/, env);
    }
    const check = spawnSync(bin, ["check", "--db-path", db]);
    const report = JSON.parse(check.stdout.toString());
    assert.equal(check.status, 0, check.stdout.toString() + check.stderr.toString());
    assert.equal(report.ok, true);
    assert.deepEqual(report.problems, []);
    assert.equal(report.indexes, 1);
    assert.equal(report.tasks.unfinished, 0);
    console.log(`disk full: ${FS_MIB} MiB tmpfs, ballast ${(ballastBytes / 2 ** 20).toFixed(1)} MiB; ` +
                `checked ${envs.length} envs: ${report.envs.map((e) => e.databases.length).join("+")} databases`);
  } finally {
    if (ballast !== undefined) closeSync(ballast);
    if (server) await server.kill();
    // Always unmounted, even on failure (lazily if something still holds it).
    if (spawnSync("umount", [mnt]).status !== 0) spawnSync("umount", ["-l", mnt]);
    rmSync(root, { recursive: true, force: true });
  }
});
