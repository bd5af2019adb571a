// The reference for kill_loop.test.mjs: the writes the test sends, replayed in
// task uid order on an in-memory model of what Meilisearch would hold. It knows
// only what the kill loop sends: indexes with primary key `id`, documents of
// small flat objects, deletions by id, by filter (`tag` / `n`) and of all
// documents, and four settings.

export const DEFAULT_RANKING_RULES =
  ["words", "typo", "proximity", "attributeRank", "sort", "wordPosition", "exactness"];

function freshIndex() {
  return {
    docs: new Map(), // id (number) -> document
    settings: {
      filterableAttributes: [],
      searchableAttributes: ["*"],
      stopWords: [],
      rankingRules: [...DEFAULT_RANKING_RULES],
    },
  };
}

// The attributes a filter string of the kill loop names (`tag = red`, `n < 30 OR ...`).
function filterAttributes(filter) {
  return [...filter.matchAll(/\b(tag|n)\s*(=|<|>=)/g)].map((m) => m[1]);
}

function matches(doc, filter) {
  // Disjunctions of `tag = X` and `n < K` / `n >= K`, as the kill loop writes them.
  return filter.split(" OR ").some((term) => {
    let m;
    if ((m = term.match(/^tag = (\w+)$/))) return doc.tag === m[1];
    if ((m = term.match(/^n < (\d+)$/))) return typeof doc.n === "number" && doc.n < Number(m[1]);
    if ((m = term.match(/^n >= (\d+)$/))) return typeof doc.n === "number" && doc.n >= Number(m[1]);
    throw new Error(`the model does not know the filter term ${term}`);
  });
}

function validId(id) {
  return Number.isInteger(id) && id >= 0;
}

// Applies `request` (what the test sent) to `state` (uid -> index); returns the
// task outcome Meilisearch would give: { status, code? }.
export function apply(state, request) {
  const ok = { status: "succeeded" };
  const fail = (code) => ({ status: "failed", code });
  const uid = request.index;
  const index = state.get(uid);
  switch (request.op) {
    case "createIndex":
      if (index) return fail("index_already_exists");
      state.set(uid, freshIndex());
      return ok;
    case "deleteIndex":
      if (!index) return fail("index_not_found");
      state.delete(uid);
      return ok;
    case "renameIndex":
      if (!index) return fail("index_not_found");
      if (state.has(request.to)) return fail("index_already_exists");
      state.delete(uid);
      state.set(request.to, index);
      return ok;
    case "addDocuments":
    case "updateDocuments": {
      // The whole payload is refused when one id is invalid.
      if (!request.docs.every((d) => validId(d.id))) return fail("invalid_document_id");
      const target = index ?? freshIndex();
      if (!index) state.set(uid, target);
      for (const doc of request.docs) {
        const before = target.docs.get(doc.id);
        const merged = request.op === "updateDocuments" && before ? { ...before, ...doc } : { ...doc };
        target.docs.set(doc.id, merged);
      }
      return ok;
    }
    case "deleteIds":
      if (!index) return fail("index_not_found");
      for (const id of request.ids) index.docs.delete(id);
      return ok;
    case "deleteByFilter": {
      if (!index) return fail("index_not_found");
      const filterable = new Set(index.settings.filterableAttributes);
      if (!filterAttributes(request.filter).every((a) => filterable.has(a))) {
        return fail("invalid_document_filter");
      }
      for (const [id, doc] of index.docs) if (matches(doc, request.filter)) index.docs.delete(id);
      return ok;
    }
    case "deleteAll":
      if (!index) return fail("index_not_found");
      index.docs.clear();
      return ok;
    case "settings": {
      const target = index ?? freshIndex();
      if (!index) state.set(uid, target);
      Object.assign(target.settings, structuredClone(request.settings));
      return ok;
    }
    default:
      throw new Error(`the model does not know ${request.op}`);
  }
}

// The task type the server reports for a request.
export function taskType(op) {
  return {
    createIndex: "indexCreation",
    deleteIndex: "indexDeletion",
    renameIndex: "indexUpdate",
    addDocuments: "documentAdditionOrUpdate",
    updateDocuments: "documentAdditionOrUpdate",
    deleteIds: "documentDeletion",
    deleteByFilter: "documentDeletion",
    deleteAll: "documentDeletion",
    settings: "settingsUpdate",
  }[op];
}
