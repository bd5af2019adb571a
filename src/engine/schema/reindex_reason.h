// Which search structures of an index a settings change invalidates, so the
// engine rebuilds only what it must (and nothing for display-only or
// query-time settings such as displayedAttributes, rankingRules built-ins,
// synonyms, disableOnWords, pagination or searchCutoffMs).
//
// Thread safety: pure function over values.
#pragma once

#include "engine/schema/index_settings.h"

namespace myriad::settings {

struct ReindexReason {
  // Word postings: which fields are tokenized and how.
  bool searchable_fields = false;    // searchableAttributes
  bool tokenization = false;         // stopWords, (non)separatorTokens, dictionary, locales
  bool proximity_precision = false;  // word-pair proximity postings
  bool exact_attributes = false;     // typoTolerance.disableOnAttributes
  bool prefix_search = false;        // prefix postings built or dropped
  // Facet databases: which fields are faceted.
  bool filterable_fields = false;  // filterableAttributes
  bool sortable_fields = false;    // sortableAttributes and custom `field:asc|desc` rules
  bool distinct_field = false;     // distinctAttribute is faceted too
  bool facet_search = false;       // facet-value search structures
  bool embedders = false;          // vectors (not computed by this engine)

  bool words() const {
    return searchable_fields || tokenization || proximity_precision || exact_attributes ||
           prefix_search;
  }
  bool facets() const {
    return filterable_fields || sortable_fields || distinct_field || facet_search;
  }
  bool any() const { return words() || facets() || embedders; }
};

ReindexReason WhatChanged(const IndexSettings& before, const IndexSettings& after);

}  // namespace myriad::settings
