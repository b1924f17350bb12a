// A reader opened with a root of its own (`bench --root`, `extract --root`)
// takes the field vocabularies and area data from that root as well, not from
// the build's default one.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "bpkb/fields/grammar.h"
#include "bpkb/paths.h"
#include "bpkb/reader.h"

namespace bpkb {
namespace {

TEST(ReaderDataRootTest, FieldDataComesFromTheReadersRoot) {
  const std::string real = ResolveRoot("");
  std::string dir = ::testing::TempDir() + "bpkb_root_XXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  for (const char* part : {"models", "ref", "node_modules"}) {
    ASSERT_EQ(symlink((real + "/" + part).c_str(), (dir + "/" + part).c_str()), 0) << part;
  }
  std::unique_ptr<Reader> reader;
  ASSERT_TRUE(Reader::Open(ReaderConfig{dir}, &reader).ok());
  EXPECT_EQ(fields::DataRoot(), dir);
  // Back to the default for the other tests of this process.
  fields::UseDataRoot("");
  EXPECT_EQ(fields::DataRoot(), real);
  for (const char* part : {"models", "ref", "node_modules"}) unlink((dir + "/" + part).c_str());
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace bpkb
