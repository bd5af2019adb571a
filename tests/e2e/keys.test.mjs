// End-to-end tests of API keys and tenant tokens: the real npm `meilisearch`
// client (and its tenant-token generator) against a real myriad server started
// with a master key. Expectations are Meilisearch's behaviour.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Meilisearch } from "meilisearch";
import { generateTenantToken } from "meilisearch/token";
import { startServer } from "./server.mjs";

const MASTER = "e2e-master-key-0123456789";

let server;

async function ok(enqueued) {
  const task = await enqueued.waitTask();
  assert.equal(task.status, "succeeded", JSON.stringify(task.error));
  return task;
}

function clientWith(apiKey) {
  return new Meilisearch({ host: server.host, apiKey,
                           defaultWaitOptions: { interval: 5, timeout: 30_000 } });
}

// Asserts the call rejects with the HTTP status, error code and type.
async function rejects(promise, status, code, type = "invalid_request") {
  await assert.rejects(promise, (e) => {
    assert.equal(e.response?.status, status, `status; body ${JSON.stringify(e.cause)}`);
    assert.equal(e.cause?.code, code, JSON.stringify(e.cause));
    assert.equal(e.cause?.type, type);
    assert.equal(e.cause?.link, `https://docs.meilisearch.com/errors#${code}`);
    assert.equal(typeof e.cause?.message, "string");
    return true;
  });
}

const docs = [
  { id: 1, tenant: 1, title: "alpha one" },
  { id: 2, tenant: 1, title: "alpha two" },
  { id: 3, tenant: 2, title: "alpha three" },
  { id: 4, tenant: 2, title: "alpha four" },
];

before(async () => {
  server = await startServer({ masterKey: MASTER, env: "production" });
  const books = server.client.index("tenant_books");
  await ok(books.updateSettings({ filterableAttributes: ["tenant", "id"] }));
  await ok(books.addDocuments(docs));
  await ok(server.client.index("private").addDocuments([{ id: 1, title: "alpha secret" }]));
});

after(async () => {
  await server?.stop();
});

async function defaultKey(name) {
  const { results } = await server.client.getKeys();
  const key = results.find((k) => k.name === name);
  assert.ok(key, `${name} in ${JSON.stringify(results)}`);
  return key;
}

test("the default keys exist and have Meilisearch's shape", async () => {
  const list = await server.client.getKeys();
  assert.equal(list.total, 2);
  assert.equal(list.offset, 0);
  assert.equal(list.limit, 20);
  const search = await defaultKey("Default Search API Key");
  assert.deepEqual(Object.keys(search),
                   ["name", "description", "key", "uid", "actions", "indexes", "expiresAt",
                    "createdAt", "updatedAt"]);
  assert.deepEqual(search.actions, ["search"]);
  assert.deepEqual(search.indexes, ["*"]);
  assert.equal(search.expiresAt, null);
  assert.match(search.key, /^[0-9a-f]{64}$/);
  const admin = await defaultKey("Default Admin API Key");
  assert.deepEqual(admin.actions, ["*"]);
  assert.equal((await server.client.getKeys({ offset: 1, limit: 1 })).results.length, 1);
});

test("without a key nothing but /health answers", async () => {
  const anonymous = clientWith(undefined);
  assert.deepEqual(await anonymous.health(), { status: "available" });
  await rejects(anonymous.getIndexes(), 401, "missing_authorization_header", "auth");
  await rejects(anonymous.index("tenant_books").search("alpha"), 401,
                "missing_authorization_header", "auth");
  await rejects(clientWith("not-a-key").getIndexes(), 403, "invalid_api_key", "auth");
});

test("a front end searches with the default search key and can do nothing else", async () => {
  const search = clientWith((await defaultKey("Default Search API Key")).key);
  const res = await search.index("tenant_books").search("alpha");
  assert.equal(res.hits.length, 4);
  await rejects(search.index("tenant_books").addDocuments([{ id: 9 }]), 403, "invalid_api_key",
                "auth");
  await rejects(search.getKeys(), 403, "invalid_api_key", "auth");
  // The admin key manages keys, as `*` includes keys.* in Meilisearch.
  const admin = clientWith((await defaultKey("Default Admin API Key")).key);
  assert.equal((await admin.getKeys()).total >= 2, true);
});

test("keys are created, read by uid or value, renamed and deleted", async () => {
  const created = await server.client.createKey({
    name: "Indexing tenants", description: "for the importer", actions: ["documents.*", "search"],
    indexes: ["tenant_*"], expiresAt: "2099-01-01T00:00:00Z",
  });
  assert.equal(created.expiresAt, "2099-01-01T00:00:00Z");
  assert.deepEqual(await server.client.getKey(created.uid), created);
  assert.deepEqual(await server.client.getKey(created.key), created);

  const renamed = await server.client.updateKey(created.uid, { name: "Importer" });
  assert.equal(renamed.name, "Importer");
  assert.equal(renamed.description, "for the importer");
  assert.equal(renamed.key, created.key);

  const scoped = clientWith(created.key);
  assert.equal((await scoped.index("tenant_books").search("alpha")).hits.length, 4);
  await rejects(scoped.index("private").search("alpha"), 403, "invalid_api_key", "auth");
  await rejects(scoped.getIndexes(), 403, "invalid_api_key", "auth");  // no indexes.get

  await server.client.deleteKey(created.uid);
  await rejects(scoped.index("tenant_books").search("alpha"), 403, "invalid_api_key", "auth");
  await rejects(server.client.getKey(created.uid), 404, "api_key_not_found");
});

