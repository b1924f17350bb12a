#include "bpkb/text/pattern_automaton.h"

#include <gtest/gtest.h>

namespace bpkb::text {
namespace {

bool Match(const std::string& pattern, const std::string& line) {
  PatternAutomaton a;
  Status s = PatternAutomaton::Compile(pattern, &a);
  EXPECT_TRUE(s.ok()) << pattern << ": " << s.message();
  return a.Matches(line);
}

TEST(PatternAutomaton, LiteralsAreAnchoredAndDotIsLiteral) {
  EXPECT_TRUE(Match("KIA", "KIA"));
  EXPECT_FALSE(Match("KIA", "KIAA"));
  EXPECT_FALSE(Match("KIA", "KI"));
  EXPECT_TRUE(Match("1.998 CC", "1.998 CC"));
  EXPECT_FALSE(Match("1.998 CC", "1X998 CC"));
  EXPECT_TRUE(Match("[.][(][)][+]", ".()+"));
  EXPECT_TRUE(Match("A\\+", "A+"));
}

TEST(PatternAutomaton, ClassesWithRangesAndSingles) {
  EXPECT_TRUE(Match("[A-HJ-NPR-Z0-9]{3}", "AZ9"));
  EXPECT_FALSE(Match("[A-HJ-NPR-Z0-9]{3}", "AI9"));  // no I in a VIN
  EXPECT_FALSE(Match("[A-HJ-NPR-Z0-9]{3}", "OQ1"));
  EXPECT_TRUE(Match("[A-Z .&-]+", "A & B-C."));
  EXPECT_TRUE(Match("[-A]+", "-A-"));  // leading '-' is literal
  EXPECT_TRUE(Match("[A-]+", "A-"));   // trailing '-' is literal
}

TEST(PatternAutomaton, GroupsAndAlternation) {
  EXPECT_TRUE(Match("(19|20)[0-9]{2}", "2013"));
  EXPECT_TRUE(Match("(19|20)[0-9]{2}", "1999"));
  EXPECT_FALSE(Match("(19|20)[0-9]{2}", "2113"));
  EXPECT_TRUE(Match("A|BC|", ""));
  EXPECT_TRUE(Match("A|BC|", "BC"));
  EXPECT_TRUE(Match("((A|B)C)+", "ACBCAC"));
  EXPECT_FALSE(Match("((A|B)C)+", "ACB"));
}

TEST(PatternAutomaton, Quantifiers) {
  EXPECT_TRUE(Match("AB?C", "AC"));
  EXPECT_TRUE(Match("AB?C", "ABC"));
  EXPECT_FALSE(Match("AB?C", "ABBC"));
  EXPECT_TRUE(Match("AB*C", "ABBBBC"));
  EXPECT_TRUE(Match("AB*C", "AC"));
  EXPECT_FALSE(Match("AB+C", "AC"));
  EXPECT_TRUE(Match("A{3}", "AAA"));
  EXPECT_FALSE(Match("A{3}", "AA"));
  EXPECT_FALSE(Match("A{3}", "AAAA"));
  EXPECT_TRUE(Match("A{2,}", "AAAAAAA"));
  EXPECT_FALSE(Match("A{2,}", "A"));
  EXPECT_TRUE(Match("A{0,2}B", "B"));
  EXPECT_TRUE(Match("A{0,2}B", "AAB"));
  EXPECT_FALSE(Match("A{0,2}B", "AAAB"));
  EXPECT_TRUE(Match("(AB){1,2}?C", "C"));  // stacked quantifiers
  EXPECT_TRUE(Match("(AB){1,2}?C", "ABABC"));
  EXPECT_FALSE(Match("(AB){1,2}?C", "ABABABC"));
}

TEST(PatternAutomaton, FieldPatternsOfTheGrammar) {
  const std::string plate = "[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?";
  EXPECT_TRUE(Match(plate, "B 1413 KLT"));
  EXPECT_TRUE(Match(plate, "AB 12"));
  EXPECT_FALSE(Match(plate, "B 14I3 KLT"));
  EXPECT_FALSE(Match(plate, "B 1413 KLTX"));
  const std::string date = "[0-3]?[0-9] ?- ?[01]?[0-9] ?- ?(19|20)[0-9]{2}";
  EXPECT_TRUE(Match(date, "1 - 7 - 2011"));
  EXPECT_TRUE(Match(date, "01-07-2011"));
  EXPECT_FALSE(Match(date, "1 - 7 - 2O11"));
  const std::string count = "(2 ?[(]DUA[)]|4 ?[(]EMPAT[)])";
  EXPECT_TRUE(Match(count, "2 (DUA)"));
  EXPECT_TRUE(Match(count, "4(EMPAT)"));
  EXPECT_FALSE(Match(count, "2 (EMPAT)"));
}

TEST(PatternAutomaton, EmptyPatternAcceptsAnything) {
  PatternAutomaton a;
  ASSERT_TRUE(PatternAutomaton::Compile("", &a).ok());
  EXPECT_TRUE(a.pattern_is_any());
  EXPECT_TRUE(a.Matches("ANY LINE 123"));
  EXPECT_TRUE(a.Matches(""));
}

TEST(PatternAutomaton, StepwiseWalkRefusesEarly) {
  PatternAutomaton a;
  ASSERT_TRUE(PatternAutomaton::Compile("[0-9]{2}X", &a).ok());
  int s = a.Start();
  s = a.Next(s, '1');
  ASSERT_NE(s, PatternAutomaton::kDead);
  EXPECT_FALSE(a.Accepting(s));
  EXPECT_EQ(a.Next(s, 'X'), PatternAutomaton::kDead);
  s = a.NextString(s, "2X");
  EXPECT_TRUE(a.Accepting(s));
  EXPECT_EQ(a.Next(s, 'X'), PatternAutomaton::kDead);
}

TEST(PatternAutomaton, MalformedPatternsAreErrorsNotCrashes) {
  for (const char* bad : {"(AB", "AB)", "[A-Z", "A{2", "A{3,1}", "*A", "A{99999}", "[Z-A]", "A\\",
                          "A{,2}", "?", "A{2}{", "]"}) {
    PatternAutomaton a;
    Status s = PatternAutomaton::Compile(bad, &a);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << bad;
  }
}

}  // namespace
}  // namespace bpkb::text
