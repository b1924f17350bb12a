#include "bpkb/text/ctc_decoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>

#include "text/ctc_frames.h"

namespace bpkb::text {
namespace {

// Class 0 blank, then these symbols.
const std::vector<std::string> kSymbols = {"", "A", "B", "C", "I", "K", "L", "O", "0", "1", " "};

CtcMatrix Frames(const std::vector<std::map<char, float>>& frames) {
  return testing::Frames(kSymbols, frames);
}

CtcMatrix Sure(const std::string& path) {  // "_A_B" -> near-certain frames
  std::vector<std::map<char, float>> f;
  for (char c : path) f.push_back({{c, 0.99f}});
  return Frames(f);
}

TEST(CtcDecoder, LogSoftmaxNormalisesRows) {
  CtcMatrix m;
  m.frames = 2;
  m.classes = 3;
  m.logp = {1.0f, 2.0f, 3.0f, 0.0f, 0.0f, 0.0f};
  LogSoftmaxRows(&m);
  for (int t = 0; t < 2; ++t) {
    double sum = 0;
    for (int k = 0; k < 3; ++k) sum += std::exp(m.row(t)[k]);
    EXPECT_NEAR(sum, 1.0, 1e-5);
  }
  EXPECT_NEAR(std::exp(m.row(1)[0]), 1.0 / 3, 1e-5);
}

TEST(CtcDecoder, GreedyCollapsesRepeatsAndBlanks) {
  Decoded d = GreedyDecode(Sure("_KK_I_AA__"), kSymbols);
  EXPECT_EQ(d.text, "KIA");
  ASSERT_EQ(d.char_confidences.size(), 3u);
  EXPECT_GT(d.confidence, 0.9);
  EXPECT_EQ(GreedyDecode(Sure("OO_O"), kSymbols).text, "OO");  // blank separates a double
  EXPECT_EQ(GreedyDecode(Sure("____"), kSymbols).text, "");
}

TEST(CtcDecoder, ForwardProbabilityMatchesBruteForce) {
  CtcMatrix m =
      Frames({{{'A', 0.5f}, {'_', 0.3f}}, {{'A', 0.4f}, {'B', 0.3f}}, {{'_', 0.6f}, {'B', 0.2f}}});
  // enumerate every path of 3 frames, collapse, and sum by text
  std::map<std::vector<int>, double> by_text;
  for (int a = 0; a < m.classes; ++a)
    for (int b = 0; b < m.classes; ++b)
      for (int c = 0; c < m.classes; ++c) {
        std::vector<int> path = {a, b, c}, labels;
        int prev = 0;
        for (int k : path) {
          if (k != 0 && k != prev) labels.push_back(k);
          prev = k;
        }
        by_text[labels] += std::exp(m.row(0)[a] + m.row(1)[b] + m.row(2)[c]);
      }
  for (const auto& [labels, p] : by_text) {
    EXPECT_NEAR(std::exp(CtcLogLikelihood(m, labels)), p, 1e-6);
  }
  EXPECT_EQ(CtcLogLikelihood(m, {1, 2, 1, 2}), -INFINITY);  // needs more frames
}

// The forward algorithm runs in probabilities, rescaled every frame: over a long,
// unlikely line (products far below the smallest double) it still gives the sum
// that the same recursion gives in logs.
TEST(CtcDecoder, ForwardProbabilityOfALongUnlikelyLineMatchesTheLogDomain) {
  std::vector<std::map<char, float>> f;
  for (int t = 0; t < 600; ++t) f.push_back({{'_', 0.05f}, {t % 3 == 0 ? 'A' : 'B', 0.01f}});
  CtcMatrix m = Frames(f);
  const std::vector<int> labels = {1, 2, 1, 2, 1, 2, 1, 2, 3, 3};
  // the reference: the textbook recursion in log space
  auto add = [](double a, double b) {
    if (a == -INFINITY) return b;
    if (b == -INFINITY) return a;
    return std::max(a, b) + std::log1p(std::exp(-std::abs(a - b)));
  };
  const int s_len = 2 * static_cast<int>(labels.size()) + 1;
  auto label_at = [&](int s) { return s % 2 == 0 ? 0 : labels[s / 2]; };
  std::vector<double> a(s_len, -INFINITY), next(s_len);
  a[0] = m.row(0)[0];
  a[1] = m.row(0)[labels[0]];
  for (int t = 1; t < m.frames; ++t) {
    for (int s = 0; s < s_len; ++s) {
      double v = a[s];
      if (s >= 1) v = add(v, a[s - 1]);
      if (s >= 2 && s % 2 == 1 && label_at(s) != label_at(s - 2)) v = add(v, a[s - 2]);
      next[s] = v + m.row(t)[label_at(s)];
    }
    std::swap(a, next);
  }
  const double expected = add(a[s_len - 1], a[s_len - 2]);
  ASSERT_LT(expected, -800.0);  // exp() of it is 0 in double
  EXPECT_NEAR(CtcLogLikelihood(m, labels), expected, 1e-6 * std::abs(expected));
}

TEST(CtcDecoder, UnconstrainedBeamFindsTheMostLikelyText) {
  // best path is "_" everywhere (empty), but "A" summed over its paths wins
  CtcMatrix m = Frames({{{'_', 0.4f}, {'A', 0.35f}}, {{'_', 0.4f}, {'A', 0.35f}}});
  EXPECT_EQ(GreedyDecode(m, kSymbols).text, "");
  Decoded d = ConstrainedDecode(m, kSymbols, nullptr, {}, false);
  EXPECT_EQ(d.text, "A");
}

TEST(CtcDecoder, PatternPicksTheDigitTheFieldNeeds) {
  // the model prefers the letter O over the digit 0 in the second position
  CtcMatrix m = Frames({{{'1', 0.9f}}, {{'_', 0.9f}}, {{'O', 0.6f}, {'0', 0.35f}}, {{'_', 0.9f}}});
  EXPECT_EQ(GreedyDecode(m, kSymbols).text, "1O");
  PatternAutomaton digits;
  ASSERT_TRUE(PatternAutomaton::Compile("[0-9]{2}", &digits).ok());
  Decoded d = ConstrainedDecode(m, kSymbols, &digits, {}, false);
  EXPECT_EQ(d.text, "10");
  EXPECT_TRUE(d.fits_pattern);
  ASSERT_EQ(d.char_confidences.size(), 2u);
  EXPECT_NEAR(d.char_confidences[1], 0.35, 0.01);
  EXPECT_LT(d.confidence, 0.5);  // the corrected character was not sure
}

TEST(CtcDecoder, NoTextFitsThePatternMeansLowConfidence) {
  CtcMatrix m = Sure("A_B");
  PatternAutomaton digits;
  ASSERT_TRUE(PatternAutomaton::Compile("[0-9]{4}", &digits).ok());  // needs 4 frames
  Decoded d = ConstrainedDecode(m, kSymbols, &digits, {}, false);
  EXPECT_FALSE(d.fits_pattern);
  EXPECT_EQ(d.text, "AB");  // what is printed, flagged
  EXPECT_LE(d.confidence, 0.5);
}

TEST(CtcDecoder, ClearTextOutsideTheGrammarIsKeptNotForced) {
  // "0 C" read with certainty; a pattern wanting two digits would have to invent one
  std::vector<std::map<char, float>> frames;
  for (char c : std::string("_0_ _C_")) frames.push_back({{c, 0.99999f}});
  CtcMatrix m = Frames(frames);
  PatternAutomaton two;
  ASSERT_TRUE(PatternAutomaton::Compile("[0-9]{2} C", &two).ok());
  Decoded d = ConstrainedDecode(m, kSymbols, &two, {}, false);
  EXPECT_EQ(d.text, "0 C");
  EXPECT_FALSE(d.fits_pattern);
  EXPECT_LT(d.confidence, 0.6);
}

TEST(CtcDecoder, LexiconEntryWinsWhenClose) {
  // "CLA" by a nose over "KIA": C/K and L/I are both uncertain
  CtcMatrix m = Frames({{{'C', 0.5f}, {'K', 0.45f}},
                        {{'_', 0.9f}},
                        {{'L', 0.5f}, {'I', 0.45f}},
                        {{'_', 0.9f}},
                        {{'A', 0.95f}}});
  EXPECT_EQ(GreedyDecode(m, kSymbols).text, "CLA");
  Decoded open = ConstrainedDecode(m, kSymbols, nullptr, {"KIA", "BMW"}, false);
  EXPECT_EQ(open.text, "KIA");
  EXPECT_TRUE(open.from_lexicon);
  // an entry far less likely than what is printed is not forced on an open field
  CtcMatrix clear = Sure("C_L_A");
  EXPECT_EQ(ConstrainedDecode(clear, kSymbols, nullptr, {"KIA"}, false).text, "CLA");
  // a closed lexicon accepts a larger gap
  Decoded closed = ConstrainedDecode(m, kSymbols, nullptr, {"KIA", "BOB"}, true);
  EXPECT_EQ(closed.text, "KIA");
}

TEST(CtcDecoder, OpenLexiconTakesANearEntryTheModelDoubts) {
  // "BLA" is read, but the B is doubtful (K a few nats behind): the open lexicon's
  // "KLA" wins; with two clear characters to change, "KIB" does not
  CtcMatrix m = Frames(
      {{{'B', 0.9f}, {'K', 0.02f}}, {{'_', 0.9f}}, {{'L', 0.95f}}, {{'_', 0.9f}}, {{'A', 0.95f}}});
  Decoded d = ConstrainedDecode(m, kSymbols, nullptr, {"KLA"}, false);
  EXPECT_EQ(d.text, "KLA");
  EXPECT_TRUE(d.from_lexicon);
  EXPECT_EQ(ConstrainedDecode(m, kSymbols, nullptr, {"KIB"}, false).text, "BLA");
}

TEST(CtcDecoder, LabelTextBeforeAFixedLengthValueIsCutOff) {
  // "L" + "AB": the pattern wants exactly two characters; the clear leading L
  // is label text beside the value (too clear to be read as a blank)
  CtcMatrix m =
      Frames({{{'L', 0.99999f}}, {{'_', 0.99f}}, {{'A', 0.99f}}, {{'_', 0.99f}}, {{'B', 0.99f}}});
  PatternAutomaton two;
  ASSERT_TRUE(PatternAutomaton::Compile("[A-C]{2}", &two).ok());
  Decoded d = ConstrainedDecode(m, kSymbols, &two, {}, false);
  EXPECT_EQ(d.text, "AB");
  EXPECT_TRUE(d.fits_pattern);
  EXPECT_GT(d.confidence, 0.5);
  DecodeOptions no_cut;
  no_cut.max_leading_junk = 0;
  Decoded kept = ConstrainedDecode(m, kSymbols, &two, {}, false, no_cut);
  EXPECT_FALSE(kept.fits_pattern);
  EXPECT_LT(kept.confidence, 0.5);
}

TEST(CtcDecoder, AlignmentGivesOneConfidencePerCharacter) {
  CtcMatrix m = Frames({{{'K', 0.7f}}, {{'K', 0.8f}}, {{'_', 0.9f}}, {{'A', 0.6f}}});
  std::vector<int> labels;
  ASSERT_TRUE(TextToLabels("KA", kSymbols, &labels));
  auto conf = AlignConfidences(m, labels);
  ASSERT_EQ(conf.size(), 2u);
  EXPECT_NEAR(conf[0], 0.8, 1e-4);
  EXPECT_NEAR(conf[1], 0.6, 1e-4);
  EXPECT_FALSE(TextToLabels("KZ", kSymbols, &labels));  // Z has no class
  EXPECT_TRUE(AlignConfidences(m, {1, 2, 3, 4, 5}).empty());
}

TEST(CtcDecoder, EmptyMatrixIsHandled) {
  CtcMatrix m;
  m.classes = static_cast<int>(kSymbols.size());
  EXPECT_EQ(GreedyDecode(m, kSymbols).text, "");
  EXPECT_EQ(ConstrainedDecode(m, kSymbols, nullptr, {"KIA"}, true).text, "");
}

}  // namespace
}  // namespace bpkb::text
