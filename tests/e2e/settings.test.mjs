// End-to-end settings tests: the real npm `meilisearch` client against a real
// myriad server. Expectations are Meilisearch's behaviour (v1.3x–v1.50).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const packages = JSON.parse(readFileSync(`${datasets}/debian-packages-2k.json`, "utf8"));

const DEFAULT_RANKING_RULES = ["words", "typo", "proximity", "attributeRank", "sort", "wordPosition", "exactness"];
const DEFAULT_TYPO = {
  enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  disableOnWords: [], disableOnAttributes: [], disableOnNumbers: false,
};
const DEFAULT_SETTINGS = {
  dictionary: [], displayedAttributes: ["*"], distinctAttribute: null, embedders: {}, facetSearch: true,
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "alpha" } }, filterableAttributes: [],
  localizedAttributes: null, nonSeparatorTokens: [], pagination: { maxTotalHits: 1000 },
  prefixSearch: "indexingTime", proximityPrecision: "byWord", rankingRules: DEFAULT_RANKING_RULES,
  searchCutoffMs: null, searchableAttributes: ["*"], separatorTokens: [], sortableAttributes: [],
  stopWords: [], synonyms: {}, typoTolerance: DEFAULT_TYPO,
};

let server;
let seq = 0;

async function ok(enqueued) {
  const task = await enqueued.waitTask();
  assert.equal(task.status, "succeeded", JSON.stringify(task.error));
  assert.equal(task.type, "settingsUpdate");
  return task;
}

// A fresh index with a few documents.
async function freshIndex(docs = [{ id: 1, title: "x" }]) {
  const index = server.client.index(`settings-${++seq}`);
  const t = await index.addDocuments(docs).waitTask();
  assert.equal(t.status, "succeeded", JSON.stringify(t.error));
  return index;
}

async function raw(method, path, body) {
  const res = await fetch(`${server.host}${path}`, {
    method, headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Asserts the client call is refused synchronously (no task) with this status and code.
async function rejects(promise, status, code, message) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.response?.status, status, `status; body ${JSON.stringify(e.cause)}`);
    assert.equal(e.cause?.code, code, JSON.stringify(e.cause));
    assert.equal(e.cause?.type, "invalid_request");
    assert.equal(e.cause?.link, `https://docs.meilisearch.com/errors#${code}`);
    if (typeof message === "string") assert.equal(e.cause.message, message);
    else if (message) assert.match(e.cause.message, message);
    return true;
  });
}

before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test("a fresh index has Meilisearch's 20 default settings", async () => {
  const index = await freshIndex();
  const settings = await index.getSettings();
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  assert.equal(Object.keys(settings).length, 20);
  // Same on an index created empty.
  const created = await server.client.createIndex("settings-empty").waitTask();
  assert.equal(created.status, "succeeded");
  assert.deepEqual(await server.client.index("settings-empty").getSettings(), DEFAULT_SETTINGS);
});

test("updateSettings merges, the task's details hold what was sent, resetSettings restores defaults", async () => {
  const index = await freshIndex();
  const first = await ok(index.updateSettings({
    rankingRules: ["typo", "words"], stopWords: ["the", "a"], filterableAttributes: ["genre"],
  }));
  // Set-valued settings (stopWords) are reported sorted, as Meilisearch stores them.
  assert.deepEqual(first.details, { rankingRules: ["typo", "words"], stopWords: ["a", "the"], filterableAttributes: ["genre"] });
  const second = await ok(index.updateSettings({ synonyms: { car: ["auto"] }, typoTolerance: { minWordSizeForTypos: { oneTypo: 4 } } }));
  assert.deepEqual(second.details, { synonyms: { car: ["auto"] }, typoTolerance: { minWordSizeForTypos: { oneTypo: 4 } } });
  const merged = await index.getSettings();
  assert.deepEqual(merged, {
    ...DEFAULT_SETTINGS, rankingRules: ["typo", "words"], stopWords: ["a", "the"], filterableAttributes: ["genre"],
    synonyms: { car: ["auto"] },
    typoTolerance: { ...DEFAULT_TYPO, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } },
  });
  // null resets one field, the others stay.
  await ok(index.updateSettings({ stopWords: null }));
  const afterNull = await index.getSettings();
  assert.deepEqual(afterNull.stopWords, []);
  assert.deepEqual(afterNull.rankingRules, ["typo", "words"]);

  const reset = await index.resetSettings().waitTask();
  assert.equal(reset.status, "succeeded", JSON.stringify(reset.error));
  assert.equal(reset.type, "settingsUpdate");
  assert.deepEqual(await index.getSettings(), DEFAULT_SETTINGS);
  for (const key of ["rankingRules", "stopWords", "synonyms", "filterableAttributes", "typoTolerance"]) {
    assert.ok(key in reset.details && reset.details[key] === null, `details.${key}: ${JSON.stringify(reset.details)}`);
  }
});

