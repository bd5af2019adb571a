#include "http/server.h"

#include <simdjson.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "http/error_table.h"
#include "util/mutex.h"

namespace myriad::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

unsigned DefaultWorkerThreads() { return std::max(2u, std::thread::hardware_concurrency()); }

namespace {

class Session;

// What every connection shares with the server.
struct ServerCore {
  ServerCore(const ServerOptions& o, const Router& r) : options(o), router(r) {}

  const ServerOptions options;
  const Router& router;
  std::atomic<bool> stopping{false};

  Mutex mu;
  // Live connections, so Stop() can close the idle ones.
  std::vector<std::weak_ptr<Session>> sessions GUARDED_BY(mu);
  size_t compact_at GUARDED_BY(mu) = 64;

  void Register(std::weak_ptr<Session> session) {
    MutexLock lock(mu);
    if (sessions.size() >= compact_at) {
      std::erase_if(sessions, [](const auto& s) { return s.expired(); });
      compact_at = std::max<size_t>(64, sessions.size() * 2);
    }
    sessions.push_back(std::move(session));
  }
};

// Percent-decoding can make bytes that are not UTF-8 (`%FF`), which routes
// would echo into JSON answers and task records: each ill-formed sequence
// becomes U+FFFD, as Meilisearch's query decoding (form_urlencoded) does.
std::string Utf8Lossy(std::string s) {
  if (simdjson::validate_utf8(s.data(), s.size())) return s;
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUTF8String(out);
  return out;
}

// Turns Beast's request into the router's. nullopt when the target is not a
// path with an optional query (origin form).
std::optional<Request> ToRequest(bhttp::request<bhttp::string_body>&& raw) {
  boost::system::result<boost::urls::url_view> url = boost::urls::parse_origin_form(raw.target());
  if (!url) return std::nullopt;
  Request req;
  req.method = std::string(raw.method_string());
  for (const std::string& segment : url->segments()) req.path.push_back(Utf8Lossy(segment));
  for (const boost::urls::param& p : url->params(boost::urls::encoding_opts(true))) {
    req.query.emplace_back(Utf8Lossy(p.key), Utf8Lossy(p.has_value ? p.value : std::string()));
  }
  if (auto it = raw.find(bhttp::field::content_type); it != raw.end()) {
    req.content_type = Utf8Lossy(std::string(it->value()));
  }
  if (auto it = raw.find(bhttp::field::authorization); it != raw.end()) {
    req.authorization = std::string(it->value());
  }
  req.body = std::move(raw.body());
  return req;
}

// One connection. Every handler runs on the connection's strand, so its
// members need no lock.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerCore& core) : stream_(std::move(socket)), core_(core) {}

  void Run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->core_.Register(self->weak_from_this());
      // Registered before reading `stopping`: Stop() either sees this session or
      // this session sees Stop().
      if (self->core_.stopping) return self->Close(false);
      self->DoRead();
    });
  }

  // Closes the connection once the request in hand, if any, is answered.
  void Stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->waiting_) self->stream_.cancel();
    });
  }

 private:
  void DoRead() {
    // Beast reads at most the buffer's free capacity (at least 512 bytes) per
    // call: without room, a 50 MB body arrives in 100,000 reads.
    buffer_.reserve(kReadChunkBytes);
    parser_.emplace();
    parser_->body_limit(core_.options.payload_limit_bytes);
    parser_->header_limit(core_.options.max_header_bytes);
    stream_.expires_after(core_.options.read_timeout);
    waiting_ = true;
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    waiting_ = false;
    if (ec == bhttp::error::body_limit) {
      return SendError(ErrorResponse(
          "payload_too_large",
          "The provided payload reached the size limit. The maximum accepted payload size is " +
              std::to_string(core_.options.payload_limit_bytes) + " bytes."));
    }
    if (ec == bhttp::error::header_limit) {
      Response r;
      r.status = 431;
      r.content_type.clear();
      return SendError(std::move(r));
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec == asio::error::operation_aborted || ec == beast::error::timeout ||
        (ec && (ec.category() == asio::error::get_system_category() ||
                ec.category() == asio::error::get_misc_category()))) {
      return Close(false);  // the client left, timed out, or we are stopping
    }
    if (ec)
      return SendError(ErrorResponse("bad_request", "Malformed HTTP request: " + ec.message()));

    bhttp::request<bhttp::string_body> raw = parser_->release();
    const unsigned version = raw.version();
    const bool keep_alive = raw.keep_alive() && !core_.stopping;
    std::optional<Request> req = ToRequest(std::move(raw));
    if (!req) return SendError(ErrorResponse("bad_request", "Malformed request target."));
    Response r = core_.router.Handle(std::move(*req));
    Send(std::move(r), version, keep_alive, false);
  }

  // Answers and closes, reading what the client still sends (see server.h).
  void SendError(Response r) { Send(std::move(r), 11, false, true); }

  void Send(Response r, unsigned version, bool keep_alive, bool drain) {
    if (r.shared_body) {
      // Sent from where it is (a cached answer, up to tens of MB), not copied;
      // held until the write completes.
      shared_res_ = {};
      shared_body_ = std::move(r.shared_body);
      shared_res_.body() = {shared_body_->data(), shared_body_->size()};
      return Write(shared_res_, r, version, keep_alive, drain);
    }
    res_ = {};
    res_.body() = std::move(r.body);
    Write(res_, r, version, keep_alive, drain);
  }

  template <class Body>
  void Write(bhttp::response<Body>& res, const Response& r, unsigned version, bool keep_alive,
             bool drain) {
    res.version(version);
    res.result(static_cast<unsigned>(r.status));
    res.set(bhttp::field::server, "Myriad");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    stream_.expires_after(core_.options.read_timeout);
    bhttp::async_write(
        stream_, res, [self = shared_from_this(), keep_alive, drain](beast::error_code ec, size_t) {
          // An idle connection does not keep a shared body alive.
          self->shared_res_.body() = {};
          self->shared_body_.reset();
          if (ec) return self->Close(false);
          if (!keep_alive || self->core_.stopping) return self->Close(drain);
          self->DoRead();
        });
  }

  void Close(bool drain) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (!drain || core_.stopping) return;  // the socket closes with the last handler
    stream_.expires_after(std::chrono::seconds(5));
    Drain();
  }

  void Drain() {
    waiting_ = true;
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              self->waiting_ = false;
                              if (!ec) self->Drain();
                            });
  }

  beast::tcp_stream stream_;
  ServerCore& core_;
  static constexpr size_t kReadChunkBytes = 256 * 1024;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  bhttp::response<bhttp::span_body<const char>> shared_res_;  // for a Response::shared_body
  std::shared_ptr<const std::string> shared_body_;            // what shared_res_ points into
  std::array<char, 8192> drain_buffer_;
  bool waiting_ = false;  // a read is pending that Stop() may cancel
};

}  // namespace

