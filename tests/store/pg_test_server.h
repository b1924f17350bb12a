// PgTestServer: a throw-away PostgreSQL server for tests. initdb into a fresh
// temp dir, listen on a free loopback port (and a unix socket in that dir only),
// trust authentication, no fsync (the data is thrown away). Runs the server as
// the `postgres` user when the test runs as root, since PostgreSQL refuses root.
// Stop() (also called at exit by the tests) stops it and deletes the dir.
// SharedPgTestServer() is the one server a test process shares.
#pragma once

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>

namespace bpkb::store {

class PgTestServer {
 public:
  // Directory of initdb/pg_ctl/postgres, or "" when PostgreSQL is not installed.
  static std::string BinDir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const char* v : {"17", "16", "15", "14", "13"}) {
      fs::path d = fs::path("/usr/lib/postgresql") / v / "bin";
      if (fs::exists(d / "postgres", ec) && fs::exists(d / "initdb", ec)) return d.string();
    }
    return "";
  }
  static bool Available() { return !BinDir().empty(); }

  bool Start() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "bpkb-pg-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return Fail("mkdtemp failed");
    dir_ = tmpl;
    if (geteuid() == 0) {
      struct passwd* pw = getpwnam("postgres");
      if (!pw) return Fail("running as root and there is no postgres user");
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return Fail("chown failed");
      as_user_ = "runuser -u postgres -- ";
    }
    port_ = FreePort();
    std::string cmd = as_user_ + BinDir() + "/initdb -D " + dir_ +
                      "/data -U postgres --auth=trust --no-sync -E UTF8 --locale=C >" + dir_ +
                      "/initdb.log 2>&1";
    if (std::system(cmd.c_str()) != 0) return Fail("initdb failed, see " + dir_ + "/initdb.log");
    return StartServer();
  }

  bool StartServer() {
    std::string cmd = as_user_ + BinDir() + "/pg_ctl -D " + dir_ + "/data -l " + dir_ +
                      "/server.log -w -t 60 -o \"-p " + std::to_string(port_) + " -k " + dir_ +
                      " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                      " -c full_page_writes=off -c max_connections=200\" start >/dev/null 2>&1";
    running_ = std::system(cmd.c_str()) == 0;
    if (!running_) return Fail("pg_ctl start failed, see " + dir_ + "/server.log");
    return true;
  }

  bool StopServer() {
    std::string cmd =
        as_user_ + BinDir() + "/pg_ctl -D " + dir_ + "/data -m fast -w stop >/dev/null 2>&1";
    bool ok = std::system(cmd.c_str()) == 0;
    running_ = false;
    return ok;
  }

  void Stop() {
    if (dir_.empty()) return;
    if (running_) {
      std::string cmd =
          as_user_ + BinDir() + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop >/dev/null 2>&1";
      (void)std::system(cmd.c_str());
      running_ = false;
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }

  std::string Url(const std::string& db) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  void CreateDatabase(const std::string& name) {
    pqxx::connection c(Url("postgres"));
    pqxx::nontransaction w(c);
    if (w.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty()) {
      w.exec0("CREATE DATABASE " + c.quote_name(name));
    }
  }

  // First column of the first row, or "" when there is none.
  std::string Query(const std::string& db, const std::string& sql) {
    pqxx::connection c(Url(db));
    pqxx::nontransaction w(c);
    pqxx::result r = w.exec(sql);
    if (r.empty() || r[0].empty() || r[0][0].is_null()) return "";
    return r[0][0].c_str();
  }

  bool running() const { return running_; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }

 private:
  bool Fail(const std::string& why) {
    error_ = why;
    running_ = false;
    return false;
  }

  static int FreePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      port = ntohs(a.sin_port);
    }
    close(fd);
    return port;
  }

  std::string dir_;
  std::string as_user_;
  std::string error_ = "not started";
  int port_ = 0;
  bool running_ = false;
};

// One server per test process, started on first use and stopped at exit.
inline PgTestServer* SharedPgTestServer() {
  static PgTestServer* server = [] {
    auto* s = new PgTestServer();
    s->Start();
    std::atexit([] { SharedPgTestServer()->Stop(); });
    return s;
  }();
  return server;
}

}  // namespace bpkb::store
