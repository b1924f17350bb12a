// Requests no HTTP library would send, written byte by byte to the real server
// (test_server.h): broken Content-Length headers get a 4xx whose reason names
// what is wrong, never a 500 or a made-up file size.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string>

#include "service/test_server.h"

namespace bpkb::service::testing {
namespace {

// Sends `request` and reads the answer: its headers and Content-Length bytes
// of body (the server may keep the socket open a while to drain what the
// client sends), or what came before the server closed or 60 s passed.
std::string Exchange(int port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval tv{60, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
      answer.append(buf, static_cast<size_t>(n));
      const size_t end = answer.find("\r\n\r\n");
      const size_t len = answer.find("Content-Length: ");
      if (end != std::string::npos && len != std::string::npos && len < end &&
          answer.size() >= end + 4 + std::stoul(answer.substr(len + 16))) {
        break;
      }
    }
  }
  close(fd);
  return answer;
}

std::string Post(const Credentials& app, const std::string& content_length,
                 const std::string& body) {
  return "POST /v2/ocr/bpkb_ik HTTP/1.1\r\nHost: x\r\nApp-ID: " + app.app_id +
         "\r\nAPI-Key: " + app.api_key +
         "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
         content_length + "\r\n\r\n" + body;
}

TEST(RawRequest, BrokenContentLengthsAreNamedNotMistakenForHugeFiles) {
  ServerConfig config = ScriptedConfig(1, {});
  config.socket_timeout = std::chrono::seconds(1);
  TestServer server(config);
  ASSERT_TRUE(server.Start().ok());
  const Credentials app = server.NewApp();
  const std::string body = R"({"image":"aGVsbG8="})";

  // A negative length is not a size (strtoull would have made it 2^64 - 5). The
  // server waits for the promised body up to its socket timeout (1 s here) first;
  // the client waits far longer, so a slow (sanitizer) build cannot race it.
  std::string r = Exchange(server.port(), Post(app, "-5", body));
  EXPECT_EQ(r.rfind("HTTP/1.1 422", 0), 0u) << r;
  EXPECT_NE(r.find("the Content-Length header is not a size"), std::string::npos) << r;
  EXPECT_EQ(r.find(" MB"), std::string::npos) << r;

  // And the request the client meant still works.
  r = Exchange(server.port(), Post(app, std::to_string(body.size()), body));
  EXPECT_EQ(r.rfind("HTTP/1.1 422", 0), 0u) << r;  // "hello" is not an image
  EXPECT_NE(r.find("not a JPEG, PNG or PDF"), std::string::npos) << r;
  EXPECT_EQ(Exchange(server.port(), "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n")
                .rfind("HTTP/1.1 200", 0),
            0u);
}

}  // namespace
}  // namespace bpkb::service::testing
