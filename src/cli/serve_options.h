// The flags of `myriad serve` (declared in command_line.cc) and their parsing.
//
// Thread safety: plain data, filled once on the main thread.
#pragma once

#include <cstdint>
#include <string>

#include "util/result.h"

namespace myriad::cli {

// As Meilisearch's MASTER_KEY_MIN_SIZE.
inline constexpr size_t kMinMasterKeyBytes = 16;

struct HttpAddr {
  std::string host;  // an IPv4/IPv6 literal (no brackets) or a host name
  uint16_t port = 0;
};

struct ServeOptions {
  // As typed (or from the environment).
  std::string db_path = "./data.ms";
  std::string http_addr = "localhost:7700";
  std::string payload_limit_text = "100MB";
  std::string log_level = "info";
  std::string master_key;           // empty: none (every route but /keys open)
  std::string env = "development";  // or "production": a master key is then required
  std::string dump_dir = "dumps/";
  std::string import_dump;  // empty: none
  bool ignore_missing_dump = false;
  bool ignore_dump_if_db_exists = false;
  std::string snapshot_dir = "snapshots/";
  // As Meilisearch reads it: empty or "false": off; "true" (the flag alone):
  // daily; else seconds between snapshots.
  std::string schedule_snapshot_text;
  std::string import_snapshot;  // empty: none
  bool ignore_missing_snapshot = false;
  bool ignore_snapshot_if_db_exists = false;

  // Parsed by ResolveServeOptions.
  HttpAddr addr;
  uint64_t payload_limit_bytes = 0;
  uint64_t schedule_snapshot_seconds = 0;  // 0: no scheduled snapshots
};

// Parses the texts; InvalidArgument names the flag and the bad value. In
// production a master key of at least kMinMasterKeyBytes is required.
Status ResolveServeOptions(ServeOptions* options);

// "host:port", "[v6]:port". The port is required, 0..65535.
Result<HttpAddr> ParseHttpAddr(const std::string& text);

}  // namespace myriad::cli
