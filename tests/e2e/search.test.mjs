// End-to-end search tests: the real npm `meilisearch` client against a real
// myriad server. Expectations are Meilisearch's behaviour (v1.3x–v1.50).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const packages = JSON.parse(readFileSync(`${datasets}/debian-packages-2k.json`, "utf8"));

// A small hand-made index where the right ranking is known.
const movies = [
  { id: 1, title: "Le Petit Prince", overview: "A pilot stranded in the desert meets a young prince",
    genres: ["fantasy", "classic"], year: 1943, rating: 4.5, director: "Antoine" },
  { id: 2, title: "Harry Potter and the Half-Blood Prince", overview: "The sixth year at Hogwarts school of magic",
    genres: ["fantasy", "adventure"], year: 2009, rating: 4.1 },
  { id: 3, title: "The Matrix", overview: "A hacker learns the world is a simulation",
    genres: ["scifi", "action"], year: 1999, rating: 4.7 },
  { id: 4, title: "The Matrix Reloaded", overview: "The hacker returns to fight the machines",
    genres: ["scifi", "action"], year: 2003, rating: 3.9 },
  { id: 5, title: "Blade Runner", overview: "A blade runner hunts replicants in a rainy city",
    genres: ["scifi"], year: 1982, rating: 4.6 },
  { id: 6, title: "Amélie", overview: "A shy waitress in Paris decides to change lives",
    genres: ["romance", "comedy"], year: 2001, rating: null },
  { id: 7, title: "Untitled Project", overview: "Nothing is known", genres: [] },
];
const MOVIE_FILTERABLE = ["genres", "year", "rating", "title", "director"];

let server;
let debian;
let movieIndex;

async function ok(enqueued) {
  const task = await enqueued.waitTask();
  assert.equal(task.status, "succeeded", JSON.stringify(task.error));
  return task;
}

async function makeIndex(uid, docs, settings) {
  const index = server.client.index(uid);
  if (settings) await ok(index.updateSettings(settings));
  await ok(index.addDocuments(docs));
  return index;
}

const ids = (res) => res.hits.map((h) => h.id);

// Asserts the client call rejects with the given HTTP status, error code and
// message (a string for equality, a RegExp otherwise).
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

