// Text primitives that behave like the Python string methods the reference quality filters
// (datatrove) are written with, so that Refinery's rules count lines, words and whitespace the
// way the published recipes do:
//   - whitespace is Python's str.isspace() (NBSP, U+2000..U+200A, U+3000, U+0085, ... included),
//   - str.strip()/lstrip()/rstrip() and str.split() use that whitespace,
//   - str.splitlines() breaks at \n, \r, \r\n, \v, \f, \x1c..\x1e, U+0085, U+2028, U+2029,
//   - str.isalpha() is a letter (general category L*), len() counts code points.
// Every function takes and returns views into valid UTF-8 text (invalid bytes count as one
// non-space, non-letter character each, never as an out-of-bounds read).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace refinery::quality {

// Decodes the code point at text[i] and sets `len` to its byte length (1 for an invalid byte).
char32_t DecodeAt(std::string_view text, size_t i, size_t& len);

// Python's str.isspace() for one code point.
bool IsPySpace(char32_t cp);
// Python's str.isalpha() for one code point (Unicode general category L*).
bool IsPyAlpha(char32_t cp);
// Unicode general category P* (spaCy's is_punct).
bool IsUnicodePunct(char32_t cp);
// Lower-case letters (Ll) and upper-case letters (Lu, Lt).
bool IsLower(char32_t cp);
bool IsUpper(char32_t cp);
// Symbols of general category So (emoji, ©, °, ...).
bool IsOtherSymbol(char32_t cp);

std::string_view PyStrip(std::string_view s);
std::string_view PyLStrip(std::string_view s);
std::string_view PyRStrip(std::string_view s);

// str.splitlines() (without keepends): "a\n" gives ["a"], "" gives [].
void PySplitLines(std::string_view text, std::vector<std::string_view>& out);
// str.split() without arguments: runs of whitespace separate, none are empty.
void PySplitWhitespace(std::string_view text, std::vector<std::string_view>& out);
// len(text.split()), counting no further than `at_most`.
size_t PyCountWords(std::string_view text, size_t at_most);

// One code point of datatrove's PUNCTUATION_SET (gopher "symbol" words are made only of these).
bool InPunctuationSet(char32_t cp);
// One code point of datatrove's TERMINAL_PUNCTUATION (FineWeb's line-end marks): Unicode's
// Sentence_Terminal characters, the apostrophe and the Khmer end-of-sentence signs.
bool InTerminalPunctuation(char32_t cp);
// spaCy's sentencizer punctuation: the Sentence_Terminal characters.
bool IsSentenceTerminal(char32_t cp);

// The last code point of `s` (0 when empty).
char32_t LastCodePoint(std::string_view s);

// Number of code points (Python len()).
size_t PyLen(std::string_view s);

}  // namespace refinery::quality
