// Relevance on the whole Debian corpus (issue 21, item 2): a user types the
// name of a well-known package, exactly, with one typo, as a prefix, or
// followed by a word of its summary, and expects that package among the first
// three hits. The corpus is posted as a new user would: settings first, then 8
// NDJSON payloads of 8,000 documents.
//
// The queries are generated, with a seed, from a fixed list of names chosen
// beforehand; nothing here is tuned to what the engine returns. Every failure
// is collected and reported at once in one table, with the pass rate of each
// variant, so one run shows the whole picture.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer } from "./server.mjs";

const datasets = process.env.MYRIAD_DATASETS ??
  resolve(import.meta.dirname, "../../../shared/datasets");
const PAYLOADS = 8;
const PER_PAYLOAD = 8_000;
const TOP = 3;

// The seed of every generated query; printed so that a failing run can be
// replayed with RELEVANCE_SEED=<seed>.
const SEED = Number(process.env.RELEVANCE_SEED ?? 21);
if (!Number.isSafeInteger(SEED)) throw new Error(`RELEVANCE_SEED must be an integer, not ${process.env.RELEVANCE_SEED}`);

// Well-known Debian packages, chosen before any search was run, the way a user
// would name them: what a Debian user installs first or has heard of (editors,
// servers, databases, command-line tools, compilers and language runtimes,
// desktop applications, network and security tools, core system packages),
// each written exactly as its `package` field in Debian 12. The list was
// written down first and then only checked to exist in the corpus (all 99 do).
// Never drop a name because its queries fail: that would hide the failure.
const NAMES = [
  // editors
  "vim", "emacs", "nano", "neovim",
  // web servers and proxies
  "nginx", "apache2", "lighttpd", "haproxy", "squid",
  // databases and caches
  "postgresql", "mariadb-server", "sqlite3", "redis-server", "memcached",
  // command-line tools
  "git", "subversion", "mercurial", "curl", "wget", "rsync", "openssh-server",
  "openssh-client", "tmux", "screen", "htop", "tree", "jq", "zsh", "sudo", "less",
  "unzip", "zstd", "p7zip-full", "lynx", "mutt",
  // compilers, build tools, language runtimes
  "gcc", "clang", "make", "cmake", "gdb", "valgrind", "build-essential", "python3",
  "python3-requests", "python3-numpy", "python3-pip", "nodejs", "npm", "golang",
  "rustc", "cargo", "perl", "ruby", "php", "openjdk-17-jdk", "docker.io",
  // desktop applications
  "libreoffice-writer", "libreoffice-calc", "firefox-esr", "thunderbird", "chromium",
  "gimp", "inkscape", "blender", "vlc", "ffmpeg", "audacity", "krita", "kdenlive",
  "transmission-gtk", "keepassxc", "filezilla", "evince", "gnome-terminal",
  // network and security
  "wireshark", "nmap", "tcpdump", "iptables", "ufw", "fail2ban", "certbot", "openssl",
  "gnupg", "openvpn", "wireguard",
  // system
  "systemd", "grub-pc", "network-manager", "cups", "samba", "nfs-common", "postfix",
  "bind9", "imagemagick", "pandoc", "texlive", "ansible", "gparted", "hplip",
];

// English stop words: never the "second word" a user adds to narrow a search.
const STOP_WORDS = new Set(`a about above after all also an and any are as at be been
  being but by can could do does for from had has have how if in into is it its more
  most no not of off on one only or other our out over own same so some such than that
  the their them then there these they this those through to too under up upon use
  used using very via was we were what when where which while who will with within
  without you your`.split(/\s+/));

// ------------------------------------------------------------ seeded generation

// mulberry32: a small, well-known 32-bit PRNG; deterministic for a seed.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One generator per (seed, name, variant), so that adding a name to the list
// does not change the queries of the others (FNV-1a of the key).
function rngFor(...key) {
  let h = 0x811c9dc5;
  for (const c of `${SEED}\u0000${key.join("\u0000")}`) h = Math.imul(h ^ c.codePointAt(0), 0x01000193);
  return mulberry32(h);
}
const pick = (rng, items) => items[Math.floor(rng() * items.length)];
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

// Words of a name as the tokenizer sees them ("python3-requests" is "python3"
// and "requests"), with where each starts.
function nameWords(name) {
  return [...name.matchAll(/[a-z0-9]+/g)].map((m) => ({ start: m.index, text: m[0] }));
}

