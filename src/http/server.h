// Server: Meilisearch's HTTP/1.1 front door, on Boost.Beast and one
// asio::io_context run by a pool of worker threads.
//
// Each request is parsed, handed to the Router as a plain Request, and the
// Response written back; connections are kept alive unless the client asks to
// close. Protocol errors are answered here, before any route:
//  - a body over payload_limit_bytes: 413 payload_too_large (error JSON);
//  - headers over max_header_bytes: 431, empty body;
//  - anything else that does not parse as HTTP/1.1: 400 bad_request (error JSON).
// After each of these the connection is closed cleanly: the response is sent,
// the send side shut down, and what the client still sends is read and dropped
// until it closes, so its kernel does not discard the response on a reset.
//
// Thread safety: Start, port, address and Stop may be called from any thread,
// but not from inside a route handler (Stop joins the workers).
// Ownership: borrows the Router, which must outlive the Server.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/router.h"
#include "util/result.h"

namespace myriad::http {

// std::thread::hardware_concurrency(), at least 2.
unsigned DefaultWorkerThreads();

struct ServerOptions {
  // An IPv4 or IPv6 literal, or a host name (the first IPv4 address it
  // resolves to is used, else the first address).
  std::string address = "127.0.0.1";
  uint16_t port = 7700;  // 0: the kernel picks a free port; see Server::port()
  unsigned worker_threads = DefaultWorkerThreads();  // raised to at least 1
  uint64_t payload_limit_bytes = 100'000'000;        // Meilisearch's "100 MB"
  uint32_t max_header_bytes = 8 * 1024;
  // How long a connection may take to send one request, idle time before it
  // included.
  std::chrono::seconds read_timeout{120};
};

class Server {
 public:
  // Binds, listens and starts the workers. kInvalidArgument when the address
  // does not resolve, kIoError when it cannot be bound (e.g. the port is in use).
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options, const Router& router);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port listened on (the chosen one when options.port was 0).
  uint16_t port() const;
  // "127.0.0.1:7700", "[::1]:7700": where the server listens.
  std::string address() const;

  // Stops accepting, lets requests being handled finish and answer, closes
  // every connection, and joins the workers. Idempotent.
  void Stop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace myriad::http
