import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const packages = JSON.parse(readFileSync(`${datasets}/debian-packages-2k.json`, "utf8"));

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test("JSON documents are added to a missing index, which is created, and read back", async () => {
  const index = server.client.index("debian");
  const task = await index.addDocuments(packages).waitTask();
  assert.equal(task.status, "succeeded", JSON.stringify(task.error));
  assert.deepEqual(task.details, { receivedDocuments: 1990, indexedDocuments: 1990 });
  assert.equal((await index.fetchPrimaryKey()), "id");

  const page = await index.getDocuments({ offset: 10, limit: 3, fields: ["id", "package"] });
  assert.equal(page.total, 1990);
  assert.deepEqual(page.results, packages.slice(10, 13).map(({ id, package: p }) => ({ id, package: p })));
  assert.deepEqual(await index.getDocument(packages[42].id), packages[42]);
  const stats = await index.getStats();
  assert.equal(stats.numberOfDocuments, 1990);
  assert.equal(stats.fieldDistribution.package, 1990);
  assert.equal(stats.fieldDistribution.id, 1990);
});

test("NDJSON and CSV payloads, with a given primary key", async () => {
  const index = server.client.index("formats");
  const nd = await index.addDocumentsFromString(
    '{"sku":"a1","name":"Apple"}\n{"sku":"b2","name":"Banana"}\n', "application/x-ndjson",
    { primaryKey: "sku" }).waitTask();
  assert.equal(nd.status, "succeeded", JSON.stringify(nd.error));
  const csv = await index.addDocumentsFromString(
    "sku,name,price:number\nc3,\"Cherry, red\",1.5\n", "text/csv").waitTask();
  assert.equal(csv.status, "succeeded", JSON.stringify(csv.error));
  assert.deepEqual(await index.getDocument("c3"), { sku: "c3", name: "Cherry, red", price: 1.5 });
  const semi = await index.addDocumentsFromString("sku;name\nd4;Date\n", "text/csv",
    { csvDelimiter: ";" }).waitTask();
  assert.equal(semi.status, "succeeded", JSON.stringify(semi.error));
  assert.equal((await index.getDocuments()).total, 4);
});

test("PUT updates fields, POST replaces documents", async () => {
  const index = server.client.index("people");
  await index.addDocuments([{ id: 1, name: "Ada", born: 1815 }]).waitTask();
  await index.updateDocuments([{ id: 1, name: "Ada Lovelace" }]).waitTask();
  assert.deepEqual(await index.getDocument(1), { id: 1, name: "Ada Lovelace", born: 1815 });
  await index.addDocuments([{ id: 1, name: "Ada" }]).waitTask();
  assert.deepEqual(await index.getDocument(1), { id: 1, name: "Ada" });
});

test("documents are deleted one, by batch and all", async () => {
  const index = server.client.index("deletions");
  await index.addDocuments([1, 2, 3, 4, 5].map((id) => ({ id }))).waitTask();
  const one = await index.deleteDocument(1).waitTask();
  assert.equal(one.status, "succeeded");
  const batch = await index.deleteDocuments([2, "3", 99]).waitTask();
  assert.equal(batch.details.deletedDocuments, 2);
  assert.equal((await index.getDocuments()).total, 2);
  const all = await index.deleteAllDocuments().waitTask();
  assert.equal(all.details.deletedDocuments, 2);
  assert.equal((await index.getDocuments()).total, 0);
  await assert.rejects(index.getDocument(4), (e) => e.cause?.code === "document_not_found");
});

test("bad payloads are refused and leave the data as it was", async () => {
  const index = server.client.index("strict");
  await index.addDocuments([{ id: "keep" }]).waitTask();
  await assert.rejects(index.addDocumentsFromString("[{\"id\": 1},", "application/json"),
    (e) => e.cause?.code === "malformed_payload");
  await assert.rejects(index.addDocumentsFromString("{}", "text/plain"),
    (e) => e.cause?.code === "invalid_content_type");
  const badId = await index.addDocuments([{ id: "ok" }, { id: "not ok" }]).waitTask();
  assert.equal(badId.status, "failed");
  assert.equal(badId.error.code, "invalid_document_id");
  const noKey = await server.client.index("nokey").addDocuments([{ name: "x" }]).waitTask();
  assert.equal(noKey.error.code, "index_primary_key_no_candidate_found");
  const docs = await index.getDocuments();
  assert.deepEqual(docs.results, [{ id: "keep" }]);
});

test("documents are listed by ids, with GET and with POST /documents/fetch", async () => {
  const index = server.client.index("byids");
  await index.addDocuments([1, 2, 3, 4, 5].map((id) => ({ id, name: `n${id}`, extra: id * 10 })))
    .waitTask();
  const got = await index.getDocuments({ ids: [4, 2, 99], fields: ["id", "name"] });
  assert.equal(got.total, 2);
  assert.deepEqual(got.results, [{ id: 2, name: "n2" }, { id: 4, name: "n4" }]);

  const post = (body) => fetch(`${server.host}/indexes/byids/documents/fetch`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const fetched = await (await post({ ids: ["5", 1, 3], offset: 1, limit: 1, fields: ["extra"] })).json();
  assert.deepEqual(fetched, { results: [{ extra: 30 }], offset: 1, limit: 1, total: 3 });
  const all = await (await post({})).json();
  assert.equal(all.total, 5);

  const unknown = await post({ idz: [1] });
  assert.equal(unknown.status, 400);
  assert.equal((await unknown.json()).code, "bad_request");
  const badLimit = await post({ limit: -1 });
  assert.equal(badLimit.status, 400);
  assert.deepEqual(await badLimit.json(), {
    message: "Invalid value type at `.limit`: expected a positive integer, but found a negative integer: `-1`",
    code: "invalid_document_limit", type: "invalid_request",
    link: "https://docs.meilisearch.com/errors#invalid_document_limit",
  });
  const badFields = await post({ fields: "name" });
  assert.equal((await badFields.json()).code, "invalid_document_fields");
  const missing = await fetch(`${server.host}/indexes/nope/documents/fetch`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
  });
  assert.equal(missing.status, 404);
});