// One typo, Meilisearch-style tolerable: Meilisearch forgives one typo in a
// word of 5 characters or more, and a typo on a word's first letter costs 2,
// so the typo goes inside a word of >= 5 characters, on a letter other than
// that word's first (hence never on the name's first letter), and the typed
// word keeps >= 5 characters (a deletion needs a word of 6). It is a
// substitution, deletion, insertion or transposition of adjacent letters
// (Damerau-Levenshtein distance 1), and never another package's exact name.
// Returns null for names without such a word.
function typoOf(name, allNames) {
  const rng = rngFor(name, "typo");
  const spots = [];
  for (const w of nameWords(name)) {
    if (w.text.length < 5) continue;
    for (let i = 1; i < w.text.length; i++) {
      if (/[a-z]/.test(w.text[i])) spots.push({ at: w.start + i, word: w, i });
    }
  }
  if (spots.length === 0) return null;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const { at, word, i } = pick(rng, spots);
    const op = pick(rng, ["substitution", "deletion", "insertion", "transposition"]);
    let typed;
    if (op === "substitution") {
      const c = pick(rng, LETTERS);
      if (c === name[at]) continue;
      typed = name.slice(0, at) + c + name.slice(at + 1);
    } else if (op === "deletion") {
      if (word.text.length < 6) continue;
      typed = name.slice(0, at) + name.slice(at + 1);
    } else if (op === "insertion") {
      typed = name.slice(0, at) + pick(rng, LETTERS) + name.slice(at);
    } else {
      // Swap this letter with the next one of the same word.
      const next = word.text[i + 1];
      if (next === undefined || !/[a-z]/.test(next) || next === name[at]) continue;
      typed = name.slice(0, at) + next + name[at] + name.slice(at + 2);
    }
    if (typed !== name && !allNames.has(typed)) return typed;
  }
  throw new Error(`no typo found for ${name}`);
}

// A prefix of a seeded length in [max(3, ceil(60%)), len - 1]. Cuts that end
// on a separator ("python3-") are skipped: the query would then end after a
// whole word, which is no longer a prefix search. Null when no length fits.
function prefixOf(name) {
  const rng = rngFor(name, "prefix");
  const lengths = [];
  for (let n = Math.max(3, Math.ceil(name.length * 0.6)); n <= name.length - 1; n++) {
    if (/[a-z0-9]/.test(name[n - 1])) lengths.push(n);
  }
  return lengths.length === 0 ? null : name.slice(0, pick(rng, lengths));
}

// The name and one word of its own summary: lowercase, letters only, >= 3
// letters, not a stop word, not already in the name. Null when none is left.
function withSummaryWord(name, summary) {
  const rng = rngFor(name, "summary");
  const words = [...new Set((summary.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => /^\p{L}{3,}$/u.test(w) && !STOP_WORDS.has(w) && !name.includes(w)))];
  return words.length === 0 ? null : `${name} ${pick(rng, words)}`;
}

// ------------------------------------------------------------ the corpus

let server;
let index;
let tmp;
let byPackage; // package name -> document

before(async () => {
  // Decompressed into a temporary directory, never beside the data set.
  tmp = mkdtempSync(join(tmpdir(), "myriad-relevance-"));
  const ndjson = join(tmp, "debian-packages.ndjson");
  execFileSync("zstd", ["-q", "-d", `${datasets}/debian-packages.ndjson.zst`, "-o", ndjson]);
  const lines = readFileSync(ndjson, "utf8").split("\n").filter((l) => l.length > 0);
  assert.equal(lines.length, 63_666);
  byPackage = new Map(lines.map((l) => JSON.parse(l)).map((d) => [d.package, d]));
  for (const name of NAMES) assert.ok(byPackage.has(name), `${name} is not a package of the corpus`);

  server = await startServer();
  index = server.client.index("debian");
  // Generous bounds: under ASan one 8,000-document task takes a while; the
  // client polls the task until it ends.
  const wait = { timeout: 600_000, interval: 50 };
  const settings = await index.updateSettings({
    searchableAttributes: ["package", "summary", "description"],
  }).waitTask(wait);
  assert.equal(settings.status, "succeeded", JSON.stringify(settings.error));
  // Posted one after the other (the order of the documents is the order of
  // the data set, so ties rank the same in every run), then each awaited.
  const enqueued = [];
  for (let p = 0; p < PAYLOADS; p++) {
    const chunk = lines.slice(p * PER_PAYLOAD, (p + 1) * PER_PAYLOAD).join("\n");
    const task = index.addDocumentsFromString(chunk, "application/x-ndjson", { primaryKey: "id" });
    await task;
    enqueued.push(task);
  }
  for (const task of enqueued) {
    const done = await task.waitTask(wait);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
  }
  assert.equal((await index.getStats()).numberOfDocuments, 63_666);
});

