#include "cli/serve_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "util/byte_size.h"

namespace myriad::cli {
namespace {

// Fills `*value` from MEILI_<name> when MYRIAD_<name> is unset; CLI11 then
// overrides it from the flag or MYRIAD_<name>.
void ApplyMeiliAlias(const std::string& name, std::string* value) {
  if (std::getenv(("MYRIAD_" + name).c_str()) != nullptr) return;
  if (const char* alias = std::getenv(("MEILI_" + name).c_str())) *value = alias;
}

void AddFlag(CLI::App& app, const std::string& flag, const std::string& env_suffix,
             std::string* value, const std::string& help, const std::string& type) {
  ApplyMeiliAlias(env_suffix, value);
  app.add_option(flag, *value, help + "; env alias MEILI_" + env_suffix)
      ->envname("MYRIAD_" + env_suffix)
      ->type_name(type);
}

bool IsHostName(std::string_view host) {
  return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

}  // namespace

void AddServeOptions(CLI::App& app, ServeOptions* options) {
  AddFlag(app, "--db-path", "DB_PATH", &options->db_path,
          "Directory of the database (default ./data.ms)", "DIR");
  AddFlag(app, "--http-addr", "HTTP_ADDR", &options->http_addr,
          "Address to listen on: host:port, [ipv6]:port (default localhost:7700)", "HOST:PORT");
  AddFlag(app, "--http-payload-size-limit", "HTTP_PAYLOAD_SIZE_LIMIT", &options->payload_limit_text,
          "Largest accepted request body; larger ones get 413 payload_too_large (default 100MB)",
          "SIZE");
  AddFlag(app, "--log-level", "LOG_LEVEL", &options->log_level,
          "error, warn, info, debug or trace (default info)", "LEVEL");
  AddFlag(app, "--master-key", "MASTER_KEY", &options->master_key,
          "Master key: when set, every route but /health needs an API key (or this key) as "
          "`Authorization: Bearer`; at least 16 bytes in production",
          "KEY");
  AddFlag(app, "--env", "ENV", &options->env,
          "development (default) or production; production refuses to start without a master "
          "key of at least 16 bytes",
          "ENV");
}

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
  return Status::Ok();
}

}  // namespace myriad::cli
