#include "store/keys.h"

#include <sodium.h>

#include <ctime>
#include <vector>

namespace bpkb::store {
namespace {

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.resize(n * 2);
  return out;
}

bool Unhex(const std::string& hex, std::vector<unsigned char>* out) {
  out->assign(hex.size() / 2 + 1, 0);
  size_t len = 0;
  if (sodium_hex2bin(out->data(), out->size(), hex.data(), hex.size(), nullptr, &len, nullptr) !=
      0) {
    return false;
  }
  out->resize(len);
  return true;
}

std::vector<unsigned char> Digest(const std::vector<unsigned char>& salt, const std::string& key) {
  std::vector<unsigned char> out(crypto_generichash_BYTES);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), salt.data(), salt.size());
  return out;
}

}  // namespace

const char* AppModeName(AppMode mode) { return mode == AppMode::kLive ? "live" : "testing"; }

bool ParseAppMode(const std::string& s, AppMode* mode) {
  if (s == "testing")
    *mode = AppMode::kTesting;
  else if (s == "live")
    *mode = AppMode::kLive;
  else
    return false;
  return true;
}

Status InitCrypto() {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  return Status::Ok();
}

std::string NewAppId() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  return Hex(b, sizeof b);
}

std::string NewApiKey() {
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(sizeof b, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), b, sizeof b, variant);
  out.resize(out.find('\0'));
  return out;
}

std::string NewUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  std::string h = Hex(b, sizeof b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

void HashKey(const std::string& api_key, App* app) {
  std::vector<unsigned char> salt(32);
  randombytes_buf(salt.data(), salt.size());
  std::vector<unsigned char> digest = Digest(salt, api_key);
  app->key_salt = Hex(salt.data(), salt.size());
  app->key_hash = Hex(digest.data(), digest.size());
}

bool KeyMatches(const App& app, const std::string& api_key) {
  std::vector<unsigned char> salt, want;
  if (!Unhex(app.key_salt, &salt) || !Unhex(app.key_hash, &want)) return false;
  if (salt.size() < crypto_generichash_KEYBYTES_MIN || want.size() != crypto_generichash_BYTES) {
    return false;
  }
  std::vector<unsigned char> got = Digest(salt, api_key);
  return sodium_memcmp(got.data(), want.data(), got.size()) == 0;
}

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (no overlongs, surrogates or
// code points past U+10FFFF); 0 when it is not one.
size_t Utf8SequenceLength(const std::string& s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

Status CheckAppName(const std::string& name) {
  if (name.empty() || name.size() > kMaxAppNameBytes) {
    return Status::InvalidInput(
        "name", "the name must have 1 to " + std::to_string(kMaxAppNameBytes) + " bytes");
  }
  for (size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c == 0x7f) {
      return Status::InvalidInput("name", "the name must not hold control characters");
    }
    const size_t n = Utf8SequenceLength(name, i);
    if (n == 0) return Status::InvalidInput("name", "the name is not UTF-8 text");
    // C1 controls (U+0080..U+009F) are control characters too.
    if (n == 2 && c == 0xC2 && static_cast<unsigned char>(name[i + 1]) < 0xA0) {
      return Status::InvalidInput("name", "the name must not hold control characters");
    }
    i += n;
  }
  return Status::Ok();
}

Status CreateApp(Store& store, const std::string& name, AppMode mode, int64_t quota,
                 int rate_limit_per_minute, NewCredentials* out) {
  Status checked = CheckAppName(name);
  if (!checked.ok()) return checked;
  App app;
  app.id = NewAppId();
  app.name = name;
  app.mode = mode;
  app.quota = quota;
  app.enabled = true;
  app.rate_limit_per_minute = rate_limit_per_minute;
  app.created_at = static_cast<int64_t>(std::time(nullptr));
  std::string key = NewApiKey();
  HashKey(key, &app);
  Status s = store.InsertApp(app);
  if (!s.ok()) return s;
  out->app_id = app.id;
  out->api_key = key;
  return Status::Ok();
}

Status RotateKey(Store& store, const std::string& app_id, std::string* new_key) {
  App app;
  Status s = store.FindApp(app_id, &app);
  if (!s.ok()) return s;
  std::string key = NewApiKey();
  HashKey(key, &app);
  s = store.SetKey(app_id, app.key_salt, app.key_hash);
  if (!s.ok()) return s;
  *new_key = key;
  return Status::Ok();
}

}  // namespace bpkb::store
