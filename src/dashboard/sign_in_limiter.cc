#include "dashboard/sign_in_limiter.h"

#include <vector>

#include "dashboard/credentials.h"

namespace bpkb::dashboard {
namespace {

// Keys never collide: a kind prefix, and an address has no '\n'.
std::string AccountKey(const std::string& address, const std::string& email) {
  return TokenHash("sign-in account\n" + address + "\n" + email);
}
std::string AddressKey(const std::string& address) {
  return TokenHash("sign-in address\n" + address);
}

}  // namespace

Status SignInLimiter::Admit(const std::string& address, const std::string& email, int64_t now,
                            Attempt* attempt, int64_t* retry_after_s) {
  attempt->id = NewToken();
  attempt->account_key = AccountKey(address, email);
  const std::vector<store::Store::SignInKey> keys = {
      {attempt->account_key, max_per_account_},
      {AddressKey(address), max_per_address_},
  };
  return store_->AdmitSignIn(attempt->id, keys, now, window_.count(), retry_after_s);
}

Status SignInLimiter::Succeeded(const Attempt& attempt) {
  return store_->SignInSucceeded(attempt.id, attempt.account_key);
}

}  // namespace bpkb::dashboard