class Server::Impl {
 public:
  Impl(const ServerOptions& options, const Router& router)
      : core_(options, router),
        acceptor_(asio::make_strand(ioc_)),
        accept_retry_(acceptor_.get_executor()) {}

  ~Impl() { Stop(); }

  Status Listen() {
    const ServerOptions& o = core_.options;
    boost::system::error_code ec;
    tcp::resolver resolver(ioc_);
    auto results =
        resolver.resolve(o.address, std::to_string(o.port), tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
      return Status::InvalidArgument("cannot resolve address '" + o.address +
                                     "': " + (ec ? ec.message() : "no address"));
    }
    tcp::endpoint endpoint = results.begin()->endpoint();
    for (const auto& r : results) {
      if (r.endpoint().address().is_v4()) {
        endpoint = r.endpoint();
        break;
      }
    }
    const std::string where = FormatEndpoint(endpoint);
    if (acceptor_.open(endpoint.protocol(), ec) ||
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec) ||
        acceptor_.bind(endpoint, ec) ||
        acceptor_.listen(asio::socket_base::max_listen_connections, ec)) {
      return Status::IoError("cannot listen on " + where + ": " + ec.message());
    }
    local_ = acceptor_.local_endpoint(ec);
    if (ec) return Status::IoError("cannot listen on " + where + ": " + ec.message());
    DoAccept();
    const unsigned n = std::max(1u, o.worker_threads);
    for (unsigned i = 0; i < n; ++i) workers_.emplace_back([this] { RunWorker(); });
    return Status::Ok();
  }

  void Stop() {
    if (stopped_.exchange(true)) return;
    core_.stopping = true;
    asio::dispatch(acceptor_.get_executor(), [this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      accept_retry_.cancel();
    });
    std::vector<std::shared_ptr<Session>> live;
    {
      MutexLock lock(core_.mu);
      for (const auto& weak : core_.sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (const auto& s : live) s->Stop();
    live.clear();
    for (std::thread& t : workers_) {
      if (t.joinable()) t.join();
    }
  }

  static std::string FormatEndpoint(const tcp::endpoint& e) {
    const std::string host = e.address().to_string();
    return (e.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(e.port());
  }

  const tcp::endpoint& local() const { return local_; }

 private:
  void DoAccept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [this](boost::system::error_code ec, tcp::socket socket) {
                             if (core_.stopping || ec == asio::error::operation_aborted) return;
                             if (!ec) {
                               std::make_shared<Session>(std::move(socket), core_)->Run();
                               return DoAccept();
                             }
                             // Out of fds or similar: retrying at once would spin while it lasts.
                             accept_retry_.expires_after(std::chrono::milliseconds(50));
                             accept_retry_.async_wait([this](boost::system::error_code wait_ec) {
                               if (!wait_ec && !core_.stopping) DoAccept();
                             });
                           });
  }

  void RunWorker() {
    // Handlers do not throw (routes are guarded by the router), but a worker
    // must never take the process down: keep serving if one does.
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception&) {
      }
    }
  }

  ServerCore core_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;  // on the acceptor's strand
  tcp::endpoint local_;
  std::vector<std::thread> workers_;
  std::atomic<bool> stopped_{false};
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options, const Router& router) {
  try {
    auto impl = std::make_unique<Impl>(options, router);
    MYRIAD_RETURN_IF_ERROR(impl->Listen());
    return std::unique_ptr<Server>(new Server(std::move(impl)));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("cannot start the HTTP server: ") + e.what());
  }
}

uint16_t Server::port() const { return impl_->local().port(); }

std::string Server::address() const { return Impl::FormatEndpoint(impl_->local()); }

void Server::Stop() { impl_->Stop(); }

}  // namespace myriad::http
