// End-to-end facet search: the npm client's searchForFacetValues against a
// real myriad server, on the Debian sample. Counts are computed here from the
// data, or taken from a search's facetDistribution over the same documents.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const packages = JSON.parse(readFileSync(`${datasets}/debian-packages-2k.json`, "utf8"));

let server;
let debian;

// Section -> number of packages among `docs`, as facet hits in alphabetical order.
function sectionHits(docs, keep = () => true) {
  const counts = new Map();
  for (const p of docs) if (keep(p.section)) counts.set(p.section, (counts.get(p.section) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, count]) => ({ value, count }));
}

async function ok(enqueued) {
  const task = await enqueued.waitTask();
  assert.equal(task.status, "succeeded", JSON.stringify(task.error));
}

async function rejects(promise, status, code) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.response?.status, status, JSON.stringify(e.cause));
    assert.equal(e.cause?.code, code, JSON.stringify(e.cause));
    return true;
  });
}

before(async () => {
  server = await startServer();
  debian = server.client.index("debian");
  await ok(debian.updateSettings({ filterableAttributes: ["section", "priority"] }));
  await ok(debian.addDocuments(packages));
});
after(async () => { await server.stop(); });

test("without a facet query every section comes back with its count", async () => {
  const res = await debian.searchForFacetValues({ facetName: "section" });
  assert.deepEqual(res.facetHits, sectionHits(packages));
  assert.equal(res.facetQuery, null);
  assert.equal(typeof res.processingTimeMs, "number");
});

test("a facet query matches section prefixes, with a typo once long enough", async () => {
  let res = await debian.searchForFacetValues({ facetName: "section", facetQuery: "LIB" });
  const lib = sectionHits(packages, (s) => s.startsWith("lib"));
  assert.ok(lib.length >= 2);
  assert.deepEqual(res.facetHits, lib);
  assert.equal(res.facetQuery, "LIB");
  res = await debian.searchForFacetValues({ facetName: "section", facetQuery: "pyhton" });
  assert.deepEqual(res.facetHits, sectionHits(packages, (s) => s === "python"));
});

test("counts are restricted by filter and q", async () => {
  let res = await debian.searchForFacetValues({
    facetName: "section", facetQuery: "p", filter: "priority = optional",
  });
  assert.deepEqual(res.facetHits,
    sectionHits(packages.filter((p) => p.priority === "optional"), (s) => s.startsWith("p")));
  for (const matchingStrategy of ["last", "all"]) {
    const q = "python library";
    res = await debian.searchForFacetValues({ facetName: "section", q, matchingStrategy });
    const search = await debian.search(q, { facets: ["section"], matchingStrategy, limit: 0 });
    const expected = Object.entries(search.facetDistribution.section)
      .map(([value, count]) => ({ value, count }));
    assert.ok(expected.length > 1);
    assert.deepEqual(res.facetHits, expected, matchingStrategy);
  }
});

test("sortFacetValuesBy count and maxValuesPerFacet order and limit the hits", async () => {
  await ok(debian.updateFaceting({ sortFacetValuesBy: { section: "count" }, maxValuesPerFacet: 5 }));
  const res = await debian.searchForFacetValues({ facetName: "section" });
  const expected = sectionHits(packages).sort((a, b) => b.count - a.count || (a.value < b.value ? 1 : -1));
  assert.deepEqual(res.facetHits, expected.slice(0, 5));
  await ok(debian.resetFaceting());
});

test("errors: facet not filterable, facetName missing, facet search disabled", async () => {
  await rejects(debian.searchForFacetValues({ facetName: "package" }), 400,
    "invalid_facet_search_facet_name");
  const res = await fetch(`${server.host}/indexes/debian/facet-search`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
  });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).code, "missing_facet_search_facet_name");
  await rejects(server.client.index("nope").searchForFacetValues({ facetName: "section" }), 404,
    "index_not_found");
  await ok(debian.updateSettings({ facetSearch: false }));
  await rejects(debian.searchForFacetValues({ facetName: "section" }), 400,
    "facet_search_disabled");
});