test("settings on a missing index create it, as Meilisearch does", async () => {
  const index = server.client.index("settings-created-by-update");
  const task = await ok(index.updateSettings({ searchableAttributes: ["title"] }));
  assert.equal(task.indexUid, "settings-created-by-update");
  assert.deepEqual((await index.getSettings()).searchableAttributes, ["title"]);
  assert.equal((await index.getRawInfo()).uid, "settings-created-by-update");
  await ok(server.client.index("settings-created-by-subroute").updateFilterableAttributes(["a"]));
  assert.deepEqual(await server.client.index("settings-created-by-subroute").getFilterableAttributes(), ["a"]);
  // Reading settings of a missing index is a 404.
  await rejects(server.client.index("settings-nope").getSettings(), 404, "index_not_found", "Index `settings-nope` not found.");
  await rejects(server.client.index("settings-nope").getStopWords(), 404, "index_not_found", "Index `settings-nope` not found.");
});

// Each sub-route: update (task details = {field: value as sent, sets sorted}), get, reset.
// [helper name, key, value sent, value read back, details if not the value read back]
// A reset is reported as null, except searchable/displayedAttributes: ["*"] (Meilisearch's WildcardSetting).
const SUBROUTES = [
  ["RankingRules", "rankingRules", ["words", "sort", "typo", "installed_size:desc", "proximity"],
    ["words", "sort", "typo", "installed_size:desc", "proximity"]],
  ["FilterableAttributes", "filterableAttributes", ["genre", "year"], ["genre", "year"]],
  ["SortableAttributes", "sortableAttributes", ["year", "genre"], ["genre", "year"]],
  ["SearchableAttributes", "searchableAttributes", ["title", "body"], ["title", "body"]],
  ["DisplayedAttributes", "displayedAttributes", ["title", "id"], ["title", "id"]],
  ["StopWords", "stopWords", ["the", "of", "a"], ["a", "of", "the"]],
  ["Synonyms", "synonyms", { wolverine: ["logan", "xmen"], logan: ["wolverine"] },
    { logan: ["wolverine"], wolverine: ["logan", "xmen"] }],
  ["DistinctAttribute", "distinctAttribute", "sku", "sku"],
  ["SeparatorTokens", "separatorTokens", ["|", "&hellip;"], ["&hellip;", "|"]],
  ["NonSeparatorTokens", "nonSeparatorTokens", ["@", "#"], ["#", "@"]],
  ["Dictionary", "dictionary", ["J. R. R.", "C++"], ["C++", "J. R. R."]],
  ["ProximityPrecision", "proximityPrecision", "byAttribute", "byAttribute"],
  ["SearchCutoffMs", "searchCutoffMs", 150, 150],
  ["FacetSearch", "facetSearch", false, false],
  ["PrefixSearch", "prefixSearch", "disabled", "disabled"],
  ["LocalizedAttributes", "localizedAttributes", [{ attributePatterns: ["*_ja"], locales: ["jpn"] }],
    [{ attributePatterns: ["*_ja"], locales: ["jpn"] }]],
  ["Pagination", "pagination", { maxTotalHits: 50 }, { maxTotalHits: 50 }],
  ["Faceting", "faceting", { maxValuesPerFacet: 7 }, { maxValuesPerFacet: 7, sortFacetValuesBy: { "*": "alpha" } },
    { maxValuesPerFacet: 7 }],
  ["TypoTolerance", "typoTolerance", { enabled: false, disableOnWords: ["b", "a"], disableOnNumbers: true },
    { ...DEFAULT_TYPO, enabled: false, disableOnWords: ["a", "b"], disableOnNumbers: true },
    { enabled: false, disableOnWords: ["a", "b"], disableOnNumbers: true }],
  ["Embedders", "embedders", {}, {}],
];

