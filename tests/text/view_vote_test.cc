#include "bpkb/text/view_vote.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "text/ctc_frames.h"

namespace bpkb::text {
namespace {

const std::vector<std::string> kSymbols = {"", "5", "S", "8", "0"};

CtcMatrix Frames(const std::vector<std::map<char, float>>& frames) {
  return testing::Frames(kSymbols, frames);
}

Decoded Text(const std::string& t, bool fits = true) {
  Decoded d;
  d.text = t;
  d.fits_pattern = fits;
  return d;
}

TEST(ViewVote, ViewsThatAgreeOutvoteOneThatBarelyDisagrees) {
  // first view: 5 slightly over S; the two other views: S clearly
  CtcMatrix first = Frames({{{'_', 0.9f}}, {{'5', 0.5f}, {'S', 0.45f}}, {{'_', 0.9f}}});
  CtcMatrix second = Frames({{{'S', 0.8f}, {'5', 0.15f}}, {{'_', 0.9f}}});
  CtcMatrix third =
      Frames({{{'_', 0.9f}}, {{'_', 0.9f}}, {{'S', 0.7f}, {'5', 0.2f}}, {{'_', 0.9f}}});
  Decoded five = Text("5"), ess = Text("S");
  std::vector<double> scores;
  EXPECT_EQ(VoteAcrossViews({&first}, {&five, &ess}, kSymbols), 0);
  EXPECT_EQ(VoteAcrossViews({&first, &second, &third}, {&five, &ess}, kSymbols, 0.0, &scores), 1);
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_GT(scores[1], scores[0]);
}

TEST(ViewVote, AProposalThatFitsTheGrammarBeatsALikelierOneThatDoesNot) {
  CtcMatrix first = Frames({{{'8', 0.8f}, {'0', 0.15f}}, {{'_', 0.9f}}});
  Decoded eight = Text("8", false), zero = Text("0", true);
  EXPECT_EQ(VoteAcrossViews({&first}, {&eight, &zero}, kSymbols), 1);
}

TEST(ViewVote, NoUsableProposalIsMinusOne) {
  CtcMatrix first = Frames({{{'8', 0.8f}}});
  Decoded unknown = Text("X");
  EXPECT_EQ(VoteAcrossViews({&first}, {}, kSymbols), -1);
  EXPECT_EQ(VoteAcrossViews({&first}, {&unknown}, kSymbols), -1);
  // two labels cannot fit in one frame
  Decoded two = Text("80");
  EXPECT_EQ(VoteAcrossViews({&first}, {&two}, kSymbols), -1);
}

}  // namespace
}  // namespace bpkb::text
