#include "engine/index.h"

#include "engine/documents/document_dbs.h"
#include "engine/indexing/facet/facet_keys.h"
#include "engine/indexing/index_dbs.h"
#include "engine/indexing/text/normalize.h"
#include "engine/schema/apply_settings.h"
#include "engine/schema/reindex_reason.h"
#include "engine/schema/settings_json.h"
#include "engine/search/document_filter.h"
#include "engine/search/sort_criteria.h"
#include "engine/search/typo/lmdb_word_dictionary.h"

namespace myriad::engine {

SearchConfig ConfigFor(const settings::IndexSettings& s) {
  SearchConfig config;
  if (s.searchable_attributes) config.searchable = *s.searchable_attributes;
  config.facet_attributes = s.FilterableNames();
  config.facet_attributes.insert(config.facet_attributes.end(), s.sortable_attributes.begin(),
                                 s.sortable_attributes.end());
  for (const settings::RankingRule& rule : s.ranking_rules) {
    if (!rule.field.empty()) config.facet_attributes.push_back(rule.field);
  }
  if (s.distinct_attribute) config.facet_attributes.push_back(*s.distinct_attribute);
  for (const std::string& word : s.stop_words) config.stop_words.insert(text::NormalizeWord(word));
  config.tokenizer.separator_tokens.assign(s.separator_tokens.begin(), s.separator_tokens.end());
  config.tokenizer.non_separator_tokens.assign(s.non_separator_tokens.begin(),
                                               s.non_separator_tokens.end());
  config.tokenizer.dictionary.assign(s.dictionary.begin(), s.dictionary.end());
  return config;
}

Result<Index> Index::Open(const OpenDatabaseFn& open_db) {
  MYRIAD_ASSIGN_OR_RETURN(DocumentStore store, DocumentStore::Open(open_db));
  MYRIAD_ASSIGN_OR_RETURN(SearchDbs dbs, SearchDbs::Open(open_db));
  return Index(std::move(store), dbs);
}

std::vector<std::string> Index::DatabaseNames() {
  std::vector<std::string> names;
  for (std::string_view name :
       {dbs::kDocuments, dbs::kExternalIds, dbs::kMain, sdbs::kWordDocids, sdbs::kWordIds,
        sdbs::kDocWords, sdbs::kWordFieldDocids, sdbs::kWordPositionDocids,
        sdbs::kFieldWordCountDocids, sdbs::kWordPairDocids, sdbs::kPrefixFieldDocids,
        sdbs::kPrefixPositionDocids, facet::kFacetStrings, facet::kFacetOriginals,
        facet::kFacetNumbers, facet::kFacetFlags}) {
    names.emplace_back(name);
  }
  return names;
}

Result<settings::IndexSettings> Index::LoadSettings(const storage::Txn& txn) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                          txn.Get(dbs_.main, sdbs::kMainSettings));
  if (!text) return settings::IndexSettings();
  return settings::Deserialize(*text);
}

template <typename Fn>
auto Index::Observed(storage::WriteTxn& txn, Fn&& write) const -> decltype(write(nullptr)) {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, LoadSettings(txn));
  MYRIAD_RETURN_IF_ERROR(UpgradeIfOutdated(txn, settings));
  const SearchConfig config = ConfigFor(settings);
  const text::Tokenizer tokenizer(config.tokenizer);
  MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<SearchIndexWriter> writer,
                          SearchIndexWriter::Begin(txn, dbs_, config, tokenizer));
  auto result = write(writer.get());
  if (!result.ok()) return result;
  if (Status st = writer->Finish(txn); !st.ok()) return st;
  return result;
}

Result<AddDocumentsOutcome> Index::AddDocuments(storage::WriteTxn& txn,
                                                std::vector<boost::json::object> documents,
                                                std::optional<std::string> primary_key,
                                                AddMode mode) const {
  MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<DocumentBatch> batch, BeginDocumentBatch(txn));
  auto outcome = batch->AddDocuments(std::move(documents), std::move(primary_key), mode);
  if (!outcome.ok()) return outcome;
  if (Status st = batch->Finish(); !st.ok()) return st;
  return outcome;
}

Result<uint64_t> Index::DeleteDocuments(storage::WriteTxn& txn,
                                        const std::vector<std::string>& external_ids) const {
  MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<DocumentBatch> batch, BeginDocumentBatch(txn));
  MYRIAD_ASSIGN_OR_RETURN(uint64_t deleted, batch->DeleteDocuments(external_ids));
  MYRIAD_RETURN_IF_ERROR(batch->Finish());
  return deleted;
}

Result<std::unique_ptr<DocumentBatch>> Index::BeginDocumentBatch(storage::WriteTxn& txn) const {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, LoadSettings(txn));
  MYRIAD_RETURN_IF_ERROR(UpgradeIfOutdated(txn, settings));
  std::unique_ptr<DocumentBatch> batch(new DocumentBatch(*this, txn, ConfigFor(settings)));
  MYRIAD_ASSIGN_OR_RETURN(batch->writer_,
                          SearchIndexWriter::Begin(txn, dbs_, batch->config_, batch->tokenizer_));
  return batch;
}

Result<AddDocumentsOutcome> DocumentBatch::AddDocuments(std::vector<boost::json::object> documents,
                                                        std::optional<std::string> primary_key,
                                                        AddMode mode) {
  return index_.store_.AddDocuments(txn_, std::move(documents), std::move(primary_key), mode,
                                    writer_.get());
}

