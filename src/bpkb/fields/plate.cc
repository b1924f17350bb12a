#include "bpkb/fields/plate.h"

#include <algorithm>

#include "bpkb/fields/confusions.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

constexpr double kMaxCost = 3.5;

bool KnownRegion(const std::string& code) {
  const auto& regions = GetLexicons().plate_regions;
  return std::find(regions.begin(), regions.end(), code) != regions.end();
}

// The letter a digit in a plate's letter position stands for. Plates avoid I
// and O, and the vehicle page's italic draws D like 0 and J like 1.
char PlateLetterFor(char digit) {
  if (digit == '0') return 'D';
  if (digit == '1') return 'J';
  return LetterFor(digit);
}

// Turns `s` into letters; returns fixes or -1 when a character cannot be one.
int AsLetters(std::string* s) {
  int fixes = 0;
  for (char& c : *s) {
    if (IsUpper(c)) continue;
    const char l = PlateLetterFor(c);
    if (l == '\0') return -1;
    c = l;
    ++fixes;
  }
  return fixes;
}

int AsDigits(std::string* s) {
  int fixes = 0;
  for (char& c : *s) {
    if (IsDigit(c)) continue;
    const char d = DigitFor(c);
    if (d == '\0') return -1;
    c = d;
    ++fixes;
  }
  return fixes;
}

// Region letters: when a digit stands where a region letter belongs, try each
// letter it may be (0 -> O or D) and prefer a known region code.
int AsRegion(std::string* s, bool* known) {
  const std::string orig = *s;
  int fixes = AsLetters(s);
  *known = fixes >= 0 && KnownRegion(*s);
  if (fixes < 0 || *known) return fixes;
  for (size_t i = 0; i < orig.size(); ++i) {
    if (IsUpper(orig[i])) continue;
    for (char alt : LettersFor(orig[i])) {
      std::string t = *s;
      t[i] = alt;
      if (KnownRegion(t)) {
        *s = t;
        *known = true;
        return fixes;
      }
    }
  }
  return fixes;
}

}  // namespace

PlateFix CorrectPlate(std::string_view canonical) {
  PlateFix best;
  best.value = std::string(canonical);
  std::string compact;
  std::vector<bool> space_before;  // a space preceded compact[i]
  bool saw_space = false, any_space = false;
  for (char c : canonical) {
    if (IsAlnum(c)) {
      space_before.push_back(saw_space && !compact.empty());
      any_space = any_space || (saw_space && !compact.empty());
      compact.push_back(c);
      saw_space = false;
    } else {
      saw_space = true;  // spaces, dots and dashes all separate parts
    }
  }
  const int n = static_cast<int>(compact.size());
  double best_cost = 1e9;
  for (int a = 1; a <= 2; ++a) {
    for (int b = 1; b <= 4; ++b) {
      const int c = n - a - b;
      if (c < 0 || c > 3) continue;
      std::string region = compact.substr(0, a), number = compact.substr(a, b),
                  suffix = compact.substr(a + b);
      bool known = false;
      const int f1 = AsRegion(&region, &known), f2 = AsDigits(&number), f3 = AsLetters(&suffix);
      if (f1 < 0 || f2 < 0 || f3 < 0) continue;
      double cost = f1 + f2 + f3 + (known ? 0.0 : 0.75);
      if (any_space) {
        // Printed spaces should fall on the part boundaries, and only there.
        for (int i = 1; i < n; ++i) {
          const bool boundary = i == a || (i == a + b && c > 0);
          if (boundary != space_before[i]) cost += 0.6;
        }
      }
      // Beyond this many changes the text is not a misread plate.
      if (cost > kMaxCost) continue;
      if (cost < best_cost) {
        best_cost = cost;
        best.value = region + " " + number + (c > 0 ? " " + suffix : "");
        best.fixes = f1 + f2 + f3;
        best.fits = true;
        best.region_known = known;
      }
    }
  }
  return best;
}

}  // namespace bpkb::fields
