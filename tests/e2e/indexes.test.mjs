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
