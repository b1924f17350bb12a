// The binary as an operator runs it: `bpkb-ocr app ...` and `bpkb-ocr serve`
// (demo app on first start, requests, SIGTERM drains and exits 0).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>

#ifndef BPKB_BINARY_DIR
#define BPKB_BINARY_DIR "build"
#endif

namespace {

using nlohmann::json;
const std::string kBinary = std::string(BPKB_BINARY_DIR) + "/bpkb-ocr";

std::string TempDir() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("bpkb-cli-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Runs a command; returns its stdout and sets *rc to its exit code.
std::string RunCommand(const std::string& cmd, int* rc) {
  std::string out;
  FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST(Cli, AppCommandsManageApplications) {
  if (!std::filesystem::exists(kBinary)) GTEST_SKIP() << kBinary << " not built";
  std::string dir = TempDir(), db = " --db " + dir + "/a.sqlite";
  int rc = 0;
  json created = json::parse(RunCommand(kBinary + " app create --name shop --quota 5" + db, &rc));
  ASSERT_EQ(rc, 0);
  const std::string id = created["app_id"];
  EXPECT_GE(created["api_key"].get<std::string>().size(), 43u);
  json listed = json::parse(RunCommand(kBinary + " app list" + db, &rc));
  EXPECT_EQ(listed["app_id"], id);
  EXPECT_EQ(listed["quota"], 5);
  EXPECT_FALSE(listed.contains("api_key"));
  json changed = json::parse(RunCommand(kBinary + " app set-quota " + id + " 9" + db, &rc));
  EXPECT_EQ(changed["quota"], 9);
  changed = json::parse(RunCommand(kBinary + " app disable " + id + db, &rc));
  EXPECT_EQ(changed["enabled"], false);
  json rotated = json::parse(RunCommand(kBinary + " app rotate-key " + id + db, &rc));
  EXPECT_NE(rotated["api_key"], created["api_key"]);
  RunCommand(kBinary + " app enable no-such-app" + db, &rc);
  EXPECT_EQ(rc, 1);
  RunCommand(kBinary + " app create --mode sometimes --name x" + db, &rc);
  EXPECT_EQ(rc, 2);
  std::filesystem::remove_all(dir);
}

TEST(Cli, ServePrintsTheDemoAppAndDrainsOnSigterm) {
  if (!std::filesystem::exists(kBinary)) GTEST_SKIP() << kBinary << " not built";
  std::string dir = TempDir();
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    close(out[0]);
    std::string db = dir + "/data/bpkb.sqlite";
    execl(kBinary.c_str(), kBinary.c_str(), "serve", "--port", "0", "--workers", "1", "--db",
          db.c_str(), "--demo-app", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // Read until the "serving on" line (the reader may take a while to load).
  std::string text;
  std::smatch m;
  const std::regex serving("serving on http://127\\.0\\.0\\.1:([0-9]+)");
  char buf[1024];
  ssize_t n;
  while (!std::regex_search(text, m, serving) && (n = read(out[0], buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<size_t>(n));
  }
  ASSERT_TRUE(std::regex_search(text, m, serving)) << text;
  int port = std::stoi(m[1]);
  std::smatch k;
  ASSERT_TRUE(std::regex_search(text, k, std::regex("\\{\"app_id\".*\\}"))) << text;
  json creds = json::parse(k[0].str());

  httplib::Client c("127.0.0.1", port);
  httplib::Headers h = {{"App-ID", creds["app_id"]}, {"API-Key", creds["api_key"]}};
  auto r = c.Post("/v2/ocr/bpkb_ik", h, "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  r = c.Post("/v2/ocr/bpkb_ik", "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(std::filesystem::exists(dir + "/data/bpkb.sqlite"));
  std::filesystem::remove_all(dir);
}

}  // namespace
