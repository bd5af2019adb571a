#include "engine/search/facet/facet_distribution.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "engine/indexing/facet/facet_keys.h"
#include "engine/indexing/facet/facet_value.h"
#include "engine/search/facet/facet_reader.h"
#include "storage/bitmap_codec.h"

namespace myriad::facet {
namespace {

// milli switches from per-document counting to the facet levels past this.
constexpr uint64_t kCandidatesThreshold = 3000;

struct Counted {
  std::string key;  // the rest of the db key: sorts as the db does
  uint64_t count;
};

// Every value of `fid` in `db` with a non-zero count among candidates.
Result<std::vector<Counted>> CountValues(const storage::Txn& txn, storage::Database db,
                                         uint16_t fid, const Roaring& candidates) {
  std::vector<Counted> out;
  MYRIAD_RETURN_IF_ERROR(
      ScanField(txn, db, fid, std::nullopt, std::nullopt, /*reverse=*/false,
                [&](std::string_view rest, std::string_view value) -> Result<bool> {
                  MYRIAD_ASSIGN_OR_RETURN(Roaring bitmap, storage::DecodeBitmap(value));
                  const uint64_t count = bitmap.and_cardinality(candidates);
                  if (count != 0) out.push_back({std::string(rest), count});
                  return true;
                }));
  return out;
}

void SortByCount(std::vector<Counted>& values) {
  std::stable_sort(values.begin(), values.end(), [](const Counted& a, const Counted& b) {
    return a.count != b.count ? a.count > b.count : a.key > b.key;
  });
}

std::string NumberText(std::string_view rest) {
  std::string_view in = rest;
  const std::optional<uint64_t> bits = storage::ConsumeU64BE(in);
  return FormatNumber(bits ? DecodeOrderedDouble(*bits) : 0);
}

// An IndexMap<String, u64> with milli's insert: a known key keeps its place.
class Distribution {
 public:
  explicit Distribution(std::size_t max_values) : max_values_(max_values) {}
  bool full() const { return entries_.size() >= max_values_; }
  void Insert(std::string value, uint64_t count) {
    auto [it, inserted] = index_.try_emplace(value, entries_.size());
    if (!inserted) {
      entries_[it->second].count = count;
      return;
    }
    entries_.push_back({std::move(value), count});
  }
  std::vector<FacetCount> Take() && { return std::move(entries_); }

 private:
  std::size_t max_values_;
  std::vector<FacetCount> entries_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace

Result<std::vector<FacetCount>> FacetDistribution(const storage::Txn& txn, const FacetDbs& dbs,
                                                  uint16_t fid, const Roaring& candidates,
                                                  std::size_t max_values, bool sort_by_count) {
  Distribution out(max_values);
  if (max_values == 0 || candidates.isEmpty()) return std::move(out).Take();

  MYRIAD_ASSIGN_OR_RETURN(std::vector<Counted> numbers,
                          CountValues(txn, dbs.numbers, fid, candidates));
  std::vector<std::pair<std::string, uint64_t>> shown;
  shown.reserve(numbers.size());
  if (sort_by_count) SortByCount(numbers);
  for (const Counted& n : numbers) shown.emplace_back(NumberText(n.key), n.count);
  if (!sort_by_count && candidates.cardinality() <= kCandidatesThreshold) {
    // milli's per-document path keys numbers by their text in a BTreeMap.
    std::stable_sort(shown.begin(), shown.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  for (auto& [text, count] : shown) {
    if (out.full()) break;
    out.Insert(std::move(text), count);
  }

  MYRIAD_ASSIGN_OR_RETURN(std::vector<Counted> strings,
                          CountValues(txn, dbs.strings, fid, candidates));
  if (sort_by_count) SortByCount(strings);
  for (const Counted& s : strings) {
    if (out.full()) break;
    const std::string key = FieldKey(fid, s.key);
    MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> original, txn.Get(dbs.originals, key));
    out.Insert(original ? std::string(*original) : s.key, s.count);
  }
  return std::move(out).Take();
}

Result<std::optional<FacetMinMax>> FacetStats(const storage::Txn& txn, const FacetDbs& dbs,
                                              uint16_t fid, const Roaring& candidates) {
  // The first (then last) number key holding a candidate.
  std::optional<double> found;
  const FacetEntryVisitor first_hit = [&](std::string_view rest,
                                          std::string_view value) -> Result<bool> {
    MYRIAD_ASSIGN_OR_RETURN(Roaring bitmap, storage::DecodeBitmap(value));
    if (!bitmap.intersect(candidates)) return true;
    std::string_view in = rest;
    const std::optional<uint64_t> bits = storage::ConsumeU64BE(in);
    if (!bits) return Status::Corruption("facet number key too short");
    found = DecodeOrderedDouble(*bits);
    return false;
  };
  if (candidates.isEmpty()) return std::optional<FacetMinMax>();
  MYRIAD_RETURN_IF_ERROR(
      ScanField(txn, dbs.numbers, fid, std::nullopt, std::nullopt, /*reverse=*/false, first_hit));
  if (!found) return std::optional<FacetMinMax>();
  FacetMinMax stats{*found, *found};
  found.reset();
  MYRIAD_RETURN_IF_ERROR(
      ScanField(txn, dbs.numbers, fid, std::nullopt, std::nullopt, /*reverse=*/true, first_hit));
  if (found) stats.max = *found;
  return std::optional<FacetMinMax>(stats);
}

}  // namespace myriad::facet
