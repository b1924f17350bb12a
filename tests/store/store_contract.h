// The contract every Store (store.h) must keep, as a parameterised test suite:
// store_contract_test.cc holds the tests, and each implementation instantiates
// them with a factory (sqlite_store_test.cc; a PostgreSQL store does the same):
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(factory));
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "store/store.h"

namespace bpkb::store {

struct StoreFactory {
  std::string name;
  // Opens a fresh, empty store. `scratch` is an empty temp directory of the test.
  // Called more than once in a test when it needs several connections to the same
  // database (e.g. two server processes): then it must return the same database.
  std::function<Status(const std::string& scratch, std::unique_ptr<Store>*)> open;
};

inline std::ostream& operator<<(std::ostream& os, const StoreFactory& f) { return os << f.name; }

class StoreContract : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override;
  void TearDown() override;
  std::unique_ptr<Store> OpenAnother();

  std::string scratch_;
  std::unique_ptr<Store> store_;
};

}  // namespace bpkb::store
