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

test("tasks are canceled before they run, and finished tasks deleted", async () => {
  const { client } = server;
  // A long task first, so that the others are still enqueued when the cancel arrives.
  const docs = Array.from({ length: 30000 }, (_, i) => ({ id: i, text: `document ${i} `.repeat(20) }));
  const long = await client.index("long").addDocuments(docs);
  const waiting = [];
  for (let i = 0; i < 5; i++) {
    waiting.push((await client.index("later").addDocuments([{ id: i }])).taskUid);
  }
  const cancel = await client.tasks.cancelTasks({ indexUids: ["later"], statuses: ["enqueued"] })
    .waitTask();
  assert.equal(cancel.type, "taskCancelation");
  assert.equal(cancel.status, "succeeded");
  assert.equal(cancel.details.matchedTasks, 5);
  assert.match(cancel.details.originalFilter, /^\?indexUids=later&statuses=enqueued$/);
  const later = await client.tasks.getTasks({ uids: waiting });
  const canceled = later.results.filter((t) => t.status === "canceled");
  assert.equal(canceled.length, cancel.details.canceledTasks);
  assert.equal(canceled.length, 5, "all five waited behind the long task");
  for (const t of canceled) assert.equal(t.canceledBy, cancel.uid);
  await assert.rejects(client.index("later").getStats(), (e) => e.cause?.code === "index_not_found");
  assert.equal((await client.tasks.waitForTask(long.taskUid)).status, "succeeded");

  const before = (await client.tasks.getTasks({ statuses: ["canceled"] })).total;
  const deletion = await client.tasks.deleteTasks({ statuses: ["canceled"] }).waitTask();
  assert.equal(deletion.details.deletedTasks, before);
  assert.equal((await client.tasks.getTasks({ statuses: ["canceled"] })).total, 0);
  await assert.rejects(client.tasks.deleteTasks({}), (e) => e.cause?.code === "missing_task_filters");
});

test("customMetadata given to a document write is shown on its task", async () => {
  const { client, host } = server;
  const post = async (method, path, body) => {
    const response = await fetch(`${host}${path}`, {
      method, headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.status, 202);
    return response.json();
  };
  const metadata = "import #7 / é ü";
  const query = `customMetadata=${encodeURIComponent(metadata)}`;
  const added = await post("POST", `/indexes/meta/documents?${query}`, [{ id: 1 }, { id: 2 }]);
  assert.equal(added.customMetadata, metadata);
  const deleted = await post("DELETE", `/indexes/meta/documents/1?${query}`);
  const byFilter = await post("POST", `/indexes/meta/documents/delete-batch?${query}`, [2]);
  for (const summary of [added, deleted, byFilter]) {
    const task = await client.tasks.waitForTask(summary.taskUid);
    assert.equal(task.status, "succeeded", JSON.stringify(task.error));
    assert.equal(task.customMetadata, metadata);
  }
  const plain = await client.index("meta").addDocuments([{ id: 3 }]).waitTask();
  assert.equal("customMetadata" in plain, false);
});