for (const [name, key, value, expected, details = expected] of SUBROUTES) {
  test(`update${name} / get${name} / reset${name}`, async () => {
    const index = await freshIndex();
    const task = await ok(index[`update${name}`](value));
    assert.deepEqual(task.details, { [key]: details });
    assert.deepEqual(await index[`get${name}`](), expected);
    assert.deepEqual((await index.getSettings())[key], expected);
    const reset = await ok(index[`reset${name}`]());
    const wildcard = key === "searchableAttributes" || key === "displayedAttributes";
    assert.deepEqual(reset.details, { [key]: wildcard ? ["*"] : null });
    assert.deepEqual(await index[`get${name}`](), DEFAULT_SETTINGS[key]);
    assert.deepEqual(await index.getSettings(), DEFAULT_SETTINGS);
  });
}

test("PATCH sub-routes merge: typoTolerance, faceting", async () => {
  const index = await freshIndex();
  await ok(index.updateTypoTolerance({ minWordSizeForTypos: { twoTypos: 12 } }));
  await ok(index.updateTypoTolerance({ disableOnAttributes: ["title"] }));
  assert.deepEqual(await index.getTypoTolerance(), {
    ...DEFAULT_TYPO, minWordSizeForTypos: { oneTypo: 5, twoTypos: 12 }, disableOnAttributes: ["title"],
  });
  await ok(index.updateFaceting({ sortFacetValuesBy: { genre: "count" } }));
  await ok(index.updateFaceting({ maxValuesPerFacet: 3 }));
  assert.deepEqual(await index.getFaceting(), { maxValuesPerFacet: 3, sortFacetValuesBy: { "*": "alpha", genre: "count" } });
});

