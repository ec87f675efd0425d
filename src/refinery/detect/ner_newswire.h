// Newswire layout that the tagger's training data (tweets, Wikipedia, GUM, web text) hardly has:
// dateline lines and sports result lines. Both are recognised from the line's shape alone, after
// the tagger has run, and override its tags on that line.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/ner_tokenizer.h"

namespace refinery::ner {

// Over the tokens of `text` and their BIO tags (ner_model.h):
// - first, two bracketed or credited conventions of captions and catalogues anywhere in the
//   text: the photographer of a credit ("Photo: Thoko Banda/AFP", "Photo / Mark Tantrum,
//   Photosport") and the name before a life's years ("Maqbool Fida Husain (1915-2011)",
//   "Tupua Tamasese Lealofi III (1901–1929)") are persons, whatever the tagger read there;
// - a dateline in capitals before a colon that opens the text and that the gazetteer holds
//   ("KOTA BHARU: A 70-year-old man", "COLOMBO: President ..."), not a transcript's speaker;
// - a dateline, a line of one to five capitalised words (commas between them allowed) followed by
//   only a date or a wire-service credit ("LONDON 1996-08-30", "SAN JOSE , Costa Rica
//   1996-08-22", "WASHINGTON (Reuters) -"), names places: its words become LOCATION (one entity
//   per comma-separated part), with `margins` set positive (the tagger's own evidence is often a
//   person: "PARIS 1996-08-30");
// - a result line, two runs of capitalised words each followed by a whole number and nothing
//   else ("ST LOUIS 3 Chicago 2", "Arsenal 2 Liverpool 0"), names two teams: each run becomes one
//   ORGANIZATION, never a person or a place; a bracketed list of scorers after a team's score
//   ("Ajax 3 (Kluivert 12, Litmanen 40) Feyenoord 1 (Larsson 55)") names persons.
// - golf leaderboards ("136 Colin Montgomerie 68 68 , Ernie Els ( South Africa ) 67 69"),
//   cricket scorecards ("G. Thorpe not out 54", "M. Atherton c Moin Khan b Wasim Akram 31") and
//   scorers with the minute ("Klinsmann ( 23rd minute )") name persons; the team of a standings
//   row ("BALTIMORE 68 60 .531 6") that the tagger read as a person or place is an organisation;
// - a dateline that the story follows on the same line ("BONN 1996-08-22 German Chancellor ...",
//   "KUALA LUMPUR, July 7 — The ...", "NEW YORK, Jan. 5, 2024 (Reuters) - ...") names a place as
//   well, when it is in capitals and its date is written year first or as a month's name and a
//   day followed by a dash;
// - then MarkEponymousFirms over the whole text.
// Linear in the number of tokens.
void MarkNewswireLines(std::string_view text, const std::vector<Token>& tokens,
                       const NerGazetteer& gazetteer, std::vector<uint8_t>& tags,
                       std::vector<int32_t>& margins);

// Firms named after people, which the tagger reads as persons: a short hand-written list of
// eponymous firms ("Merrill Lynch", "Dean Witter", "Marks & Spencer") and partnerships by their
// shape ("Lehman Brothers", "Allen & Co") become one ORGANIZATION with the corporate words after
// them ("Philip Morris Cos Inc", "Ben & Jerry 's").
void MarkEponymousFirms(std::string_view text, const std::vector<Token>& tokens,
                        std::vector<uint8_t>& tags);

// A sports club named with its abbreviation before the town or name ("AC Milan", "SS Lazio",
// "AFC Ajax", "SV Werder Bremen"): the abbreviation and one or two title-case words after it
// become one ORGANIZATION (the tagger read "AC Milan" as a person, "Lazio" alone as a place).
// An abbreviation that also names other things ("AC", "CD", "AS", "NK") opens a club only
// before a place of the gazetteer ("AC Milan", not "AC Power"). So does a word that opens clubs'
// names before a city of the gazetteer that is no common word ("Sporting Lisbon", "Dynamo
// Kyiv", "Rapid Vienna"; not "Rapid City"), its `margins` set positive. `word_hashes` are the
// tokens' TokenHash values (NerScratch::word_hashes).
void MarkClubNames(std::string_view text, const std::vector<Token>& tokens,
                   const std::vector<uint64_t>& word_hashes, const NerGazetteer& gazetteer,
                   std::vector<uint8_t>& tags, std::vector<int32_t>& margins);

// Market reports name listed firms by their shares and their prices: "shares of Daimler-Benz",
// "shares in Fiat", "Fiat shares fell", "Olivetti 's shares", and a one- or two-word person whose
// price moves, "Allianz fell 10.10 to 359.23", "Cap Gemini lost 3.7 per cent" (no given name in
// it). Such a run of capitalised words that the tagger left untagged or read as a person is an
// ORGANIZATION (and so are the firm's other mentions read as persons), unless it is a known
// place ("Paris shares", "Milan stocks": a LOCATION) or a people ("European shares"), or a word
// general text writes in lower case ("Bank shares", "Technology shares"). So is such a run the
// tagger left alone whose price moves ("Lloyds TSB fell 3 pence"), a list of two names or more
// before "were" and their state or "led the" and the market's move ("Hutchison Whampoa and
// Cheung Kong were steady", "IBM , Philip Morris and Merck led the advance"), and a firm before
// its officer without "'s" when the tagger read the person ("Daimler-Benz chief executive
// Juergen Schrempp").
// `leads` (3 per token, NerScratch::leads): a retagged token's lead of a person is set to 0 at
// most, so that no later rule reads it back as a surname.
void MarkMarketReportNames(std::string_view text, const std::vector<Token>& tokens,
                           const NerGazetteer& gazetteer, std::vector<uint8_t>& tags,
                           std::vector<int32_t>& leads);

// Whether `text` is about sport: it holds (in any case) a word of sport such as "league",
// "club", "season", "coach", "match", "goal", "striker", "innings", "overtime", or one of
// `more_words` (lower case; a rule's own, read over the same lower-cased copy of the text).
// Rules call it only once a cue of theirs matched, and at most once a text: it reads the whole
// text.
bool AboutSport(std::string_view text, std::span<const std::string_view> more_words = {});

// Whether `text`, read in ASCII lower case, holds one of `words` or of `more_words` (lower case)
// anywhere: one lower-cased copy of the whole text. AboutSport's test, for other word lists.
bool HoldsAnyWordIgnoringCase(std::string_view text, std::span<const std::string_view> words,
                              std::span<const std::string_view> more_words = {});

// "Surrey beat Kent", "Italy drew with Wales": the two sides of a match are of one kind. Over
// the tagger's final entities: when one side is a team or country and the other a one-word
// person ("Kent", a given name too), the person takes the other's label, and the word's other
// one-word person mentions in the text become organisations (teams); a one-word place against
// an organisation is that town's club ("Porto drew with Benfica"). Two one-word sides of one
// label with a score after them or between them ("Milan beat Roma 2-1", "Leeds drew 2-2 with
// Middlesbrough"), one a town of the gazetteer and neither a country, are clubs too. Otherwise
// two persons ("Sampras beat Agassi"), two places ("Italy drew with Wales", "Italy beat Wales
// 2-1") and multi-word persons stay as they are.
// A full name against one word the tagger read as a place that is no place of the gazetteer
// ("Serena Williams beat Sharapova") makes that word a person too.
void MarkMatchOpponents(std::string_view text, const NerGazetteer& gazetteer,
                        std::vector<NerEntity>& entities);

// "played with Footscray and North Melbourne", "traded to the Toronto Blue Jays", "coached North
// Melbourne": in a text about sport (it names a league, club, season, coach, player, match, goal
// or the like), a place right after a verb of playing for, joining or leaving a team is the team,
// a club named after its town, and so is a place or one-word person joined to such a club by
// "and" or a comma ("with Geelong and Carlton"), and a place after "from" ("joined Leeds from
// Liverpool"). The clubs' other mentions as places or persons in the text, in any case ("LEEDS
// BEAT ARSENAL"), become organisations too. Other persons stay ("played with John Smith").
// A one-word person or place right before a player's position ("Chelsea striker Gianluca
// Vialli", "Juventus midfielders") is the club too, in any text, unless it is a country of the
// gazetteer ("Brazil striker": the national side, a place), and so is a one-word town that opens
// its sentence with a plural verb in a text about sport ("Napoli are in talks", "Brentford were
// beaten"; not a name ending in "s").
void MarkClubsAfterSportsVerbs(std::string_view text, const NerGazetteer& gazetteer,
                               std::vector<NerEntity>& entities);

// A one-word entity in a line written in capitals (a headline: "BUBKA OUT OF ZURICH MEETING")
// that the tagger read as a person where every other mention of the same word in the text is
// a place, or every one an organisation (the dateline's "ZURICH", the story's "Zurich"), takes
// their label: the tagger reads capitals poorly. Linear in the text.
void MarkHeadlineLabels(std::string_view text, std::vector<NerEntity>& entities);

// Whether `span` (words separated by single spaces, as a tagger entity's bytes are) starts with
// a firm of that list: the rule-based name finder's "Philip Morris" gives way to it.
bool StartsWithEponymousFirm(std::string_view span);

}  // namespace refinery::ner
