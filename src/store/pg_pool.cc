#include "store/pg_pool.h"

#include <utility>

namespace bpkb::store {
namespace {

std::string FirstLine(const char* text) {
  std::string s(text ? text : "");
  size_t nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  // The server's primary message; DETAIL lines (which may quote row data) are cut.
  if (s.size() > 200) s.resize(200);
  return s;
}

// SQLSTATE classes of faults that pass or that an operator fixes (the client
// should retry later): 08 connection, 53 insufficient resources (disk full, out
// of memory, too many connections), 57 operator intervention (shutdown, crash
// recovery), 40 transaction rollback (serialization, deadlock), 25006 read-only.
bool IsTransient(const std::string& state) {
  if (state.size() != 5) return false;
  std::string cls = state.substr(0, 2);
  return cls == "08" || cls == "53" || cls == "57" || cls == "40" || state == "25006" ||
         state == "58030";  // io_error
}

}  // namespace

std::string WithConnectTimeout(const std::string& url, int seconds) {
  if (url.find("connect_timeout") != std::string::npos || seconds <= 0) return url;
  std::string value = std::to_string(seconds);
  bool uri = url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
  if (!uri) return url + " connect_timeout=" + value;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=" + value;
}

Status PgErrorStatus(const char* what, const std::exception& e, bool* connection_broken) {
  std::string prefix = std::string("database: ") + what + ": ";
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    *connection_broken = true;
    return Status::Unavailable(prefix + "connection lost: " + FirstLine(e.what()));
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
    *connection_broken = true;
    return Status::Unavailable(prefix + "commit in doubt: " + FirstLine(e.what()));
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    std::string state = sql->sqlstate();
    std::string msg = prefix + "SQLSTATE " + state + ": " + FirstLine(sql->what());
    // An administrator shutdown also ends this session: reconnect next time.
    if (state.rfind("57P", 0) == 0 || state.rfind("08", 0) == 0) *connection_broken = true;
    if (IsTransient(state)) return Status::Unavailable(msg);
    // Class 22, data exception: the values given (text that is not UTF-8, a
    // number out of range), not the database, are wrong.
    if (state.rfind("22", 0) == 0) return Status::InvalidInput("", msg);
    return Status::Internal(msg);
  }
  if (dynamic_cast<const pqxx::failure*>(&e)) {
    // libpqxx reports some lost connections as plain failures.
    *connection_broken = true;
    return Status::Unavailable(prefix + FirstLine(e.what()));
  }
  return Status::Internal(prefix + FirstLine(e.what()));
}

PgPool::PgPool(std::string conninfo, size_t max_connections)
    : conninfo_(std::move(conninfo)), max_connections_(max_connections ? max_connections : 1) {}

PgPool::~PgPool() = default;

std::unique_ptr<pqxx::connection> PgPool::Take(Status* error) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    freed_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  try {
    auto conn = std::make_unique<pqxx::connection>(conninfo_);
    return conn;
  } catch (const std::exception& e) {
    bool broken = false;
    *error = PgErrorStatus("connect", e, &broken);
    if (error->code() == StatusCode::kInternal) {
      *error = Status::Unavailable(error->message());  // a refused connection passes
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  --open_;
  freed_.notify_one();
  return nullptr;
}

void PgPool::Give(std::unique_ptr<pqxx::connection> conn, bool healthy) {
  std::lock_guard<std::mutex> lock(mu_);
  if (healthy && conn->is_open()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
    conn.reset();
  }
  freed_.notify_one();
}

Status PgPool::Run(const char* what, const std::function<Status(pqxx::connection&)>& work) {
  // A second try only when the first connection turned out dead before anything
  // was committed (idle connections all die when PostgreSQL restarts): the work
  // is one transaction, so running it again on a fresh connection is safe.
  for (int attempt = 0;; ++attempt) {
    Status error;
    std::unique_ptr<pqxx::connection> conn = Take(&error);
    if (!conn) return error;
    bool broken = false, in_doubt = false;
    Status s;
    try {
      s = work(*conn);
    } catch (const pqxx::in_doubt_error& e) {
      in_doubt = true;
      s = PgErrorStatus(what, e, &broken);
    } catch (const std::exception& e) {
      s = PgErrorStatus(what, e, &broken);
    }
    Give(std::move(conn), !broken);
    if (!broken) return s;
    DropIdle();
    if (in_doubt || attempt > 0) return s;
  }
}

void PgPool::DropIdle() {
  std::vector<std::unique_ptr<pqxx::connection>> stale;
  std::lock_guard<std::mutex> lock(mu_);
  open_ -= idle_.size();
  stale.swap(idle_);
  freed_.notify_all();
}

}  // namespace bpkb::store
