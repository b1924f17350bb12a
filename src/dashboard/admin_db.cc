#include "dashboard/admin_db.h"

#include <algorithm>
#include <cctype>

#include "dashboard/credentials.h"

namespace bpkb::dashboard {

Status NormaliseEmail(const std::string& in, std::string* out) {
  size_t b = 0, e = in.size();
  while (b < e && std::isspace(static_cast<unsigned char>(in[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(in[e - 1]))) --e;
  std::string s = in.substr(b, e - b);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = s.find('@');
  const bool ok = s.size() >= 3 && s.size() <= 254 && at != std::string::npos && at > 0 &&
                  at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
                  std::none_of(s.begin(), s.end(),
                               [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
  if (!ok) return Status::InvalidInput("email", "not an e-mail address");
  *out = s;
  return Status::Ok();
}

Status AdminDb::PutAdmin(const std::string& email, const std::string& password_hash, bool replace) {
  return store_->PutAdmin(email, password_hash, replace);
}

Status AdminDb::FindAdmin(const std::string& email, std::string* password_hash) {
  return store_->FindAdmin(email, password_hash);
}

Status AdminDb::CreateSession(const std::string& token, const Session& session, int64_t now) {
  return store_->CreateSession(TokenHash(token), session, now);
}

Status AdminDb::FindSession(const std::string& token, int64_t now, Session* session) {
  // Tokens are 43 characters (credentials.h): anything else was never issued.
  if (token.empty() || token.size() > 128) return Status::NotFound("no session");
  return store_->FindSession(TokenHash(token), now, session);
}

Status AdminDb::DeleteSession(const std::string& token) {
  return store_->DeleteSession(TokenHash(token));
}

Status AdminDb::DeleteSessionsOf(const std::string& email) {
  return store_->DeleteSessionsOf(email);
}

}  // namespace bpkb::dashboard
