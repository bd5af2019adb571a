#include "http/test_http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace myriad::http::testing {

namespace bhttp = boost::beast::http;

struct TestConnection::Socket {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket{ioc};
  boost::beast::flat_buffer buffer;
  bool connected = false;

  std::optional<TestResponse> Read() {
    bhttp::response<bhttp::string_body> res;
    boost::system::error_code ec;
    bhttp::read(socket, buffer, res, ec);
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
};

TestConnection::TestConnection(uint16_t port) : socket_(std::make_unique<Socket>()) {
  boost::system::error_code ec;
  socket_->socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  socket_->connected = !ec;
}

TestConnection::~TestConnection() = default;

bool TestConnection::connected() const { return socket_->connected; }

std::optional<TestResponse> TestConnection::Send(const std::string& method,
                                                 const std::string& target, const std::string& body,
                                                 const std::string& content_type, bool keep_alive,
                                                 const std::optional<std::string>& authorization) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
  if (authorization) req.set(bhttp::field::authorization, *authorization);
  req.body() = body;
  req.keep_alive(keep_alive);
  req.prepare_payload();
  boost::system::error_code ec;
  bhttp::write(socket_->socket, req, ec);
  if (ec) return std::nullopt;
  return socket_->Read();
}

std::optional<TestResponse> TestConnection::SendRaw(const std::string& bytes) {
  boost::system::error_code ec;
  boost::asio::write(socket_->socket, boost::asio::buffer(bytes), ec);
  if (ec) return std::nullopt;
  return socket_->Read();
}

bool TestConnection::ClosedByServer() {
  char byte;
  boost::system::error_code ec;
  socket_->socket.read_some(boost::asio::buffer(&byte, 1), ec);
  return ec == boost::asio::error::eof;
}

std::optional<TestResponse> Fetch(uint16_t port, const std::string& method,
                                  const std::string& target, const std::string& body,
                                  const std::optional<std::string>& authorization) {
  TestConnection c(port);
  if (!c.connected()) return std::nullopt;
  return c.Send(method, target, body, "application/json", false, authorization);
}

}  // namespace myriad::http::testing
