// Dumps as a user moves a database with them: POST /dumps writes a dump in
// Meilisearch's format, and a new server started with --import-dump serves the
// same indexes, settings, documents, keys and task history.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Meilisearch } from "meilisearch";
import { bin, startServer } from "./server.mjs";

const masterKey = "dumps-master-key-0123456789";
const scratch = mkdtempSync(join(tmpdir(), "myriad-dumps-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const docs = JSON.parse(readFileSync(resolve(import.meta.dirname,
  "../../../shared/datasets/debian-packages-2k.json"), "utf8"));

test("a dump of one server imports into another: same hits, same keys, same history", async () => {
  const dumpDir = join(scratch, "dumps");
  const source = await startServer({ masterKey, args: ["--dump-dir", dumpDir] });
  const { client } = source;
  const pkgs = client.index("pkgs");
  await pkgs.addDocuments(docs, { primaryKey: "id" }).waitTask();
  await pkgs.updateSettings({ searchableAttributes: ["package", "summary"],
    filterableAttributes: ["section"], synonyms: { vi: ["vim"] } }).waitTask();
  await client.createIndex("empty", { primaryKey: "sku" }).waitTask();
  const key = await client.createKey({ actions: ["search"], indexes: ["pkgs"], expiresAt: null,
                                       name: "front" });
  const queries = [{ q: "vi editor" }, { q: "python3 requests" },
                   { q: "lib", filter: "section = libs", limit: 5 }];
  const before = [];
  for (const query of queries) before.push((await pkgs.search(query.q, query)).hits.map((h) => h.id));
  const tasksBefore = (await client.tasks.getTasks({ limit: 100 })).results;

  const dump = await client.createDump().waitTask();
  assert.equal(dump.status, "succeeded", JSON.stringify(dump.error));
  assert.equal(dump.type, "dumpCreation");
  assert.match(dump.details.dumpUid, /^\d{8}-\d{9}$/);
  const file = join(dumpDir, `${dump.details.dumpUid}.dump`);
  assert.ok(existsSync(file));
  const listing = spawnSync("tar", ["tzf", file], { encoding: "utf8" }).stdout.split("\n");
  for (const entry of ["metadata.json", "keys.jsonl", "tasks/queue.jsonl",
                       "indexes/pkgs/documents.jsonl", "indexes/pkgs/settings.json",
                       "indexes/empty/metadata.json"]) {
    assert.ok(listing.includes(entry), `${entry} in ${listing}`);
  }
  await source.stop();

  const target = await startServer({ masterKey, args: ["--import-dump", file] });
  try {
    const imported = target.client.index("pkgs");
    for (let i = 0; i < queries.length; i++) {
      assert.deepEqual((await imported.search(queries[i].q, queries[i])).hits.map((h) => h.id),
                       before[i], queries[i].q);
    }
    assert.equal((await imported.getStats()).numberOfDocuments, docs.length);
    assert.deepEqual((await imported.getSettings()).synonyms, { vi: ["vim"] });
    assert.equal((await target.client.getIndex("empty")).primaryKey, "sku");
    // The key keeps its uid, so its value under the same master key is the same.
    const keyed = new Meilisearch({ host: target.host, apiKey: key.key });
    assert.equal((await keyed.index("pkgs").search("vim")).hits.length > 0, true);
    const tasksAfter = (await target.client.tasks.getTasks({ limit: 100 })).results;
    const shape = (t) => ({ uid: t.uid, type: t.type, status: t.status, indexUid: t.indexUid,
                            details: t.details, enqueuedAt: String(t.enqueuedAt) });
    // The dump task itself is dumped as succeeded, as Meilisearch does.
    assert.deepEqual(tasksAfter.slice(1).map(shape), tasksBefore.map(shape));
    assert.equal(tasksAfter[0].type, "dumpCreation");
    // New tasks continue the numbering.
    const next = await imported.addDocuments([{ id: 999999, package: "new" }]).waitTask();
    assert.equal(next.uid, tasksAfter[0].uid + 1);
  } finally {
    await target.stop();
  }
});

// A dump that cannot be imported stops the start-up and leaves no database.
test("a bad dump, a missing one and an existing database are refused clearly", async () => {
  const run = (args) => spawnSync(bin, ["--http-addr", "127.0.0.1:0", ...args],
                                  { encoding: "utf8", timeout: 60_000 });
  const db = join(scratch, "refused.ms");
  const garbage = join(scratch, "garbage.dump");
  writeFileSync(garbage, "this is not a tar.gz");
  let r = run(["--db-path", db, "--import-dump", garbage]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not a tar\.gz archive/);
  assert.equal(existsSync(db), false);
  r = run(["--db-path", db, "--import-dump", join(scratch, "absent.dump")]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dump doesn't exist/);
  assert.equal(existsSync(db), false);
  mkdirSync(db);
  writeFileSync(join(db, "kept"), "a database's file");
  r = run(["--db-path", db, "--import-dump", garbage]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /a database already exists/);
  assert.equal(readFileSync(join(db, "kept"), "utf8"), "a database's file");
});