after(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const topPackages = async (q) =>
  (await index.search(q, { limit: TOP, attributesToRetrieve: ["package"] })).hits.map((h) => h.package);

// A plain-text table: one row per failure, columns padded.
function table(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join(" | ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

// ------------------------------------------------------------ the tests

// Meilisearch's exactness rule puts first the document whose attribute is the
// query (and then the one whose attribute starts with it): the issue's four
// examples, each typed as a user would.
test("the issue's four examples: the typed package is the first hit", async (t) => {
  const examples = [
    ["vim", "vim"], ["postgresql", "postgresql"],
    ["python3 requests", "python3-requests"], ["libreoffice writer", "libreoffice-writer"],
  ];
  const failures = [];
  for (const [q, expected] of examples) {
    const top = await topPackages(q);
    if (top[0] !== expected) failures.push([q, expected, top.join(", ")]);
  }
  t.diagnostic(`${examples.length - failures.length}/${examples.length} examples rank their package first`);
  if (failures.length) {
    assert.fail(`the typed package is not the first hit:\n${table(["query", "expected", `top ${TOP} returned`], failures)}`);
  }
});

// The issue's figure: at least 50 names whose package is in the top 3 however
// it is typed (every variant generated for the name). Names that miss in some
// form are listed with the queries they miss, so a run shows what is left.
const MIN_NAMES = 50;

test(`at least ${MIN_NAMES} of ${NAMES.length} well-known packages, exact / one typo / prefix / + a summary word: the package is in the top ${TOP}`, async (t) => {
  const allNames = new Set(byPackage.keys());
  const VARIANTS = ["exact", "typo", "prefix", "summary word"];
  const cases = [];
  for (const name of NAMES) {
    const queries = [name, typoOf(name, allNames), prefixOf(name),
                     withSummaryWord(name, byPackage.get(name).summary)];
    queries.forEach((q, v) => { if (q !== null) cases.push({ variant: VARIANTS[v], name, q }); });
  }

  const stats = new Map(VARIANTS.map((v) => [v, { pass: 0, total: 0 }]));
  const failures = [];
  const missed = new Set();
  for (const { variant, name, q } of cases) {
    const top = await topPackages(q);
    const s = stats.get(variant);
    s.total++;
    if (top.includes(name)) {
      s.pass++;
    } else {
      failures.push([variant, q, name, top.join(", ")]);
      missed.add(name);
    }
  }

  // Printed whether the test passes or not: the figures are the point.
  const summary = [`seed ${SEED} (RELEVANCE_SEED overrides)`];
  for (const [v, { pass, total }] of stats) {
    summary.push(`${v.padEnd(12)} ${String(pass).padStart(3)}/${String(total).padEnd(3)} ` +
                 `${(100 * pass / total).toFixed(1)}% in the top ${TOP}`);
  }
  const passed = cases.length - failures.length;
  summary.push(`${"all".padEnd(12)} ${String(passed).padStart(3)}/${String(cases.length).padEnd(3)} ` +
               `${(100 * passed / cases.length).toFixed(1)}%`);
  const names = NAMES.length - missed.size;
  summary.push(`names found in every form: ${names}/${NAMES.length} (at least ${MIN_NAMES} required)`);
  for (const line of summary) t.diagnostic(line);
  const report = `${failures.length} of ${cases.length} queries miss their package in the top ${TOP} ` +
                 `(seed ${SEED}):\n${table(["variant", "query", "package", `top ${TOP} returned`], failures)}`;
  if (failures.length) t.diagnostic(report);
  if (names < MIN_NAMES) {
    assert.fail(`only ${names} of ${NAMES.length} packages are in the top ${TOP} in every form; ${report}`);
  }
});