test("invalid values are refused synchronously with the right invalid_settings_* code", async () => {
  const index = await freshIndex();
  const cases = [
    [{ rankingRules: ["manyTheFish"] }, "invalid_settings_ranking_rules",
      "Invalid value at `.rankingRules[0]`: `manyTheFish` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules."],
    [{ rankingRules: "doggo" }, "invalid_settings_ranking_rules",
      "Invalid value type at `.rankingRules`: expected an array, but found a string: `\"doggo\"`"],
    [{ displayedAttributes: "doggo" }, "invalid_settings_displayed_attributes",
      "Invalid value type at `.displayedAttributes`: expected an array, but found a string: `\"doggo\"`"],
    [{ searchableAttributes: "doggo" }, "invalid_settings_searchable_attributes",
      "Invalid value type at `.searchableAttributes`: expected an array, but found a string: `\"doggo\"`"],
    [{ filterableAttributes: "doggo" }, "invalid_settings_filterable_attributes",
      "Invalid value type at `.filterableAttributes`: expected an array, but found a string: `\"doggo\"`"],
    [{ sortableAttributes: "doggo" }, "invalid_settings_sortable_attributes",
      "Invalid value type at `.sortableAttributes`: expected an array, but found a string: `\"doggo\"`"],
    [{ stopWords: "doggo" }, "invalid_settings_stop_words",
      "Invalid value type at `.stopWords`: expected an array, but found a string: `\"doggo\"`"],
    [{ synonyms: "doggo" }, "invalid_settings_synonyms",
      "Invalid value type at `.synonyms`: expected an object, but found a string: `\"doggo\"`"],
    [{ distinctAttribute: ["doggo"] }, "invalid_settings_distinct_attribute",
      "Invalid value type at `.distinctAttribute`: expected a string, but found an array: `[\"doggo\"]`"],
    [{ typoTolerance: "doggo" }, "invalid_settings_typo_tolerance",
      "Invalid value type at `.typoTolerance`: expected an object, but found a string: `\"doggo\"`"],
    [{ typoTolerance: { minWordSizeForTypos: "doggo" } }, "invalid_settings_typo_tolerance",
      "Invalid value type at `.typoTolerance.minWordSizeForTypos`: expected an object, but found a string: `\"doggo\"`"],
    [{ faceting: "doggo" }, "invalid_settings_faceting",
      "Invalid value type at `.faceting`: expected an object, but found a string: `\"doggo\"`"],
    [{ pagination: "doggo" }, "invalid_settings_pagination",
      "Invalid value type at `.pagination`: expected an object, but found a string: `\"doggo\"`"],
    [{ pagination: { maxTotalHits: "doggo" } }, "invalid_settings_pagination",
      "Invalid value type at `.pagination.maxTotalHits`: expected a positive integer, but found a string: `\"doggo\"`"],
    [{ searchCutoffMs: "doggo" }, "invalid_settings_search_cutoff_ms",
      "Invalid value type at `.searchCutoffMs`: expected a positive integer, but found a string: `\"doggo\"`"],
    [{ proximityPrecision: "doggo" }, "invalid_settings_proximity_precision",
      /^Unknown value `doggo` at `\.proximityPrecision`: expected one of `byWord`, `byAttribute`/],
    [{ prefixSearch: "doggo" }, "invalid_settings_prefix_search",
      /^Unknown value `doggo` at `\.prefixSearch`: expected one of `indexingTime`, `disabled`/],
    [{ facetSearch: "doggo" }, "invalid_settings_facet_search",
      "Invalid value type at `.facetSearch`: expected a boolean, but found a string: `\"doggo\"`"],
    [{ separatorTokens: "doggo" }, "invalid_settings_separator_tokens",
      "Invalid value type at `.separatorTokens`: expected an array, but found a string: `\"doggo\"`"],
    [{ nonSeparatorTokens: "doggo" }, "invalid_settings_non_separator_tokens",
      "Invalid value type at `.nonSeparatorTokens`: expected an array, but found a string: `\"doggo\"`"],
    [{ dictionary: "doggo" }, "invalid_settings_dictionary",
      "Invalid value type at `.dictionary`: expected an array, but found a string: `\"doggo\"`"],
    [{ localizedAttributes: "doggo" }, "invalid_settings_localized_attributes",
      "Invalid value type at `.localizedAttributes`: expected an array, but found a string: `\"doggo\"`"],
    [{ embedders: "doggo" }, "invalid_settings_embedders",
      "Invalid value type at `.embedders`: expected an object, but found a string: `\"doggo\"`"],
  ];
  for (const [body, code, message] of cases) {
    await rejects(index.updateSettings(body), 400, code, message);
  }
  // Sub-routes: the path is the body itself.
  await rejects(index.updateRankingRules(["manyTheFish"]), 400, "invalid_settings_ranking_rules",
    /^Invalid value at `\.?\[0\]`: `manyTheFish` ranking rule is invalid\. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules\.$/);
  await rejects(index.updateStopWords("doggo"), 400, "invalid_settings_stop_words",
    "Invalid value type: expected an array, but found a string: `\"doggo\"`");
  await rejects(index.updatePagination({ maxTotalHits: 0 }), 400, "invalid_settings_pagination",
    "Invalid value at `.maxTotalHits`: a non-zero integer value lower than `18446744073709551615` was expected, but found a zero");
  await rejects(index.updateTypoTolerance({ typoTolerance: {} }), 400, "invalid_settings_typo_tolerance",
    "Unknown field `typoTolerance`: expected one of `enabled`, `minWordSizeForTypos`, `disableOnWords`, `disableOnAttributes`, `disableOnNumbers`");
  // An unknown top-level key.
  const unknown = await raw("PATCH", `/indexes/${index.uid}/settings`, { doggo: 1 });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, "bad_request");
  assert.match(unknown.body.message, /^Unknown field `doggo`: expected one of /);
  // Nothing was enqueued or changed.
  assert.deepEqual(await index.getSettings(), DEFAULT_SETTINGS);
});

test("searchableAttributes restricts which field matches", async () => {
  const index = await freshIndex([
    { id: 1, title: "Lighthouse", body: "a story about the sea" },
    { id: 2, title: "The sea", body: "nothing about lighthouses" },
  ]);
  assert.deepEqual((await index.search("sea")).hits.map((h) => h.id), [2, 1]);
  await ok(index.updateSearchableAttributes(["title"]));
  assert.deepEqual((await index.search("sea")).hits.map((h) => h.id), [2]);
  assert.deepEqual((await index.search("story")).hits, []);
  await ok(index.resetSearchableAttributes());
  assert.deepEqual((await index.search("story")).hits.map((h) => h.id), [1]);
});

test("displayedAttributes hides fields from hits, but they stay searchable", async () => {
  const index = await freshIndex([{ id: 1, title: "Secret garden", secret: "hidden treasure" }]);
  await ok(index.updateDisplayedAttributes(["id", "title"]));
  const res = await index.search("treasure");
  assert.deepEqual(res.hits, [{ id: 1, title: "Secret garden" }]);
  assert.deepEqual((await index.search("", { attributesToRetrieve: ["secret", "title"] })).hits, [{ title: "Secret garden" }]);
  // Meilisearch's documents routes ignore displayedAttributes (all fields of the fields map).
  assert.deepEqual(await index.getDocument(1), { id: 1, title: "Secret garden", secret: "hidden treasure" });
});

