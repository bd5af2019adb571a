// A tiny synchronous HTTP/1.1 client over a real socket, for tests of the
// server and of the `myriad serve` binary. Beast stays in test_http_client.cc,
// compiled once rather than in every test file that includes this.
//
// Thread safety: one TestConnection per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace myriad::http::testing {

struct TestResponse {
  int status = 0;
  std::string body;
  std::string content_type;  // empty when absent
  bool keep_alive = false;
};

// One connection to 127.0.0.1:<port>; requests go one after another on it.
class TestConnection {
 public:
  // Check connected() afterwards: a refused connection is not an exception.
  explicit TestConnection(uint16_t port);
  ~TestConnection();

  bool connected() const;

  // nullopt when the exchange fails at the socket or the response does not parse.
  std::optional<TestResponse> Send(const std::string& method, const std::string& target,
                                   const std::string& body = "",
                                   const std::string& content_type = "application/json",
                                   bool keep_alive = true,
                                   const std::optional<std::string>& authorization = std::nullopt);

  // Writes `bytes` as they are, then reads one response.
  std::optional<TestResponse> SendRaw(const std::string& bytes);

  // True when the server has closed the connection: a read gets end of file.
  bool ClosedByServer();

 private:
  struct Socket;
  std::unique_ptr<Socket> socket_;
};

// One request on a fresh connection.
std::optional<TestResponse> Fetch(uint16_t port, const std::string& method,
                                  const std::string& target, const std::string& body = "",
                                  const std::optional<std::string>& authorization = std::nullopt);

}  // namespace myriad::http::testing
