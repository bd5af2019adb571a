// The short version of bench/scale.sh's churn that CI runs: more indexes than
// the address budget lets stay open, searched round-robin by concurrent clients
// while some of them take writes. Every search finds its own index's documents,
// every write lands, and the server really did close and reopen envs (it never
// had them all open at once). The rates live in the benchmark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const INDEXES = 120;
const CLIENTS = 8;
const PASSES = 3;
const sample = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../../shared/datasets/debian-packages-2k.json")));
const uidOf = (i) => `churn-${String(i).padStart(3, "0")}`;

// LMDB maps of index envs the server has open now (their data.mdb mappings).
function openEnvs(pid) {
  return readFileSync(`/proc/${pid}/maps`, "utf8").split("\n")
    .filter((l) => l.includes("/indexes/") && l.trimEnd().endsWith("data.mdb")).length;
}

async function waitAll(client, tasks) {
  const done = await client.tasks.waitForTasks(tasks.map((t) => t.taskUid),
                                               { timeout: 300_000, interval: 20 });
  assert.deepEqual(done.filter((t) => t.status !== "succeeded"), [], "every task succeeds");
}

test(`${INDEXES} indexes round-robin under an address budget that holds a few`, async (t) => {
  // 1 MiB is the smallest map: a budget of 24 MiB keeps at most 24 envs open.
  const server = await startServer({ args: ["--address-budget", "24MiB"] });
  t.after(() => server.kill());  // a failed assertion must not leave it running
  const { client } = server;
  const range = [...Array(INDEXES).keys()];
  const docs = new Map(range.map((i) => [i, [sample[2 * i], sample[2 * i + 1]]]));
  await waitAll(client, await Promise.all(
    range.map((i) => client.index(uidOf(i)).addDocuments(docs.get(i), { primaryKey: "id" }))));

  let mostOpen = 0;
  const searchFinds = async (i) => {
    const { hits } = await client.index(uidOf(i)).search("", { limit: 10 });
    const ids = (list) => list.map((d) => d.id).sort((a, b) => a - b);
    assert.deepEqual(ids(hits), ids(docs.get(i)), `index ${uidOf(i)} holds its own documents`);
    mostOpen = Math.max(mostOpen, openEnvs(server.pid));
  };
  for (let pass = 0; pass < PASSES; pass++) {
    // Every tenth index gets one more document during the pass, read back after it.
    const writes = range.filter((i) => i % 10 === pass).map((i) => {
      const doc = sample[2 * INDEXES + 3 * i + pass];
      docs.get(i).push(doc);
      return client.index(uidOf(i)).addDocuments([doc]);
    });
    const queue = [...range];
    await Promise.all([...Array(CLIENTS)].map(async () => {
      while (queue.length > 0) {
        const i = queue.shift();
        if (i % 10 !== pass) await searchFinds(i);  // written ones are read after their task
      }
    }));
    await waitAll(client, await Promise.all(writes));
    for (const i of range.filter((i) => i % 10 === pass)) await searchFinds(i);
  }
  assert.ok(mostOpen > 0, "envs were open while searching");
  assert.ok(mostOpen < INDEXES, `at most ${mostOpen} of ${INDEXES} envs open at once`);

  const stats = await client.getStats();
  for (const i of range) {
    assert.equal(stats.indexes[uidOf(i)].numberOfDocuments, docs.get(i).length, uidOf(i));
  }
  const { code } = await server.stop();
  assert.equal(code, 0, "the server stops cleanly on SIGTERM");
});
