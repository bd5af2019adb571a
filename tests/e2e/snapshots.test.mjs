// Snapshots as a user restores a database from one: POST /snapshots writes
// <db name>.snapshot, and a server started on it with --import-snapshot
// answers every search exactly as the original did, with the same keys, tasks
// and queue; --schedule-snapshot takes them by itself.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Meilisearch } from "meilisearch";
import { bin, startServer } from "./server.mjs";

const masterKey = "snapshots-master-key-0123456789";
const scratch = mkdtempSync(join(tmpdir(), "myriad-snapshots-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const docs = JSON.parse(readFileSync(resolve(import.meta.dirname,
  "../../../shared/datasets/debian-packages-2k.json"), "utf8"));

// Queries drawn from the documents themselves (every 97th package name, its
// prefix, a word of its summary), so the comparison does not rest on a list
// chosen for it.
function queriesFrom(documents) {
  const queries = [{ q: "" }, { q: "lib", filter: "section = libs", facets: ["section"] }];
  for (let i = 0; i < documents.length; i += 97) {
    const { package: name, summary } = documents[i];
    queries.push({ q: name }, { q: name.slice(0, 3) },
                 { q: String(summary).split(" ").slice(0, 2).join(" "), showRankingScore: true });
  }
  return queries;
}

test("a restored snapshot answers every search as the database did", async () => {
  const snapshotDir = join(scratch, "snapshots");
  const source = await startServer({ masterKey, args: ["--snapshot-dir", snapshotDir] });
  const { client } = source;
  const pkgs = client.index("pkgs");
  await pkgs.addDocuments(docs, { primaryKey: "id" }).waitTask();
  await pkgs.updateSettings({ filterableAttributes: ["section"],
                              synonyms: { vi: ["vim"] } }).waitTask();
  await client.createIndex("empty", { primaryKey: "sku" }).waitTask();
  await client.index("gone").addDocuments([{ id: 1 }]).waitTask();
  await client.deleteIndex("gone").waitTask();
  const key = await client.createKey({ actions: ["search"], indexes: ["pkgs"], expiresAt: null });
  const queries = queriesFrom(docs);
  const before = [];
  for (const query of queries) before.push(await pkgs.search(query.q, query));

  const snapshot = await client.createSnapshot().waitTask();
  assert.equal(snapshot.status, "succeeded", JSON.stringify(snapshot.error));
  assert.equal(snapshot.type, "snapshotCreation");
  const file = join(snapshotDir, "data.ms.snapshot");
  assert.ok(statSync(file).size > 0);
  const tasksBefore = (await client.tasks.getTasks({ limit: 1000 })).results;
  // Written after the snapshot: not in it.
  await pkgs.addDocuments([{ id: 424242, package: "after-the-snapshot" }]).waitTask();
  await source.stop();

  const target = await startServer({ masterKey, args: ["--import-snapshot", file] });
  try {
    const restored = target.client.index("pkgs");
    for (let i = 0; i < queries.length; i++) {
      const after = await restored.search(queries[i].q, queries[i]);
      assert.deepEqual(after.hits, before[i].hits, JSON.stringify(queries[i]));
      assert.deepEqual(after.facetDistribution, before[i].facetDistribution);
      assert.equal(after.estimatedTotalHits, before[i].estimatedTotalHits);
    }
    assert.equal((await restored.getStats()).numberOfDocuments, docs.length);
    assert.equal((await target.client.getIndex("empty")).primaryKey, "sku");
    await assert.rejects(target.client.getIndex("gone"), /not found/);
    const keyed = new Meilisearch({ host: target.host, apiKey: key.key });
    assert.ok((await keyed.index("pkgs").search("vim")).hits.length > 0);
    // The history as it was when the snapshot was taken, the snapshot's own
    // task succeeded there too (so it is not taken again).
    const tasksAfter = (await target.client.tasks.getTasks({ limit: 1000 })).results;
    const shape = (t) => ({ uid: t.uid, type: t.type, indexUid: t.indexUid, details: t.details,
                            enqueuedAt: String(t.enqueuedAt) });
    assert.deepEqual(tasksAfter.map(shape), tasksBefore.map(shape));
    assert.equal(tasksAfter[0].type, "snapshotCreation");
    assert.equal(tasksAfter[0].status, "succeeded");
    const next = await restored.addDocuments([{ id: 999999, package: "new" }]).waitTask();
    assert.equal(next.status, "succeeded");
    assert.equal(next.uid, tasksAfter[0].uid + 1);
  } finally {
    await target.stop();
  }
});

test("--schedule-snapshot takes snapshots by itself", async () => {
  const snapshotDir = join(scratch, "scheduled");
  const server = await startServer({ args: ["--snapshot-dir", snapshotDir,
                                            "--schedule-snapshot", "1"] });
  try {
    await server.client.index("one").addDocuments([{ id: 1, title: "scheduled" }]).waitTask();
    // Poll the task list until a snapshotCreation task has succeeded.
    let done;
    for (let attempt = 0; attempt < 3000 && !done; attempt++) {
      const { results } = await server.client.tasks.getTasks({ types: ["snapshotCreation"],
                                                              statuses: ["succeeded"] });
      done = results[0];
      if (!done) await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(done, "no scheduled snapshot succeeded");
    assert.ok(existsSync(join(snapshotDir, "data.ms.snapshot")));
  } finally {
    await server.stop();
  }
});

// A file that is not a snapshot stops the start-up and leaves no database.
test("a bad snapshot, a missing one and an existing database are refused clearly", async () => {
  const run = (args) => spawnSync(bin, ["--http-addr", "127.0.0.1:0", ...args],
                                  { encoding: "utf8", timeout: 60_000 });
  const db = join(scratch, "refused.ms");
  const garbage = join(scratch, "garbage.snapshot");
  writeFileSync(garbage, "this is not a tar.gz");
  let r = run(["--db-path", db, "--import-snapshot", garbage]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not a tar\.gz archive/);
  assert.equal(existsSync(db), false);
  // A tar.gz that is not a snapshot (a directory of anything).
  const foreign = join(scratch, "foreign");
  mkdirSync(foreign);
  writeFileSync(join(foreign, "notes.txt"), "hello");
  const foreignFile = join(scratch, "foreign.snapshot");
  assert.equal(spawnSync("tar", ["czf", foreignFile, "-C", foreign, "."]).status, 0);
  r = run(["--db-path", db, "--import-snapshot", foreignFile]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /is not a Myriad snapshot/);
  assert.equal(existsSync(db), false);
  assert.equal(existsSync(`${db}.importing`), false);
  r = run(["--db-path", db, "--import-snapshot", join(scratch, "absent.snapshot")]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /snapshot doesn't exist/);
  r = run(["--db-path", db, "--import-snapshot", foreignFile, "--import-dump", foreignFile]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot be used together/);
  mkdirSync(db);
  writeFileSync(join(db, "kept"), "a database's file");
  r = run(["--db-path", db, "--import-snapshot", garbage]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /a database already exists/);
  assert.equal(readFileSync(join(db, "kept"), "utf8"), "a database's file");
});
