// Nothing acknowledged is lost: the whole corpus enqueued in 64 tasks, the
// server killed with SIGKILL while it processes them, then restarted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const TASKS = 64;

test("SIGKILL during ingestion loses no acknowledged task", async () => {
  const lines = execFileSync("zstd", ["-dc", `${datasets}/debian-packages.ndjson.zst`],
    { maxBuffer: 256 << 20 }).toString().split("\n").filter((l) => l.length > 0);
  assert.equal(lines.length, 63666);

  let server = await startServer();
  const index = server.client.index("debian");
  const per = Math.ceil(lines.length / TASKS);
  const uids = [];
  for (let i = 0; i < TASKS; i++) {
    const chunk = lines.slice(i * per, (i + 1) * per).join("\n");
    const task = await index.addDocumentsFromString(chunk, "application/x-ndjson",
      { primaryKey: "id" });
    uids.push(task.taskUid);
  }
  // Kill while it works: once the first task has finished, before the last has.
  await server.client.tasks.waitForTask(uids[0]);
  const last = await server.client.tasks.getTask(uids[TASKS - 1]);
  assert.notEqual(last.status, "succeeded", "the kill must land while tasks remain");
  const killed = await server.kill();
  assert.equal(killed.signal, "SIGKILL");

  server = await startServer({ dir: server.dir });
  try {
    const tasks = await server.client.tasks.waitForTasks(uids, { timeout: 120_000 });
    assert.deepEqual(tasks.map((t) => t.status), Array(TASKS).fill("succeeded"));
    assert.equal((await server.client.index("debian").getStats()).numberOfDocuments, 63666);
    assert.equal((await server.client.index("debian").getDocuments({ limit: 1 })).total, 63666);
  } finally {
    await server.stop();
  }
});
