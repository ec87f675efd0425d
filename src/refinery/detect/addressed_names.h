// Names of people speaking and spoken to that are places' names too. Many given names are
// ("Austin", "Chelsea", "Devon", "Georgia", "Jordan", "Paris"), and the tagger reads such a word
// as the place wherever nothing beside it says "person". Two things do: a clause of thanks,
// greeting, appeal or address before the name and the sentence's end after it ("Thanks,
// Dallas.", "Sit down, Devon.", "I love you, Sydney!"), and a script's or a transcript's layout
// of speakers' labels ("MARGARET: Sit down.\nDEVON: Mom, ...").
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace refinery::pii {

// Whether the one word [start, end) of `text` stands where a clause addresses someone: after
// ", " that ends a clause of at most six words which is a formula of thanks, greeting, farewell,
// apology, praise or appeal ("Thanks", "Good night", "Well done", "Sit down", "Come here") or
// ends in "you" or "me" with no capital after its first word ("I love you", "Listen to me"), and
// before the sentence's end (".", "!", "?", a line break, the text's end) or ", " and a word in
// lower case ("Thanks, Devon, for the ride"). "I moved to Leeds, Devon." and "the capital,
// Paris." are no such slot. Whether the word is a given name is the caller's test.
bool AddressedAtClauseEnd(std::string_view text, uint32_t start, uint32_t end);

// A script's or a transcript's speakers ("MARGARET: Sit down.\nDEVON: Mom, ..."): whether the
// word [start, end) of `text` is a label, at a line's start right before ": ".
bool IsLineLabel(std::string_view text, uint32_t start, uint32_t end);
// The starts of the first two lines of `text` that open with a label of capitals ("MARGARET: ")
// whose word `person` accepts: with one at another line, a label that is a place's name too
// ("DEVON") is a speaker. A newspaper's datelines ("LONDON: ...\nPARIS: ...") name no person to
// `person`. One pass over the text.
std::vector<uint32_t> PersonLabelLines(std::string_view text,
                                       const std::function<bool(std::string_view)>& person);

}  // namespace refinery::pii
