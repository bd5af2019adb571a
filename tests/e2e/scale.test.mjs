// The short version of bench/scale.sh that CI runs: many small indexes in one
// server, through the npm client. Every creation and addition succeeds, the
// catalogue pages and the stats list every index with its documents, searches
// find each index's own documents before and after a restart, and deletions
// leave the rest intact. The figures (rates, latencies) live in the benchmark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const INDEXES = 300;
const PER_INDEX = 2;
const sample = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../../shared/datasets/debian-packages-2k.json")));
const uidOf = (i) => `tenant-${String(i).padStart(4, "0")}`;
const docsOf = (i) => sample.slice(i * PER_INDEX, (i + 1) * PER_INDEX);

async function waitAll(client, tasks) {
  const done = await client.tasks.waitForTasks(tasks.map((t) => t.taskUid),
                                               { timeout: 300_000, interval: 20 });
  const failed = done.filter((t) => t.status !== "succeeded");
  assert.deepEqual(failed, [], "every task succeeds");
}

async function searchFinds(client, i) {
  const { hits } = await client.index(uidOf(i)).search("", { limit: 10 });
  const ids = (docs) => docs.map((d) => d.id).sort((a, b) => a - b);
  assert.deepEqual(ids(hits), ids(docsOf(i)),
                   `index ${uidOf(i)} holds its own documents`);
}

test(`${INDEXES} indexes: created, filled, listed, searched, restarted, some deleted`, async () => {
  let server = await startServer();
  let { client } = server;
  const range = [...Array(INDEXES).keys()];
  // In the order a tenant sign-up would: the index, then its documents.
  await waitAll(client, await Promise.all(
    range.map((i) => client.createIndex(uidOf(i), { primaryKey: "id" }))));
  await waitAll(client, await Promise.all(
    range.map((i) => client.index(uidOf(i)).addDocuments(docsOf(i)))));

  for (const offset of [0, 1, 137, INDEXES - 5, INDEXES]) {
    const page = await client.getIndexes({ offset, limit: 20 });
    assert.equal(page.total, INDEXES);
    assert.deepEqual(page.results.map((r) => r.uid),
                     range.slice(offset, offset + 20).map(uidOf), `page at ${offset}`);
  }
  const stats = await client.getStats();
  assert.equal(Object.keys(stats.indexes).length, INDEXES);
  for (const i of range) assert.equal(stats.indexes[uidOf(i)].numberOfDocuments, PER_INDEX);

  const picks = [0, 1, 42, 199, INDEXES - 1];
  for (const i of picks) await searchFinds(client, i);

  await server.stop({ keep: true });
  server = await startServer({ dir: server.dir });
  ({ client } = server);
  for (const i of picks) await searchFinds(client, i);

  const doomed = range.filter((i) => i % 3 === 0);
  await waitAll(client, await Promise.all(doomed.map((i) => client.deleteIndex(uidOf(i)))));
  const left = range.filter((i) => i % 3 !== 0);
  assert.equal((await client.getIndexes({ limit: 1 })).total, left.length);
  for (const i of [1, 200, INDEXES - 1]) await searchFinds(client, i);
  await assert.rejects(client.index(uidOf(0)).search(""),
                       (e) => e.cause?.code === "index_not_found");
  const { code } = await server.stop();
  assert.equal(code, 0, "the server stops cleanly on SIGTERM");
});
