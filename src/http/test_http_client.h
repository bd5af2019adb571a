// A tiny synchronous HTTP/1.1 client over a real socket, for tests of the
// server and of the `myriad serve` binary.
//
// Thread safety: one TestConnection per thread.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
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
  explicit TestConnection(uint16_t port) : socket_(ioc_) {
    boost::system::error_code ec;
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    connected_ = !ec;
  }

  bool connected() const { return connected_; }

  // nullopt when the exchange fails at the socket or the response does not parse.
  std::optional<TestResponse> Send(const std::string& method, const std::string& target,
                                   const std::string& body = "",
                                   const std::string& content_type = "application/json",
                                   bool keep_alive = true,
                                   const std::optional<std::string>& authorization = std::nullopt) {
    namespace bhttp = boost::beast::http;
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    if (authorization) req.set(bhttp::field::authorization, *authorization);
    req.body() = body;
    req.keep_alive(keep_alive);
    req.prepare_payload();
    boost::system::error_code ec;
    bhttp::write(socket_, req, ec);
    if (ec) return std::nullopt;
    return Read();
  }

  // Writes `bytes` as they are, then reads one response.
  std::optional<TestResponse> SendRaw(const std::string& bytes) {
    boost::system::error_code ec;
    boost::asio::write(socket_, boost::asio::buffer(bytes), ec);
    if (ec) return std::nullopt;
    return Read();
  }

  // True when the server has closed the connection: a read gets end of file.
  bool ClosedByServer() {
    char byte;
    boost::system::error_code ec;
    socket_.read_some(boost::asio::buffer(&byte, 1), ec);
    return ec == boost::asio::error::eof;
  }

 private:
  std::optional<TestResponse> Read() {
    namespace bhttp = boost::beast::http;
    bhttp::response<bhttp::string_body> res;
    boost::system::error_code ec;
    bhttp::read(socket_, buffer_, res, ec);
    if (ec) return std::nullopt;
    TestResponse out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    if (auto it = res.find(bhttp::field::content_type); it != res.end()) {
      out.content_type = std::string(it->value());
    }
    out.keep_alive = res.keep_alive();
    return out;
  }

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
};

// One request on a fresh connection.
inline std::optional<TestResponse> Fetch(
    uint16_t port, const std::string& method, const std::string& target,
    const std::string& body = "", const std::optional<std::string>& authorization = std::nullopt) {
  TestConnection c(port);
  if (!c.connected()) return std::nullopt;
  return c.Send(method, target, body, "application/json", false, authorization);
}

}  // namespace myriad::http::testing
