#include "bpkb/fields/confusions.h"

namespace bpkb::fields {

char DigitFor(char letter) {
  switch (letter) {
    case 'O':
    case 'Q':
    case 'D':
    case 'U':
      return '0';
    case 'I':
    case 'L':
    case 'J':
    case 'T':
    case '|':
    case '!':
      return '1';
    case 'Z':
      return '2';
    case 'Y':
    case 'A':
      return '4';
    case 'S':
      return '5';
    case 'G':
    case 'b':
      return '6';
    case 'B':
      return '8';
    case 'g':
      return '9';
    default:
      return '\0';
  }
}

std::string_view LettersFor(char digit) {
  switch (digit) {
    case '0':
      return "ODQ";
    case '1':
      return "IJLT";
    case '2':
      return "Z";
    case '4':
      return "AY";
    case '5':
      return "S";
    case '6':
      return "G";
    case '7':
      return "T";
    case '8':
      return "B";
    default:
      return "";
  }
}

char LetterFor(char digit) {
  std::string_view l = LettersFor(digit);
  return l.empty() ? '\0' : l[0];
}

bool Confusable(char a, char b) {
  if (a == b) return true;
  if (DigitFor(a) == b || DigitFor(b) == a) return true;
  if (LettersFor(a).find(b) != std::string_view::npos) return true;
  if (LettersFor(b).find(a) != std::string_view::npos) return true;
  // Letter pairs of the print faces: K like R, C like L, M/W with a middle stroke.
  auto pair = [&](char x, char y) { return (a == x && b == y) || (a == y && b == x); };
  return pair('K', 'R') || pair('C', 'L') || pair('M', 'N') || pair('W', 'V') || pair('P', 'R') ||
         pair('E', 'F') || pair('C', 'G') || pair('U', 'V') || pair('H', 'N') || pair('O', 'D') ||
         pair('O', 'Q') || pair('I', 'L') || pair('I', 'J') || pair('I', 'T');
}

}  // namespace bpkb::fields