Result<uint64_t> DocumentBatch::DeleteDocuments(const std::vector<std::string>& external_ids) {
  return index_.store_.DeleteDocuments(txn_, external_ids, writer_.get());
}

Status DocumentBatch::Finish() { return writer_->Finish(txn_); }

Result<uint64_t> Index::Clear(storage::WriteTxn& txn) const {
  return Observed(txn, [&](DocumentObserver* observer) { return store_.Clear(txn, observer); });
}

Result<uint64_t> Index::DeleteByFilter(storage::WriteTxn& txn, std::string_view uid,
                                       const boost::json::value& filter) const {
  // An empty filter selects every document: never a deletion's meaning.
  if (filter.is_null() ||
      (filter.is_string() &&
       filter.get_string().find_first_not_of(" \t\r\n") == boost::json::string::npos) ||
      (filter.is_array() && filter.get_array().empty())) {
    return Status::RequestError("invalid_document_filter", "Sending an empty filter is forbidden.");
  }
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, LoadSettings(txn));
  MYRIAD_ASSIGN_OR_RETURN(Roaring selected, FilterDocuments(txn, dbs_, settings, uid, filter,
                                                            "invalid_document_filter"));
  std::vector<uint32_t> ids;
  ids.reserve(selected.cardinality());
  for (uint32_t id : selected) ids.push_back(id);
  auto deleted = Observed(txn, [&](DocumentObserver* observer) {
    return store_.DeleteByInternalIds(txn, ids, observer);
  });
  if (!deleted.ok()) return deleted.status();
  return *deleted;
}

Result<std::vector<uint32_t>> Index::BrowseIds(const storage::Txn& txn, std::string_view uid,
                                               const boost::json::value& filter,
                                               const std::vector<std::string>& sort) const {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, LoadSettings(txn));
  MYRIAD_ASSIGN_OR_RETURN(std::vector<SortField> fields,
                          ParseSort(settings, sort, "invalid_document_sort"));
  MYRIAD_ASSIGN_OR_RETURN(Roaring selected, FilterDocuments(txn, dbs_, settings, uid, filter,
                                                            "invalid_document_filter"));
  auto ids = SortIds(txn, dbs_, fields, selected);
  if (!ids.ok()) return ids.status();
  return *std::move(ids);
}

Status Index::Reindex(storage::WriteTxn& txn) const {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, LoadSettings(txn));
  return Reindex(txn, settings);
}

Status Index::Reindex(storage::WriteTxn& txn, const settings::IndexSettings& settings) const {
  const SearchConfig config = ConfigFor(settings);
  const text::Tokenizer tokenizer(config.tokenizer);
  // Word ids restart from 0: cleared before the writer reads the counter.
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_ids));
  if (Status st = txn.Delete(dbs_.main, sdbs::kMainNextWordId);
      !st.ok() && st.code() != StatusCode::kNotFound) {
    return st;
  }
  MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<SearchIndexWriter> writer,
                          SearchIndexWriter::Begin(txn, dbs_, config, tokenizer));
  MYRIAD_RETURN_IF_ERROR(writer->OnClear(txn));
  MYRIAD_RETURN_IF_ERROR(store_.ForEach(txn, [&](uint32_t id, const boost::json::object& doc) {
    return writer->OnPut(txn, id, nullptr, doc);
  }));
  return writer->Finish(txn);
}

Status Index::UpgradeIfOutdated(storage::WriteTxn& txn,
                                const settings::IndexSettings& settings) const {
  MYRIAD_ASSIGN_OR_RETURN(uint32_t version, ReadSearchVersion(txn, dbs_));
  return version < sdbs::kSearchVersion ? Reindex(txn, settings) : Status::Ok();
}

Status Index::UpdateSettings(storage::WriteTxn& txn, const settings::SettingsPatch& patch) const {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings before, LoadSettings(txn));
  auto applied = settings::Apply(before, patch);
  if (const settings::SettingsError* e = std::get_if<settings::SettingsError>(&applied)) {
    return Status::RequestError(e->code, e->message);
  }
  const settings::IndexSettings& after = std::get<settings::IndexSettings>(applied);
  MYRIAD_RETURN_IF_ERROR(txn.Put(dbs_.main, sdbs::kMainSettings, settings::Serialize(after)));
  if (settings::WhatChanged(before, after).any()) return Reindex(txn, after);
  return UpgradeIfOutdated(txn, after);
}

Result<std::string> Index::Search(const storage::Txn& txn, std::string_view uid,
                                  const SearchRequest& request,
                                  std::optional<WordListSource> words) const {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, LoadSettings(txn));
  const SearchConfig config = ConfigFor(settings);
  const text::Tokenizer tokenizer(config.tokenizer);
  std::shared_ptr<const typo::WordList> list;
  if (words) {
    MYRIAD_ASSIGN_OR_RETURN(
        list, words->cache.Get(words->index, txn.SnapshotId(), [&]() -> Result<typo::WordList> {
          MYRIAD_ASSIGN_OR_RETURN(auto dictionary,
                                  typo::LmdbWordDictionary::Open(txn, dbs_.word_docids));
          return typo::WordList::Read(*dictionary);
        }));
  }
  return engine::Search(txn, IndexView{uid, store_, dbs_, settings, config, tokenizer, list.get()},
                        request);
}

}  // namespace myriad::engine
