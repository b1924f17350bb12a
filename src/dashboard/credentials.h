// Secrets of the dashboard (libsodium): administrator passwords, session and
// CSRF tokens.
//
// Passwords are kept only as an Argon2id string (crypto_pwhash_str): memory-hard,
// salted, parameters inside the string so they can be raised later. The limits
// are modest (19 MiB, 2 passes: OWASP's minimum for Argon2id) so that sign-in
// and the tests stay fast. Tokens are 32 random bytes, base64url; the database
// keeps only their BLAKE2b hash, so a copy of it cannot be used to sign in.
// InitCrypto (store/keys.h) must have been called first.
#pragma once

#include <string>

#include "bpkb/status.h"

namespace bpkb::dashboard {

// kInvalidInput when the password is shorter than kMinPasswordLength or longer
// than kMaxPasswordLength.
constexpr size_t kMinPasswordLength = 10;
constexpr size_t kMaxPasswordLength = 256;
Status HashPassword(const std::string& password, std::string* hash);
// False for a wrong password or a malformed hash.
bool VerifyPassword(const std::string& hash, const std::string& password);
// Spends the time of one verification, so that an unknown e-mail takes as long
// as a wrong password.
void VerifyDummyPassword(const std::string& password);

std::string NewToken();                                       // 256 random bits, base64url
std::string TokenHash(const std::string& token);              // hex BLAKE2b-256
bool SameSecret(const std::string& a, const std::string& b);  // constant time

}  // namespace bpkb::dashboard
