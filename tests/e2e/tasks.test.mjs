import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./server.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test("tasks get global increasing uids and can be listed with filters", async () => {
  const { client } = server;
  const a = await client.createIndex("a").waitTask();
  const b = await client.index("b").addDocuments([{ id: 1 }]).waitTask();
  const c = await client.createIndex("a").waitTask();
  assert.deepEqual([a.uid, b.uid, c.uid], [0, 1, 2]);

  const all = await client.tasks.getTasks();
  assert.equal(all.total, 3);
  assert.deepEqual(all.results.map((t) => t.uid), [2, 1, 0]);

  const failed = await client.tasks.getTasks({ statuses: ["failed"] });
  assert.deepEqual(failed.results.map((t) => t.uid), [2]);
  const creations = await client.tasks.getTasks({ types: ["indexCreation"], indexUids: ["a"] });
  assert.deepEqual(creations.results.map((t) => t.uid), [2, 0]);
  const paged = await client.tasks.getTasks({ limit: 1, from: 1 });
  assert.deepEqual(paged.results.map((t) => t.uid), [1]);
  assert.equal(paged.next, 0);
  const reversed = await client.tasks.getTasks({ reverse: true, limit: 2 });
  assert.deepEqual(reversed.results.map((t) => t.uid), [0, 1]);

  const task = await client.tasks.getTask(b.uid);
  assert.equal(task.indexUid, "b");
  assert.equal(task.type, "documentAdditionOrUpdate");
  assert.match(task.duration, /^PT\d+(\.\d+)?S$/);
});

test("bad task queries and unknown tasks give Meilisearch's errors", async () => {
  const { client } = server;
  await assert.rejects(client.tasks.getTasks({ statuses: ["done"] }),
    (e) => e.cause?.code === "invalid_task_statuses");
  await assert.rejects(client.tasks.getTasks({ types: ["nope"] }),
    (e) => e.cause?.code === "invalid_task_types");
  await assert.rejects(client.tasks.getTask(9999), (e) => e.cause?.code === "task_not_found");
});
