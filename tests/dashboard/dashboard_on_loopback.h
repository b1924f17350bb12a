// Test fixture: a real dashboard mounted on a real httplib server on loopback,
// over a real SQLite store in a temporary file named after the running test,
// with one administrator (kEmail / kPassword). Tests call StartDashboard with
// their options; TearDown stops the server and removes the database.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "dashboard/admin_db.h"
#include "dashboard/credentials.h"
#include "dashboard/dashboard.h"
#include "store/keys.h"

namespace bpkb::dashboard {

inline constexpr const char* kEmail = "ops@example.test";
inline constexpr const char* kPassword = "a long test password";

class DashboardOnLoopback : public ::testing::Test {
 protected:
  void StartDashboard(const DashboardOptions& options) {
    ASSERT_TRUE(store::InitCrypto().ok());
    path_ = (std::filesystem::temp_directory_path() /
             ("dash-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite"))
                .string();
    ASSERT_TRUE(store::OpenStore(path_, "", &store_).ok());
    ASSERT_TRUE(Dashboard::Open(options, store_.get(), &dash_).ok());
    std::string hash;
    ASSERT_TRUE(HashPassword(kPassword, &hash).ok());
    ASSERT_TRUE(AdminDb(store_.get()).PutAdmin(kEmail, hash, false).ok());
    dash_->Mount(http_);
    port_ = http_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  }
  void TearDown() override {
    http_.stop();
    if (thread_.joinable()) thread_.join();
    dash_.reset();
    store_.reset();
    if (path_.empty()) return;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Dashboard> dash_;
  httplib::Server http_;
  std::thread thread_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace bpkb::dashboard
