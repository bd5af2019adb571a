// GET /batches and GET /batches/{uid} through the official client: each task
// names its batch, the batch names its tasks' figures, and the filters and
// paging of GET /tasks apply.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { MeilisearchApiError } from "meilisearch";
import { startServer } from "./server.mjs";

const docs = JSON.parse(readFileSync(resolve(import.meta.dirname,
  "../../../shared/datasets/debian-packages-2k.json"), "utf8"));
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test("every finished task's batch holds it, with the batch's stats", async () => {
  const { client } = server;
  const pkgs = client.index("pkgs");
  const added = await pkgs.addDocuments(docs.slice(0, 500), { primaryKey: "id" }).waitTask();
  const settings = await pkgs.updateSettings({ filterableAttributes: ["section"] }).waitTask();
  const failed = await client.index("pkgs").addDocuments([{ id: "not an id!" }]).waitTask();
  assert.equal(failed.status, "failed");
  for (const task of [added, settings, failed]) {
    assert.equal(typeof task.batchUid, "number");
    const batch = await client.batches.getBatch(task.batchUid);
    assert.equal(batch.uid, task.batchUid);
    assert.ok(batch.stats.totalNbTasks >= 1);
    assert.ok(batch.stats.types[task.type] >= 1, JSON.stringify(batch.stats));
    assert.ok(batch.stats.status[task.status] >= 1, JSON.stringify(batch.stats));
    assert.equal(batch.stats.indexUids.pkgs, batch.stats.totalNbTasks);
    assert.ok(Date.parse(batch.startedAt) <= Date.parse(batch.finishedAt));
    assert.match(batch.duration, /^PT/);
    assert.equal(batch.progress, null);
    assert.equal(typeof batch.batchStrategy, "string");
  }
  assert.equal((await client.batches.getBatch(added.batchUid)).details.indexedDocuments, 500);

  const all = await client.batches.getBatches();
  assert.equal(all.total, all.results.length);
  const uids = all.results.map((b) => b.uid);
  assert.deepEqual(uids, [...uids].sort((a, b) => b - a));
  const failing = await client.batches.getBatches({ statuses: ["failed"] });
  assert.deepEqual(failing.results.map((b) => b.uid), [failed.batchUid]);
  // Paging: one at a time, newest first, `next` leading to the rest.
  const first = await client.batches.getBatches({ limit: 1 });
  assert.equal(first.results[0].uid, uids[0]);
  const second = await client.batches.getBatches({ limit: 1, from: first.next });
  assert.equal(second.results[0].uid, uids[1]);
  const oldest = await client.batches.getBatches({ limit: 1, reverse: true });
  assert.equal(oldest.results[0].uid, uids.at(-1));
  await assert.rejects(client.batches.getBatch(999999), (e) =>
    e instanceof MeilisearchApiError && e.cause.code === "batch_not_found");
});
