import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./server.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => {
  const { code } = await server.stop();
  assert.equal(code, 0, "the server stops cleanly on SIGTERM");
});

test("health and version answer as Meilisearch's do", async () => {
  assert.deepEqual(await server.client.health(), { status: "available" });
  const version = await server.client.getVersion();
  assert.equal(typeof version.pkgVersion, "string");
  assert.equal(typeof version.commitSha, "string");
});

test("indexes are created, listed, updated, renamed and deleted through tasks", async () => {
  const { client } = server;
  const created = await client.createIndex("movies", { primaryKey: "movie_id" }).waitTask();
  assert.equal(created.status, "succeeded");
  assert.equal(created.type, "indexCreation");
  assert.deepEqual(created.details, { primaryKey: "movie_id" });
  await client.createIndex("books").waitTask();

  const movies = await client.getIndex("movies");
  assert.equal(movies.uid, "movies");
  assert.equal(movies.primaryKey, "movie_id");
  assert.ok(movies.createdAt instanceof Date && !isNaN(movies.createdAt));

  const page = await client.getIndexes({ limit: 1, offset: 1 });
  assert.equal(page.total, 2);
  assert.equal(page.results.length, 1);
  assert.equal(page.results[0].uid, "movies");

  const pk = await client.updateIndex("books", { primaryKey: "isbn" }).waitTask();
  assert.equal(pk.status, "succeeded");
  assert.equal((await client.getIndex("books")).primaryKey, "isbn");

  const duplicate = await client.createIndex("movies").waitTask();
  assert.equal(duplicate.status, "failed");
  assert.equal(duplicate.error.code, "index_already_exists");

  const deleted = await client.deleteIndex("books").waitTask();
  assert.equal(deleted.status, "succeeded");
  await assert.rejects(client.getIndex("books"), (e) => e.cause?.code === "index_not_found");
});

test("bad index uids and missing indexes give Meilisearch's errors", async () => {
  const { client } = server;
  await assert.rejects(client.getIndex("not a uid"), (e) => e.cause?.code === "invalid_index_uid");
  await assert.rejects(client.getIndex("absent"), (e) => {
    assert.equal(e.cause.code, "index_not_found");
    assert.equal(e.cause.type, "invalid_request");
    assert.equal(e.cause.message, "Index `absent` not found.");
    assert.match(e.cause.link, /errors#index_not_found$/);
    return true;
  });
  const gone = await client.deleteIndex("absent").waitTask();
  assert.equal(gone.status, "failed");
  assert.equal(gone.error.code, "index_not_found");
});

test("an unknown route answers 404 with an empty body", async () => {
  const response = await fetch(`${server.host}/indexes/movies/nothing-here`);
  assert.equal(response.status, 404);
  assert.equal(await response.text(), "");
});

test("a new version of an index is built beside it and swapped in, history and all", async () => {
  const { client } = server;
  const live = client.index("catalog");
  await live.addDocuments([{ id: 1, title: "old shelf" }]).waitTask();
  const next = client.index("catalog_next");
  await next.addDocuments([{ id: 1, title: "new shelf" }, { id: 2, title: "new wing" }]).waitTask();

  const swap = await client.swapIndexes([{ indexes: ["catalog", "catalog_next"] }]).waitTask();
  assert.equal(swap.status, "succeeded");
  assert.equal(swap.type, "indexSwap");
  assert.equal(swap.indexUid, null);
  assert.deepEqual(swap.details, { swaps: [{ indexes: ["catalog", "catalog_next"], rename: false }] });
  const { hits } = await live.search("shelf");
  assert.deepEqual(hits.map((h) => h.title), ["new shelf"]);
  assert.equal((await live.getStats()).numberOfDocuments, 2);
  assert.equal((await next.getStats()).numberOfDocuments, 1);
  // The tasks that built the new version now belong to `catalog`.
  const history = await client.tasks.getTasks({ indexUids: ["catalog"], types: ["documentAdditionOrUpdate"] });
  assert.deepEqual(history.results.map((t) => t.details.receivedDocuments), [2]);

  // The old version is renamed out of the way, and a rename never overwrites.
  const renamed = await client.swapIndexes([{ indexes: ["catalog_next", "catalog_old"], rename: true }]).waitTask();
  assert.equal(renamed.status, "succeeded");
  await assert.rejects(client.getIndex("catalog_next"), (e) => e.cause?.code === "index_not_found");
  assert.equal((await client.index("catalog_old").getStats()).numberOfDocuments, 1);
  const refused = await client.swapIndexes([{ indexes: ["catalog_old", "catalog"], rename: true }]).waitTask();
  assert.equal(refused.status, "failed");
  assert.equal(refused.error.code, "index_already_exists");
  assert.equal((await live.getStats()).numberOfDocuments, 2);

  await assert.rejects(client.swapIndexes([{ indexes: ["catalog", "catalog_old"] }, { indexes: ["catalog", "x"] }]),
    (e) => e.cause?.code === "invalid_swap_duplicate_index_found");
});