// Raw HTTP, for what the client cannot send.
async function raw(method, path, body) {
  const res = await fetch(`${server.host}${path}`, {
    method, headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

before(async () => {
  server = await startServer();
  debian = await makeIndex("debian", packages, {
    filterableAttributes: ["section", "priority", "architecture", "installed_size"],
    sortableAttributes: ["installed_size", "package"],
  });
  movieIndex = await makeIndex("movies", movies, {
    filterableAttributes: MOVIE_FILTERABLE, sortableAttributes: ["year", "rating", "title"],
  });
});
after(async () => { await server.stop(); });

// ---------------------------------------------------------------- basics

test("placeholder search (q absent, empty or null) returns every document in insertion order", async () => {
  for (const q of [undefined, "", null]) {
    const res = await movieIndex.search(q);
    assert.deepEqual(res.hits, movies, `q=${q}`);
    assert.equal(res.query, "");
    assert.equal(res.limit, 20);
    assert.equal(res.offset, 0);
    assert.equal(res.estimatedTotalHits, 7);
    assert.equal(typeof res.processingTimeMs, "number");
    for (const k of ["facetDistribution", "facetStats", "page", "hitsPerPage", "totalPages", "totalHits"]) {
      assert.equal(k in res, false, k);
    }
  }
  // The whole dataset: first 20 in insertion order, total capped by maxTotalHits (1000).
  const all = await debian.search(null);
  assert.deepEqual(all.hits, packages.slice(0, 20));
  assert.equal(all.estimatedTotalHits, 1000);
});

test("single word search finds the right documents, untouched and ranked by word position", async () => {
  const res = await movieIndex.search("hacker");
  assert.deepEqual(res.hits, [movies[2], movies[3]]);
  assert.equal(res.query, "hacker");
  assert.equal(res.estimatedTotalHits, 2);
  // "prince": at word 2 of the title ranks above word 6 of the title.
  const prince = await movieIndex.search("prince", { attributesToRetrieve: ["title"] });
  assert.deepEqual(prince.hits, [{ title: "Le Petit Prince" }, { title: "Harry Potter and the Half-Blood Prince" }]);
  assert.deepEqual(ids(await movieIndex.search("nosuchword")), []);

  // On the dataset: every "haskell"-section package is found, and every hit highlights a match.
  const hs = await debian.search("haskell", { limit: 1000, attributesToHighlight: ["*"], attributesToRetrieve: ["id", "section", "package", "summary", "description"] });
  const found = new Set(ids(hs));
  for (const d of packages.filter((p) => p.section === "haskell")) assert.ok(found.has(d.id), `missing ${d.package}`);
  for (const h of hs.hits) assert.ok(JSON.stringify(h._formatted).includes("<em>"), `no highlight in ${h.package}`);
});

test("prefix search on the last word: 'pyth' finds python packages, highlighted <em>Pyth</em>on", async () => {
  const res = await debian.search("pyth", { limit: 1000, attributesToHighlight: ["*"] });
  const found = new Set(ids(res));
  const pythonPackages = packages.filter((p) => /^python/.test(p.package));
  assert.ok(pythonPackages.length > 100);
  for (const d of pythonPackages) assert.ok(found.has(d.id), `missing ${d.package}`);
  for (const h of res.hits) {
    assert.match(JSON.stringify(h._formatted), /<em>pyth<\/em>/i, `no highlighted prefix in ${h.package}`);
  }
  const p224 = res.hits.find((h) => h.id === 224); // python3-adios, "Python3 interface to ..."
  assert.ok(p224._formatted.summary.startsWith("<em>Pyth</em>on3 interface"), p224._formatted.summary);
  assert.equal(p224._formatted.package, "<em>pyth</em>on3-adios");
  // A prefix only applies to the last word: "pyth interface" needs the whole word "pyth".
  const notLast = await movieIndex.search("matr the", { matchingStrategy: "all" });
  assert.deepEqual(ids(notLast), []);
  assert.deepEqual(ids(await movieIndex.search("the matr", { matchingStrategy: "all" })), [3, 4]);
});

test("typo tolerance: 1 typo from 5 letters, 2 from 9, none under 5, first letter counts double", async () => {
  const index = await makeIndex("typos", [
    { id: 1, word: "cats" }, { id: 2, word: "world" }, { id: 3, word: "chocolate" },
    { id: 4, word: "bananas" },
  ]);
  const cases = [
    ["cats", [1]], ["cots", []],                 // 4 letters: no typo allowed
    ["wirld", [2]], ["wxrlx", []],               // 5 letters: 1 typo, not 2
    ["bananxs", [4]], ["bananxx", []],           // 7 letters: 1 typo, not 2
    ["chocolaet", [3]], ["chxcolatx", [3]],      // 9 letters: transposition, 2 substitutions
    ["chxcxlatx", []],                           // 9 letters: 3 typos
    ["xorld", []],                               // first-letter typo costs 2 > 1
    ["xhocolate", [3]], ["xhocolatx", []],       // first letter (2) fits 2, +1 does not
  ];
  for (const [q, expected] of cases) assert.deepEqual(ids(await index.search(q)), expected, q);
  // Exact match ranks above the typo match.
  const ranked = await makeIndex("typos-rank", [{ id: 1, word: "wordl" }, { id: 2, word: "world" }]);
  assert.deepEqual(ids(await ranked.search("world")), [2, 1]);
});

test("phrase search in double quotes needs the words adjacent and in order", async () => {
  const index = await makeIndex("phrases", [
    { id: 1, text: "brown quick fox" }, { id: 2, text: "the quick brown fox" },
    { id: 3, text: "quick and then the brown" },
  ]);
  assert.deepEqual(ids(await index.search('"quick brown"')), [2]);
  assert.deepEqual(ids(await index.search('"brown fox"')), [2]);
  assert.deepEqual(ids(await index.search('"quick fox"')), [1]);
  assert.deepEqual(ids(await index.search('"fox quick"')), []);
  assert.deepEqual(ids(await index.search('"brown quick fox"')), [1]);
  // Without quotes all three match: adjacent, then reversed (proximity 2), then 4 apart.
  assert.deepEqual(ids(await index.search("quick brown")), [2, 1, 3]);
});

test("matchingStrategy: last drops words from the end, all requires every word", async () => {
  const index = await makeIndex("strategy", [
    { id: 1, text: "big" }, { id: 2, text: "big red" }, { id: 3, text: "big red apple" },
    { id: 4, text: "red apple" }, { id: 5, text: "big" },
  ]);
  const last = await index.search("big red apple");
  assert.deepEqual(ids(last), [3, 2, 1, 5]);
  assert.equal(last.estimatedTotalHits, 4);
  assert.deepEqual(ids(await index.search("big red apple", { matchingStrategy: "last" })), [3, 2, 1, 5]);
  const all = await index.search("big red apple", { matchingStrategy: "all" });
  assert.deepEqual(ids(all), [3]);
  assert.equal(all.estimatedTotalHits, 1);
  // frequency drops the most frequent word first: "big" (4 docs), then "red" (3 docs).
  assert.deepEqual(ids(await index.search("big red apple", { matchingStrategy: "frequency" })), [3, 4]);
  await rejects(index.search("big", { matchingStrategy: "some" }), 400, "invalid_search_matching_strategy",
    "Unknown value `some` at `.matchingStrategy`: expected one of `last`, `all`, `frequency`");
});

test("multi-word ranking: proximity, then attribute rank in searchableAttributes order", async () => {
  const prox = await makeIndex("proximity", [
    { id: 1, text: "fox one two three four five six seven eight jumps" },
    { id: 2, text: "the fox jumps" },
    { id: 3, text: "jumps and then the fox" },
  ]);
  assert.deepEqual(ids(await prox.search("fox jumps")), [2, 3, 1]);

  const attr = await makeIndex("attribute-rank", [
    { id: 1, title: "Gardening", description: "about the ocean" },
    { id: 2, title: "Ocean", description: "about gardening" },
  ], { searchableAttributes: ["title", "description"] });
  assert.deepEqual(ids(await attr.search("ocean")), [2, 1]);
  assert.deepEqual(ids(await attr.search("gardening")), [1, 2]);
  await ok(attr.updateSearchableAttributes(["description", "title"]));
  assert.deepEqual(ids(await attr.search("ocean")), [1, 2]);
});

test("attributesToSearchOn matches in the named fields only; an unsearchable one is refused", async () => {
  // "prince" is in the titles of 1 and 2 and in the overview of 1 only.
  const res = await movieIndex.search("prince", { attributesToSearchOn: ["overview"] });
  assert.deepEqual(ids(res), [1]);
  assert.equal(res.estimatedTotalHits, 1);
  assert.deepEqual(ids(await movieIndex.search("prince", { attributesToSearchOn: ["title"] })), [1, 2]);
  const scoped = await makeIndex("scoped", [{ id: 1, title: "x", body: "y" }],
                                 { searchableAttributes: ["title"] });
  await rejects(scoped.search("x", { attributesToSearchOn: ["body"] }), 400,
                "invalid_search_attributes_to_search_on",
                "Attribute `body` is not searchable. Available searchable attributes are: `title`.");
});

test("stop words are ignored in queries", async () => {
  const index = await makeIndex("stops", [
    { id: 1, title: "the matrix" }, { id: 2, title: "the godfather" }, { id: 3, title: "matrix reloaded" },
  ]);
  assert.deepEqual(ids(await index.search("the matrix", { matchingStrategy: "all" })), [1]);
  await ok(index.updateStopWords(["the"]));
  const res = await index.search("the matrix", { matchingStrategy: "all" });
  assert.deepEqual(ids(res).sort(), [1, 3]);
  assert.equal(res.estimatedTotalHits, 2);
});

// ---------------------------------------------------------------- filters

test("filters: comparison, range, IN, EXISTS, NULL, EMPTY, boolean logic, array form", async () => {
  const cases = [
    ["year > 2000", [2, 4, 6]],
    ["year >= 2003", [2, 4]],
    ["year < 1990", [1, 5]],
    ["year <= 1982", [1, 5]],
    ["year = 1999", [3]],
    ["year 1990 TO 2003", [3, 4, 6]],
    ["genres = scifi", [3, 4, 5]],
    ["genres = SciFi", [3, 4, 5]],
    ["genres != scifi", [1, 2, 6, 7]],
    ["genres IN [romance, adventure]", [2, 6]],
    ["genres NOT IN [scifi, fantasy]", [6, 7]],
    ["title = 'The Matrix'", [3]],
    ['title = "the matrix"', [3]],
    ["director = Antoine", [1]],
    ["year EXISTS", [1, 2, 3, 4, 5, 6]],
    ["year NOT EXISTS", [7]],
    ["rating IS NULL", [6]],
    ["rating IS NOT NULL", [1, 2, 3, 4, 5, 7]],
    ["genres IS EMPTY", [7]],
    ["genres IS NOT EMPTY", [1, 2, 3, 4, 5, 6]],
    ["genres = scifi AND year < 2000", [3, 5]],
    ["genres = romance OR rating >= 4.6", [3, 5, 6]],
    ["NOT genres = fantasy", [3, 4, 5, 6, 7]],
    ["(genres = fantasy OR genres = romance) AND NOT year < 1950", [2, 6]],
    ["genres = scifi OR genres = fantasy AND year > 2005", [2, 3, 4, 5]],
    [["genres = scifi", ["year = 1982", "year = 2003"]], [4, 5]],
    [["genres = fantasy", "year > 2000"], [2]],
  ];
  for (const [filter, expected] of cases) {
    const res = await movieIndex.search("", { filter });
    assert.deepEqual(ids(res), expected, JSON.stringify(filter));
    assert.equal(res.estimatedTotalHits, expected.length, JSON.stringify(filter));
  }
  // With a query: the filter restricts the matching documents.
  assert.deepEqual(ids(await movieIndex.search("prince", { filter: "year > 2000" })), [2]);
  // On the dataset: exact counts and insertion order.
  const python = packages.filter((p) => p.section === "python");
  const res = await debian.search("", { filter: "section = python", limit: 1000 });
  assert.deepEqual(ids(res), python.map((p) => p.id));
  assert.equal(res.estimatedTotalHits, 138);
  const big = packages.filter((p) => p.installed_size >= 100000 && p.architecture === "amd64");
  const bigRes = await debian.search("", { filter: "installed_size >= 100000 AND architecture = amd64" });
  assert.deepEqual(ids(bigRes), big.map((p) => p.id));
  assert.equal(bigRes.estimatedTotalHits, 11);
  const notOptional = packages.filter((p) => p.priority !== "optional");
  assert.deepEqual(ids(await debian.search("", { filter: "priority != optional" })), notOptional.map((p) => p.id));
});

test("filter errors: attribute not filterable, bad syntax → invalid_search_filter", async () => {
  const prefix = "(Index `movies`: )?";
  await rejects(movieIndex.search("", { filter: "unknown = 1" }), 400, "invalid_search_filter", new RegExp(
    `^${prefix}Attribute \`unknown\` is not filterable\\. Available filterable attribute patterns are: ` +
    "`director`, `genres`, `rating`, `title`, `year`\\.\\n1:8 unknown = 1$"));
  const bare = await makeIndex("no-filterable", [{ id: 1, year: 2 }]);
  await rejects(bare.search("", { filter: "year > 1" }), 400, "invalid_search_filter", new RegExp(
    "^(Index `no-filterable`: )?Attribute `year` is not filterable\\. " +
    "This index does not have configured filterable attributes\\.\\n1:5 year > 1$"));
  await rejects(movieIndex.search("", { filter: ["genres = scifi", "many = 1"] }), 400, "invalid_search_filter",
    /Attribute `many` is not filterable\..*\n1:5 many = 1$/);
  await rejects(movieIndex.search("", { filter: "genres & scifi" }), 400, "invalid_search_filter",
    /^Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`, `IS NOT NULL`, `IS EMPTY`, `IS NOT EMPTY`, .*at `genres & scifi`\.\n1:15 genres & scifi$/);
  await rejects(movieIndex.search("", { filter: "year = 1999 XOR year = 1" }), 400, "invalid_search_filter",
    "Found unexpected characters at the end of the filter: `XOR year = 1`. You probably forgot an `OR` or an `AND` rule.\n13:25 year = 1999 XOR year = 1");
  await rejects(movieIndex.search("", { filter: true }), 400, "invalid_search_filter",
    "Invalid syntax for the filter parameter: `expected String, Array, found: true`.");
});

// ---------------------------------------------------------------- sort, facets

test("sort: asc/desc on numbers and strings, missing values last, error when not sortable", async () => {
  assert.deepEqual(ids(await movieIndex.search("", { sort: ["year:desc"] })), [2, 4, 6, 3, 5, 1, 7]);
  assert.deepEqual(ids(await movieIndex.search("", { sort: ["year:asc"] })), [1, 5, 3, 6, 4, 2, 7]);
  assert.deepEqual(ids(await movieIndex.search("", { sort: ["rating:asc"] })), [4, 2, 1, 5, 3, 6, 7]);
  assert.deepEqual(ids(await movieIndex.search("", { sort: ["title:asc"] })), [6, 5, 2, 1, 3, 4, 7]);
  // With a query, sort breaks the tie left by the rules before it.
  assert.deepEqual(ids(await movieIndex.search("matrix")), [3, 4]);
  assert.deepEqual(ids(await movieIndex.search("matrix", { sort: ["year:desc"] })), [4, 3]);

  const bySize = [...packages].sort((a, b) => b.installed_size - a.installed_size).slice(0, 5);
  const res = await debian.search("", { sort: ["installed_size:desc"], limit: 5, attributesToRetrieve: ["package", "installed_size"] });
  assert.deepEqual(res.hits, bySize.map(({ package: p, installed_size }) => ({ package: p, installed_size })));
  const byName = [...packages].sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
  assert.deepEqual(ids(await debian.search("", { sort: ["package:asc"], limit: 10 })), byName.slice(0, 10).map((p) => p.id));

  await rejects(movieIndex.search("", { sort: ["year"] }), 400, "invalid_search_sort",
    "Invalid syntax for the sort parameter: expected expression ending by `:asc` or `:desc`, found `year`.");
  await rejects(movieIndex.search("", { sort: ["overview:asc"] }), 400, "invalid_search_sort",
    /^(Index `movies`: )?Attribute `overview` is not sortable\. Available sortable attributes are: `rating, title, year`\.$/);
  const bare = server.client.index("no-filterable");
  await rejects(bare.search("", { sort: ["year:asc"] }), 400, "invalid_search_sort",
    /^(Index `no-filterable`: )?Attribute `year` is not sortable\. This index does not have configured sortable attributes\.$/);
});

test("facets: facetDistribution and facetStats only when requested", async () => {
  const res = await movieIndex.search("", { facets: ["genres", "year", "rating"] });
  assert.deepEqual(res.facetDistribution, {
    genres: { action: 2, adventure: 1, classic: 1, comedy: 1, fantasy: 2, romance: 1, scifi: 3 },
    year: { 1943: 1, 1982: 1, 1999: 1, 2001: 1, 2003: 1, 2009: 1 },
    rating: { 3.9: 1, 4.1: 1, 4.5: 1, 4.6: 1, 4.7: 1 },
  });
  assert.deepEqual(Object.keys(res.facetDistribution.genres),
    ["action", "adventure", "classic", "comedy", "fantasy", "romance", "scifi"]);
  assert.deepEqual(res.facetStats, { year: { min: 1943, max: 2009 }, rating: { min: 3.9, max: 4.7 } });

  const q = await movieIndex.search("matrix", { facets: ["genres"] });
  assert.deepEqual(q.facetDistribution, { genres: { action: 2, scifi: 2 } });
  assert.deepEqual(q.facetStats, {});
  const none = await movieIndex.search("matrix");
  assert.equal("facetDistribution" in none, false);
  assert.equal("facetStats" in none, false);

  const d = await debian.search("", { facets: ["priority", "installed_size"], filter: "section = python" });
  const python = packages.filter((p) => p.section === "python");
  const count = {};
  for (const p of python) count[p.priority] = (count[p.priority] ?? 0) + 1;
  assert.deepEqual(d.facetDistribution.priority, count);
  const sizes = python.map((p) => p.installed_size);
  assert.deepEqual(d.facetStats, { installed_size: { min: Math.min(...sizes), max: Math.max(...sizes) } });
  const all = await debian.search("", { facets: ["architecture"] });
  assert.deepEqual(all.facetDistribution, { architecture: { all: 972, amd64: 1018 } });

  await rejects(movieIndex.search("", { facets: ["overview"] }), 400, "invalid_search_facets",
    /^Invalid facet distribution(: Pattern|, attribute) `overview` is not filterable\..*`director, genres, rating, title, year`\.$/);
});

// ---------------------------------------------------------------- pagination

test("offset/limit mode vs page/hitsPerPage mode: each has its own fields only", async () => {
  const a = await debian.search("", { offset: 5, limit: 3 });
  assert.deepEqual(ids(a), [5, 6, 7].map((i) => packages[i].id));
  assert.equal(a.offset, 5);
  assert.equal(a.limit, 3);
  assert.equal(a.estimatedTotalHits, 1000);
  for (const k of ["page", "hitsPerPage", "totalPages", "totalHits"]) assert.equal(k in a, false, k);

  const p = await debian.search("", { page: 3, hitsPerPage: 7 });
  assert.deepEqual(ids(p), packages.slice(14, 21).map((d) => d.id));
  assert.equal(p.page, 3);
  assert.equal(p.hitsPerPage, 7);
  assert.equal(p.totalHits, 1000);
  assert.equal(p.totalPages, 143);
  for (const k of ["offset", "limit", "estimatedTotalHits"]) assert.equal(k in p, false, k);

  const pageOnly = await movieIndex.search("", { page: 2 });
  assert.deepEqual([pageOnly.page, pageOnly.hitsPerPage, pageOnly.totalHits, pageOnly.totalPages, pageOnly.hits.length],
    [2, 20, 7, 1, 0]);
  const perOnly = await movieIndex.search("", { hitsPerPage: 3 });
  assert.deepEqual([perOnly.page, perOnly.hitsPerPage, perOnly.totalHits, perOnly.totalPages], [1, 3, 7, 3]);
  assert.deepEqual(ids(perOnly), [1, 2, 3]);
  const zero = await movieIndex.search("", { page: 0 });
  assert.deepEqual(zero.hits, []);
  assert.equal(zero.page, 0);
  const noHits = await movieIndex.search("", { hitsPerPage: 0 });
  assert.deepEqual([noHits.hits.length, noHits.totalPages, noHits.totalHits], [0, 0, 7]);

  const tail = await debian.search("", { offset: 995, limit: 10 });
  assert.deepEqual(ids(tail), packages.slice(995, 1000).map((d) => d.id));
  const beyond = await movieIndex.search("", { offset: 10 });
  assert.deepEqual([beyond.hits.length, beyond.estimatedTotalHits], [0, 7]);
  await rejects(movieIndex.search("", { limit: -1 }), 400, "invalid_search_limit",
    "Invalid value type at `.limit`: expected a positive integer, but found a negative integer: `-1`");
  await rejects(movieIndex.search("", { offset: "x" }), 400, "invalid_search_offset",
    "Invalid value type at `.offset`: expected a positive integer, but found a string: `\"x\"`");
  await rejects(movieIndex.search("", { page: "x" }), 400, "invalid_search_page");
  await rejects(movieIndex.search("", { hitsPerPage: "x" }), 400, "invalid_search_hits_per_page");
});

// ---------------------------------------------------------------- hit formatting

test("attributesToRetrieve restricts the fields of each hit", async () => {
  const res = await movieIndex.search("blade", { attributesToRetrieve: ["title", "year", "nope"] });
  assert.deepEqual(res.hits, [{ title: "Blade Runner", year: 1982 }]);
  const star = await movieIndex.search("blade", { attributesToRetrieve: ["*"] });
  assert.deepEqual(star.hits, [movies[4]]);
  await rejects(movieIndex.search("", { attributesToRetrieve: "title" }), 400, "invalid_search_attributes_to_retrieve",
    "Invalid value type at `.attributesToRetrieve`: expected an array, but found a string: `\"title\"`");
});

test("attributesToHighlight with default and custom tags; _formatted holds every retrieved field", async () => {
  const res = await movieIndex.search("prince", { attributesToHighlight: ["title"], attributesToRetrieve: ["id", "title", "year"] });
  assert.deepEqual(res.hits[0], {
    id: 1, title: "Le Petit Prince", year: 1943,
    _formatted: { id: "1", title: "Le Petit <em>Prince</em>", year: "1943" },
  });
  const custom = await movieIndex.search("prince", {
    attributesToHighlight: ["*"], highlightPreTag: "[", highlightPostTag: "]",
    attributesToRetrieve: ["title", "overview", "genres"],
  });
  // Meilisearch: "*" highlights every displayed attribute, so _formatted holds them all,
  // even those left out of attributesToRetrieve.
  assert.deepEqual(custom.hits[0]._formatted, {
    id: "1", title: "Le Petit [Prince]", overview: "A pilot stranded in the desert meets a young [prince]",
    genres: ["fantasy", "classic"], year: "1943", rating: "4.5", director: "Antoine",
  });
  assert.deepEqual(Object.keys(custom.hits[0]).sort(), ["_formatted", "genres", "overview", "title"]);
  assert.deepEqual(custom.hits[1]._formatted.title, "Harry Potter and the Half-Blood [Prince]");
  // No _formatted unless asked for.
  assert.equal("_formatted" in (await movieIndex.search("prince")).hits[0], false);
  // Typo matches are highlighted too.
  const typo = await movieIndex.search("replicans blade", { attributesToHighlight: ["overview"] });
  assert.equal(typo.hits[0]._formatted.overview, "A <em>blade</em> runner hunts <em>replicants</em> in a rainy city");
});

test("attributesToCrop with cropLength and cropMarker", async () => {
  const res = await movieIndex.search("replicants", { attributesToCrop: ["overview"], cropLength: 3, attributesToRetrieve: ["overview"] });
  assert.equal(res.hits[0]._formatted.overview, "…hunts replicants in…");
  const marked = await movieIndex.search("replicants", {
    attributesToCrop: ["overview"], cropLength: 3, cropMarker: "[…]", attributesToHighlight: ["overview"],
  });
  assert.equal(marked.hits[0]._formatted.overview, "[…]hunts <em>replicants</em> in[…]");
  // No match in the attribute: crop from its start.
  const start = await movieIndex.search("", { filter: "year = 1982", attributesToCrop: ["overview:2"] });
  assert.equal(start.hits[0]._formatted.overview, "A blade…");
  // Default cropLength is 10 words.
  const def = await movieIndex.search("", { filter: "year = 1943", attributesToCrop: ["overview"] });
  assert.equal(def.hits[0]._formatted.overview, "A pilot stranded in the desert meets a young prince");
  const longer = await movieIndex.search("", { filter: "year = 1943", attributesToCrop: ["overview"], cropLength: 4 });
  assert.equal(longer.hits[0]._formatted.overview, "A pilot stranded in…");
});

test("showMatchesPosition gives byte offsets, with indices for arrays", async () => {
  const res = await movieIndex.search("prince", { showMatchesPosition: true, filter: "year = 1943" });
  const overview = movies[0].overview;
  assert.deepEqual(res.hits[0]._matchesPosition, {
    title: [{ start: 9, length: 6 }],
    overview: [{ start: overview.indexOf("prince"), length: 6 }],
  });
  const arr = await movieIndex.search("classic", { showMatchesPosition: true });
  assert.deepEqual(arr.hits[0]._matchesPosition, { genres: [{ start: 0, length: 7, indices: [1] }] });
  const paris = await movieIndex.search("paris", { showMatchesPosition: true });
  assert.deepEqual(paris.hits[0]._matchesPosition, { overview: [{ start: 18, length: 5 }] });
  // Byte lengths: "Amélie" (matched by "amelie") is 7 bytes.
  const utf = await movieIndex.search("amelie", { showMatchesPosition: true });
  assert.deepEqual(utf.hits[0]._matchesPosition, { title: [{ start: 0, length: 7 }] });
  assert.equal("_matchesPosition" in (await movieIndex.search("paris")).hits[0], false);
});

test("showRankingScore: numbers in [0, 1], in descending order", async () => {
  const res = await debian.search("python library", { showRankingScore: true, limit: 50 });
  assert.equal(res.hits.length, 50);
  let previous = 1;
  for (const h of res.hits) {
    assert.equal(typeof h._rankingScore, "number");
    assert.ok(h._rankingScore >= 0 && h._rankingScore <= 1, String(h._rankingScore));
    assert.ok(h._rankingScore <= previous, `${h._rankingScore} after ${previous}`);
    previous = h._rankingScore;
  }
  const m = await movieIndex.search("prince", { showRankingScore: true });
  assert.ok(m.hits[0]._rankingScore > m.hits[1]._rankingScore);
  assert.equal("_rankingScore" in (await movieIndex.search("prince")).hits[0], false);
});

test("distinct keeps the first document of each value", async () => {
  const res = await debian.search("", { distinct: "section", limit: 100 });
  const seen = new Map();
  for (const p of packages) if (!seen.has(p.section)) seen.set(p.section, p.id);
  assert.deepEqual(ids(res), [...seen.values()]);
  const py = await debian.search("", { distinct: "priority", filter: "section = python" });
  const first = new Map();
  for (const p of packages.filter((d) => d.section === "python")) if (!first.has(p.priority)) first.set(p.priority, p.id);
  assert.deepEqual(ids(py), [...first.values()]);
  // The count is of distinct values (Meilisearch's bucket sort excludes the duplicates it saw).
  assert.equal(py.estimatedTotalHits, first.size);
  assert.equal(res.estimatedTotalHits, 56);
});

// ---------------------------------------------------------------- routes

test("GET /search takes the parameters as a query string", async () => {
  const qs = new URLSearchParams({ q: "matrix", attributesToRetrieve: "id,title", filter: "year > 2000", limit: "1" });
  const res = await raw("GET", `/indexes/movies/search?${qs}`);
  assert.equal(res.status, 200);
  assert.deepEqual({ ...res.body, processingTimeMs: 0 }, {
    hits: [{ id: 4, title: "The Matrix Reloaded" }], query: "matrix", processingTimeMs: 0,
    limit: 1, offset: 0, estimatedTotalHits: 1,
  });
  const viaClient = await movieIndex.searchGet("prince", {
    attributesToRetrieve: ["title"], sort: ["year:desc"], facets: ["genres"], hitsPerPage: 1,
  });
  assert.deepEqual(viaClient.hits, [{ title: "Harry Potter and the Half-Blood Prince" }]);
  assert.deepEqual([viaClient.totalHits, viaClient.totalPages], [2, 2]);
  assert.deepEqual(viaClient.facetDistribution, { genres: { adventure: 1, classic: 1, fantasy: 2 } });
  const bad = await raw("GET", "/indexes/movies/search?limit=doggo");
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, {
    message: "Invalid value in parameter `limit`: could not parse `doggo` as a positive integer",
    code: "invalid_search_limit", type: "invalid_request",
    link: "https://docs.meilisearch.com/errors#invalid_search_limit",
  });
});

test("POST /multi-search runs each query on its index", async () => {
  const res = await server.client.multiSearch({ queries: [
    { indexUid: "movies", q: "matrix" },
    { indexUid: "movies", q: "prince", limit: 1, attributesToRetrieve: ["title"] },
    { indexUid: "debian", q: "", filter: "section = python", hitsPerPage: 2 },
  ] });
  assert.equal(res.results.length, 3);
  assert.deepEqual(Object.keys(res.results[0]).slice(0, 3), ["indexUid", "hits", "query"]);
  assert.equal(res.results[0].indexUid, "movies");
  assert.deepEqual(ids(res.results[0]), [3, 4]);
  assert.deepEqual(res.results[1].hits, [{ title: "Le Petit Prince" }]);
  assert.equal(res.results[1].limit, 1);
  assert.equal(res.results[2].indexUid, "debian");
  assert.equal(res.results[2].totalHits, 138);
  await rejects(server.client.multiSearch({ queries: [{ indexUid: "movies", q: "x" }, { indexUid: "nope", q: "x" }] }),
    404, "index_not_found", "Inside `.queries[1]`: Index `nope` not found.");
});

test("search on a missing index → 404 index_not_found; unknown parameter → bad_request", async () => {
  await rejects(server.client.index("nope").search("x"), 404, "index_not_found", "Index `nope` not found.");
  const unknown = await raw("POST", "/indexes/movies/search", { q: "x", doggo: 1 });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, "bad_request");
  assert.match(unknown.body.message, /^Unknown field `doggo`: expected one of `q`, /);
  const badQ = await raw("POST", "/indexes/movies/search", { q: ["doggo"] });
  assert.equal(badQ.status, 400);
  assert.deepEqual(badQ.body, {
    message: "Invalid value type at `.q`: expected a string, but found an array: `[\"doggo\"]`",
    code: "invalid_search_q", type: "invalid_request", link: "https://docs.meilisearch.com/errors#invalid_search_q",
  });
});
