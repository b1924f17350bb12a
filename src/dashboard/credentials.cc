#include "dashboard/credentials.h"

#include <sodium.h>

#include <mutex>

namespace bpkb::dashboard {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024 * 1024;

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

Status HashPassword(const std::string& password, std::string* hash) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidInput("password", "the password must have at least " +
                                                std::to_string(kMinPasswordLength) + " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return Status::InvalidInput("password", "the password is longer than " +
                                                std::to_string(kMaxPasswordLength) + " characters");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("out of memory while hashing the password");
  }
  *hash = out;
  return Status::Ok();
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (password.empty() || password.size() > kMaxPasswordLength) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyDummyPassword(const std::string& password) {
  static std::once_flag once;
  static std::string dummy;
  std::call_once(once, [] { HashPassword("not-a-real-password-0000", &dummy); });
  VerifyPassword(dummy, password.size() > kMaxPasswordLength ? std::string("x") : password);
}

std::string NewToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenHash(const std::string& token) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return Hex(h, sizeof h);
}

bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace bpkb::dashboard
