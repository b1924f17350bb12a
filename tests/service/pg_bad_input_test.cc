// The API's bad input on a PostgreSQL store (a real server this test starts,
// store/pg_test_server.h): PostgreSQL refuses text that is not UTF-8, where
// SQLite keeps any bytes, so header values that reach the store must be
// checked first. Every answer is a 4xx, never a 500. Skipped only when the
// PostgreSQL server binaries are not installed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>

#include "service/server.h"
#include "service/test_server.h"
#include "store/keys.h"
#include "store/pg_store.h"
#include "store/pg_test_server.h"

namespace bpkb::service::testing {
namespace {

TEST(PgBadInput, HeadersAndQueriesThatAreNotUtf8AreClientErrors) {
  if (!store::PgTestServer::Available()) GTEST_SKIP() << "PostgreSQL server binaries not installed";
  ASSERT_TRUE(store::InitCrypto().ok());
  ASSERT_TRUE(store::SharedPgTestServer()->running()) << store::SharedPgTestServer()->error();
  store::SharedPgTestServer()->CreateDatabase("service_bad_input");
  std::unique_ptr<store::Store> st;
  ASSERT_TRUE(store::OpenPgStore(store::SharedPgTestServer()->Url("service_bad_input"), &st).ok());
  store::NewCredentials cred;
  ASSERT_TRUE(store::CreateApp(*st, "pg", store::AppMode::kTesting, 5, 0, &cred).ok());

  ServerConfig config = ScriptedConfig(1, {});
  config.host = "127.0.0.1";
  config.port = 0;
  config.log_level = "warn";
  Server server(config, st.get());
  ASSERT_TRUE(server.Start().ok());
  httplib::Client c("127.0.0.1", server.port());

  // Works at all: a good request on PostgreSQL.
  const httplib::Headers good = {{"App-ID", cred.app_id}, {"API-Key", cred.api_key}};
  auto r = c.Post("/v2/ocr/bpkb_ik", good, ImageForm(PngBytes()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;

  for (const std::string& id : {std::string("\xff\xfe"), std::string("caf\xc3"),
                                std::string("app id"), std::string("\x01\x02")}) {
    const httplib::Headers h = {{"App-ID", id}, {"API-Key", cred.api_key}};
    auto post = c.Post("/v2/ocr/bpkb_ik", h, ImageForm(PngBytes()));
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 401) << post->body;
    auto get = c.Get("/v2/ocr/bpkb_ik/result?reference_id=x", h);
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 401) << get->body;
    auto del = c.Delete("/v2/ocr/result?reference_id=x", h);
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 401) << del->body;
  }
  // A reference_id that decodes to bytes that are not UTF-8.
  auto get = c.Get("/v2/ocr/bpkb_ik/result?reference_id=%FF%FE", good);
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 422) << get->body;
  auto del = c.Delete("/v2/ocr/result?reference_id=a%00b", good);
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 422) << del->body;
  // The server is still well.
  EXPECT_EQ(c.Get("/readyz")->status, 200);
  server.Shutdown();
}

}  // namespace
}  // namespace bpkb::service::testing