test("bad key bodies are refused with Meilisearch's codes", async () => {
  const c = server.client;
  await rejects(c.createKey({ actions: ["fly"], indexes: ["*"], expiresAt: null }), 400,
                "invalid_api_key_actions");
  await rejects(c.createKey({ actions: ["search"], indexes: ["bad index"], expiresAt: null }),
                400, "invalid_api_key_indexes");
  await rejects(c.createKey({ actions: ["search"], indexes: ["*"], expiresAt: "2001-01-01" }),
                400, "invalid_api_key_expires_at");
  await rejects(c.createKey({ actions: ["search"], indexes: ["*"], expiresAt: null, uid: "x" }),
                400, "invalid_api_key_uid");
  await rejects(c.createKey({ actions: ["search"], indexes: ["*"], expiresAt: null, name: 3 }),
                400, "invalid_api_key_name");
  await rejects(c.createKey({ indexes: ["*"], expiresAt: null }), 400, "missing_api_key_actions");
  await rejects(c.createKey({ actions: ["version"], indexes: ["a"], expiresAt: null }), 400,
                "index_scoped_api_key_with_global_action");
  const uid = "0b6a8a2e-3b8c-4b8e-9a44-0d3c8f6a1b2c";
  await c.createKey({ uid, actions: ["search"], indexes: ["*"], expiresAt: null });
  await rejects(c.createKey({ uid, actions: ["search"], indexes: ["*"], expiresAt: null }), 409,
                "api_key_already_exists");
  await rejects(c.updateKey(uid, { actions: ["*"] }), 400, "immutable_api_key_actions");
  await rejects(c.updateKey(uid, { indexes: ["*"] }), 400, "immutable_api_key_indexes");
  await rejects(c.updateKey(uid, { expiresAt: null }), 400, "immutable_api_key_expires_at");
  await rejects(c.updateKey(uid, { uid }), 400, "immutable_api_key_uid");
  await c.deleteKey(uid);
});

test("a tenant token sees only what its rules allow, filters ANDed", async () => {
  const parent = await defaultKey("Default Search API Key");
  const token = await generateTenantToken({
    apiKey: parent.key, apiKeyUid: parent.uid,
    searchRules: { tenant_books: { filter: "tenant = 1" } },
    expiresAt: new Date(Date.now() + 3600_000),
  });
  const tenant = clientWith(token);
  const all = await tenant.index("tenant_books").search("alpha");
  assert.deepEqual(all.hits.map((h) => h.id).sort(), [1, 2]);
  const narrowed = await tenant.index("tenant_books").search("alpha", { filter: "id > 1" });
  assert.deepEqual(narrowed.hits.map((h) => h.id), [2]);
  const arrayFilter = await tenant.index("tenant_books").search("alpha",
                                                                { filter: ["id = 3 OR id = 2"] });
  assert.deepEqual(arrayFilter.hits.map((h) => h.id), [2]);
  const multi = await tenant.multiSearch({ queries: [{ indexUid: "tenant_books", q: "alpha" }] });
  assert.deepEqual(multi.results[0].hits.map((h) => h.id).sort(), [1, 2]);
  await rejects(tenant.index("private").search("alpha"), 403, "invalid_api_key", "auth");
  await rejects(tenant.multiSearch({ queries: [{ indexUid: "private", q: "alpha" }] }), 403,
                "invalid_api_key", "auth");
  await rejects(tenant.index("tenant_books").getDocuments(), 403, "invalid_api_key", "auth");

  const expired = await generateTenantToken({
    apiKey: parent.key, apiKeyUid: parent.uid, searchRules: ["*"],
    expiresAt: Math.floor(Date.now() / 1000) - 60,
  });
  await rejects(clientWith(expired).index("tenant_books").search("alpha"), 403, "invalid_api_key",
                "auth");
  const wrongKey = await generateTenantToken({
    apiKey: "f".repeat(64), apiKeyUid: parent.uid, searchRules: ["*"],
  });
  await rejects(clientWith(wrongKey).index("tenant_books").search("alpha"), 403,
                "invalid_api_key", "auth");
  for (const algorithm of ["HS384", "HS512"]) {
    const t = await generateTenantToken({ apiKey: parent.key, apiKeyUid: parent.uid,
                                          searchRules: ["tenant_*"], algorithm });
    assert.equal((await clientWith(t).index("tenant_books").search("alpha")).hits.length, 4);
  }
});

test("keys survive a restart; another master key invalidates their values", async () => {
  const key = await server.client.createKey({ actions: ["search"], indexes: ["*"],
                                              expiresAt: null, name: "survivor" });
  await server.kill();
  server = await startServer({ dir: server.dir, masterKey: MASTER });
  assert.equal((await server.client.getKey(key.uid)).name, "survivor");
  assert.equal((await clientWith(key.key).index("tenant_books").search("alpha")).hits.length, 4);

  await server.kill();
  server = await startServer({ dir: server.dir, masterKey: "another-master-key-987654" });
  await rejects(clientWith(key.key).index("tenant_books").search("alpha"), 403,
                "invalid_api_key", "auth");
  assert.notEqual((await server.client.getKey(key.uid)).key, key.key);
});

test("without a master key routes are open and /keys answers missing_master_key", async () => {
  const open = await startServer();
  try {
    assert.deepEqual((await open.client.getIndexes()).results, []);
    await rejects(open.client.getKeys(), 401, "missing_master_key", "auth");
  } finally {
    await open.stop();
  }
});
