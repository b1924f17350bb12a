// PageKind and the fields of each page (BPKB.md, API.md). The lists are the
// contract of result_data: every required field is always present, in this order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpkb {

enum class PageKind { kIk, kIp, kUnknown };

std::string_view PageKindName(PageKind kind);  // "ik", "ip", "unknown"
std::optional<PageKind> ParsePageKind(std::string_view name);

// Fields always present in result_data for this page.
const std::vector<std::string>& RequiredFields(PageKind kind);
// Fields returned only when printed (newer editions): alamat_email, no_telepon;
// warna_tnkb, kategori.
const std::vector<std::string>& OptionalFields(PageKind kind);

}  // namespace bpkb
