#include "cli/serve_options.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <charconv>

#include "util/byte_size.h"

namespace myriad::cli {
namespace {

bool IsHostName(std::string_view host) {
  return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

}  // namespace

Result<HttpAddr> ParseHttpAddr(const std::string& text) {
  HttpAddr addr;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Status::InvalidArgument("expected [ipv6]:port");
    }
    addr.host = text.substr(1, close - 1);
    port_text = std::string_view(text).substr(close + 2);
    boost::system::error_code ec;
    boost::asio::ip::make_address_v6(addr.host, ec);
    if (ec) {
      return Status::InvalidArgument("'" + addr.host + "' is not an IPv6 address");
    }
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos) return Status::InvalidArgument("expected host:port");
    addr.host = text.substr(0, colon);
    port_text = std::string_view(text).substr(colon + 1);
    if (addr.host.find(':') != std::string::npos) {
      return Status::InvalidArgument("an IPv6 address must be in brackets: [ipv6]:port");
    }
    if (!IsHostName(addr.host)) {
      return Status::InvalidArgument("'" + addr.host + "' is not a host name or IPv4 address");
    }
  }
  unsigned port = 0;
  const char* end = port_text.data() + port_text.size();
  auto [ptr, ec] = std::from_chars(port_text.data(), end, port);
  if (port_text.empty() || ec != std::errc() || ptr != end || port > 65535) {
    return Status::InvalidArgument("'" + std::string(port_text) + "' is not a port (0-65535)");
  }
  addr.port = static_cast<uint16_t>(port);
  return addr;
}

Status ResolveServeOptions(ServeOptions* options) {
  Result<HttpAddr> addr = ParseHttpAddr(options->http_addr);
  if (!addr.ok()) {
    return Status::InvalidArgument("invalid --http-addr '" + options->http_addr +
                                   "': " + addr.status().message());
  }
  options->addr = *addr;
  Result<uint64_t> limit = ParseByteSize(options->payload_limit_text);
  if (!limit.ok() || *limit == 0) {
    return Status::InvalidArgument(
        "invalid --http-payload-size-limit '" + options->payload_limit_text +
        "': " + (limit.ok() ? std::string("must be positive") : limit.status().message()));
  }
  options->payload_limit_bytes = *limit;
  std::string level = options->log_level;
  std::transform(level.begin(), level.end(), level.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (level != "error" && level != "warn" && level != "info" && level != "debug" &&
      level != "trace") {
    return Status::InvalidArgument("invalid --log-level '" + options->log_level +
                                   "': expected error, warn, info, debug or trace");
  }
  options->log_level = level;
  if (options->db_path.empty()) return Status::InvalidArgument("--db-path must not be empty");
  if (options->env != "development" && options->env != "production") {
    return Status::InvalidArgument("invalid --env '" + options->env +
                                   "': expected development or production");
  }
  if (options->env == "production" && options->master_key.size() < kMinMasterKeyBytes) {
    return Status::InvalidArgument(
        std::string(options->master_key.empty() ? "no master key is set"
                                                : "the master key is shorter than 16 bytes") +
        ": in production (--env production) Myriad requires --master-key (or MYRIAD_MASTER_KEY "
        "/ MEILI_MASTER_KEY) of at least 16 bytes, so that no route is open to anyone");
  }
  if (!options->import_dump.empty() && !options->import_snapshot.empty()) {
    return Status::InvalidArgument(
        "--import-dump and --import-snapshot cannot be used together: pick one");
  }
  const std::string& schedule = options->schedule_snapshot_text;
  options->schedule_snapshot_seconds = 0;
  if (schedule == "true") {
    options->schedule_snapshot_seconds = 86400;
  } else if (!schedule.empty() && schedule != "false") {
    uint64_t seconds = 0;
    const char* end = schedule.data() + schedule.size();
    auto [ptr, ec] = std::from_chars(schedule.data(), end, seconds);
    if (ec != std::errc() || ptr != end || seconds == 0) {
      return Status::InvalidArgument("invalid --schedule-snapshot '" + schedule +
                                     "': expected a number of seconds above 0, true or false");
    }
    options->schedule_snapshot_seconds = seconds;
  }
  return Status::Ok();
}

}  // namespace myriad::cli