test("rankingRules with installed_size:desc reorders placeholder results", async () => {
  const index = server.client.index("settings-debian");
  const t = await index.addDocuments(packages).waitTask();
  assert.equal(t.status, "succeeded", JSON.stringify(t.error));
  assert.deepEqual((await index.search("", { limit: 5 })).hits.map((h) => h.id), packages.slice(0, 5).map((p) => p.id));
  await ok(index.updateRankingRules(["installed_size:desc", ...DEFAULT_RANKING_RULES]));
  const bySize = [...packages].sort((a, b) => b.installed_size - a.installed_size);
  const res = await index.search("", { limit: 5, attributesToRetrieve: ["package", "installed_size"] });
  assert.deepEqual(res.hits, bySize.slice(0, 5).map(({ package: p, installed_size }) => ({ package: p, installed_size })));
  await ok(index.updateRankingRules(["installed_size:asc"]));
  const asc = [...packages].sort((a, b) => a.installed_size - b.installed_size);
  assert.deepEqual((await index.search("", { limit: 5 })).hits.map((h) => h.id), asc.slice(0, 5).map((p) => p.id));
});

const EFFECT_DOCS = [
  { id: 1, title: "wolverine origins", sku: "a" }, { id: 2, title: "logan", sku: "a" },
  { id: 3, title: "the matrix", sku: "b" }, { id: 4, title: "chocolate cake", sku: "c" },
];

test("synonyms take effect in search", async () => {
  const index = await freshIndex(EFFECT_DOCS);
  assert.deepEqual((await index.search("logan")).hits.map((h) => h.id), [2]);
  await ok(index.updateSynonyms({ logan: ["wolverine"] }));
  assert.deepEqual((await index.search("logan")).hits.map((h) => h.id).sort(), [1, 2]);
  // One-way: "wolverine" does not bring "logan".
  assert.deepEqual((await index.search("wolverine")).hits.map((h) => h.id), [1]);
  await ok(index.resetSynonyms());
  assert.deepEqual((await index.search("logan")).hits.map((h) => h.id), [2]);
});

test("distinctAttribute, typo tolerance, pagination and prefixSearch settings take effect", async () => {
  const index = await freshIndex(EFFECT_DOCS);
  await ok(index.updateFilterableAttributes(["sku"]));
  await ok(index.updateDistinctAttribute("sku"));
  assert.deepEqual((await index.search("")).hits.map((h) => h.id), [1, 3, 4]);
  await ok(index.resetDistinctAttribute());

  assert.deepEqual((await index.search("chocolat")).hits.map((h) => h.id), [4]);
  assert.deepEqual((await index.search("chocolatw cake")).hits.map((h) => h.id), [4]);
  await ok(index.updateTypoTolerance({ enabled: false }));
  assert.deepEqual((await index.search("chocolatw cake", { matchingStrategy: "all" })).hits, []);
  await ok(index.resetTypoTolerance());
  assert.deepEqual((await index.search("chocolat cake", { matchingStrategy: "all" })).hits.map((h) => h.id), [4]);
  // disableOnWords: no typo on that query word.
  await ok(index.updateTypoTolerance({ disableOnWords: ["chocolat"] }));
  assert.deepEqual((await index.search("chocolat cake", { matchingStrategy: "all" })).hits, []);
  await ok(index.resetTypoTolerance());
  assert.deepEqual((await index.search("chocolatw cake", { matchingStrategy: "all" })).hits.map((h) => h.id), [4]);

  await ok(index.updatePagination({ maxTotalHits: 2 }));
  const capped = await index.search("");
  assert.deepEqual([capped.hits.length, capped.estimatedTotalHits], [2, 2]);
  const paged = await index.search("", { hitsPerPage: 1 });
  assert.deepEqual([paged.totalHits, paged.totalPages], [2, 2]);

  await ok(index.updatePrefixSearch("disabled"));
  assert.deepEqual((await index.search("matr")).hits, []);
  await ok(index.resetPrefixSearch());
  assert.deepEqual((await index.search("matr")).hits.map((h) => h.id), [3]);
});