test("documents are browsed with a filter and a sort, and deleted by filter", async () => {
  const index = server.client.index("shelf");
  const settings = await index.updateSettings({
    filterableAttributes: ["genre", "year"], sortableAttributes: ["year"],
  }).waitTask();
  assert.equal(settings.status, "succeeded", JSON.stringify(settings.error));
  await index.addDocuments([
    { id: 1, genre: "drama", year: 2001 }, { id: 2, genre: "comedy", year: 1999 },
    { id: 3, genre: "drama", year: 1995 }, { id: 4, genre: "horror", year: 2010 },
  ]).waitTask();

  const dramas = await index.getDocuments({ filter: "genre = drama", fields: ["id"] });
  assert.deepEqual(dramas.results, [{ id: 1 }, { id: 3 }]);
  assert.equal(dramas.total, 2);
  const sorted = await index.getDocuments({ filter: ["year > 1996"], sort: ["year:desc"], fields: ["id"] });
  assert.deepEqual(sorted.results, [{ id: 4 }, { id: 1 }, { id: 2 }]);
  const viaGet = await (await fetch(`${server.host}/indexes/shelf/documents?sort=year:asc&fields=id`)).json();
  assert.deepEqual(viaGet.results.map((d) => d.id), [3, 2, 1, 4]);

  await assert.rejects(index.getDocuments({ filter: "title = x" }),
    (e) => e.cause?.code === "invalid_document_filter");
  await assert.rejects(index.getDocuments({ filter: "genre = drama", sort: ["genre:asc"] }),
    (e) => e.cause?.code === "invalid_document_sort");
  await assert.rejects(index.deleteDocuments({ filter: "genre = " }),
    (e) => e.cause?.code === "invalid_document_filter");
  // An empty filter would select everything: refused, nothing deleted.
  for (const empty of ["", "  ", []]) {
    await assert.rejects(index.deleteDocuments({ filter: empty }),
      (e) => e.cause?.code === "invalid_document_filter");
  }

  const deleted = await index.deleteDocuments({ filter: "genre = drama OR year < 1998" }).waitTask();
  assert.equal(deleted.status, "succeeded", JSON.stringify(deleted.error));
  assert.equal(deleted.type, "documentDeletion");
  assert.equal(deleted.details.deletedDocuments, 2);
  assert.equal(deleted.details.originalFilter, '"genre = drama OR year < 1998"');
  const left = await index.getDocuments({ fields: ["id"] });
  assert.deepEqual(left.results, [{ id: 2 }, { id: 4 }]);
  assert.deepEqual((await index.search("", { filter: "genre = drama" })).hits, []);

  const notFilterable = await index.deleteDocuments({ filter: "title = x" }).waitTask();
  assert.equal(notFilterable.status, "failed");
  assert.equal(notFilterable.error.code, "invalid_document_filter");
  assert.equal((await index.getDocuments()).total, 2);
});

test("skipCreation writes only the documents already in the index", async () => {
  const { client, host } = server;
  const index = client.index("skip");
  await index.addDocuments([{ id: 1, title: "stored", genre: "x" }], { primaryKey: "id" }).waitTask();
  for (const method of ["POST", "PUT"]) {
    const response = await fetch(`${host}/indexes/skip/documents?skipCreation=true`, {
      method, headers: { "Content-Type": "application/json" },
      body: JSON.stringify([{ id: 1, title: `by ${method}` }, { id: 2, title: "new" }]),
    });
    assert.equal(response.status, 202);
    const task = await client.tasks.waitForTask((await response.json()).taskUid);
    assert.equal(task.status, "succeeded", JSON.stringify(task.error));
    assert.equal(task.details.receivedDocuments, 2);
    assert.equal(task.details.indexedDocuments, 1);
    const stored = await index.getDocument(1);
    assert.equal(stored.title, `by ${method}`);
    await assert.rejects(index.getDocument(2), /not found/);
  }
  assert.deepEqual((await index.search("new")).hits, []);
  assert.equal((await index.search("PUT")).hits.length, 1);
});

test("a document fetch filtering on an attribute that is not filterable names no index", async () => {
  const index = server.client.index("unfiltered");
  await index.addDocuments([{ id: 1 }], { primaryKey: "id" }).waitTask();
  await assert.rejects(index.getDocuments({ filter: "id = 1" }), (e) =>
    e.cause?.code === "invalid_document_filter" &&
    e.message === "Attribute `id` is not filterable. This index does not have configured " +
                  "filterable attributes.\n1:3 id = 1");
});
