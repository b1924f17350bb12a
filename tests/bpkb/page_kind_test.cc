#include "bpkb/page_kind.h"

#include <gtest/gtest.h>

#include "bpkb/reading.h"
#include "bpkb/result_json.h"

namespace bpkb {
namespace {

TEST(PageKind, NamesRoundTrip) {
  for (PageKind k : {PageKind::kIk, PageKind::kIp, PageKind::kUnknown}) {
    EXPECT_EQ(ParsePageKind(PageKindName(k)), k);
  }
  EXPECT_FALSE(ParsePageKind("ikk").has_value());
}

TEST(ResultJson, EveryRequiredFieldIsAKeyEvenWhenNotRead) {
  PageReading reading;
  reading.fields["merek"].value = "KIA";
  reading.fields["merek"].found = true;
  auto data = ResultData(reading, PageKind::kIk);
  ASSERT_EQ(data.size(), 13u);
  EXPECT_EQ(data["merek"], "KIA");
  EXPECT_EQ(data["nomor_polisi"], "");
  EXPECT_FALSE(data.contains("warna_tnkb"));
  auto detail = ResultDetail(reading, PageKind::kIk);
  EXPECT_EQ(detail["merek"]["value"], "KIA");
  EXPECT_EQ(detail["page_type"], "unknown");
}

}  // namespace
}  // namespace bpkb
