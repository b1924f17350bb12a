// Application credentials (libsodium): random ids and keys, and the salted hash
// that is all the store keeps of a key.
//
// App-ID: 16 random bytes, hex. API-Key: 32 random bytes (256 bits), base64url.
// Stored: a 32-byte random salt and BLAKE2b-256(key, keyed by the salt). A
// password hash (crypto_pwhash) would cost ~100 ms per request; a 256-bit random
// key needs no stretching. Comparison is constant time (sodium_memcmp).
#pragma once

#include <string>

#include "bpkb/status.h"
#include "store/store.h"

namespace bpkb::store {

// Must be called once before any other function here (idempotent, thread safe).
Status InitCrypto();

std::string NewAppId();
std::string NewApiKey();
std::string NewUuid();  // random (version 4) UUID, lower-case

// Fills app->key_salt and app->key_hash for `api_key`.
void HashKey(const std::string& api_key, App* app);
// True when `api_key` is the key whose hash `app` holds (constant time).
bool KeyMatches(const App& app, const std::string& api_key);

// An application's name: 1 to kMaxAppNameBytes bytes of UTF-8 without control
// characters (it is shown in the dashboard and kept as text by every store);
// kInvalidInput("name", reason) otherwise.
constexpr size_t kMaxAppNameBytes = 100;
Status CheckAppName(const std::string& name);

// Makes a new app with fresh id and key; the key is returned only here.
// kInvalidInput when the name fails CheckAppName.
struct NewCredentials {
  std::string app_id;
  std::string api_key;
};
Status CreateApp(Store& store, const std::string& name, AppMode mode, int64_t quota,
                 int rate_limit_per_minute, NewCredentials* out);
Status RotateKey(Store& store, const std::string& app_id, std::string* new_key);

}  // namespace bpkb::store
