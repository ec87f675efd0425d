// Names that the words around them mark as persons' where the tagger sees nothing that reads
// like a person ("Palmeri and Gazio (1995)" read as two places, "Vygotsky (1978)" as a firm,
// "Lynch v. Overholser" and "Chahine told reporters" as nothing): the authors of references and
// of in-text citations, the parties of court cases, and the speakers of reported speech. Each
// rule adds PERSON candidates, and is linear in the text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// A span [start, end) of a text, in bytes.
struct Span {
  size_t start = 0, end = 0;
};

// Adds `found` as PERSON candidates of `detector` at `score`, except where a candidate of a type
// in `blocking` (bits 1 << PiiType, 64 of them: there are more than 32 types, and a 32-bit
// shift by a later type's number was undefined) already in `out` overlaps one: the tagger's
// longer span stays ("Emil Du Bois-Reymond ( 1818-1896 )" is not cut to "Bois-Reymond"). One
// sort, a binary search per name.
void AddUnlessOverlapping(const std::vector<Span>& found, uint64_t blocking, float score,
                          const char* detector, Candidates& out);

// Whether `w` ends as plurals that name groups of people do ("Forecasters", "Scientists",
// "Residents", "Employees"; any case).
bool PluralOfPeople(std::string_view w);

// Adds a PERSON candidate (detector "person_citation") for each author of a reference written
// "Surname, I." ("Garcia-Lopez, M. (2021).", "Nguyen, T. H., Okafor, C., & Brandt, W. (2018).",
// "van der Berg, P."): the surname's words right before ", ", then one to four initials, then the
// next author, "&", "and", "et al.", the year or the line's end, on a line that names a year of
// publication in parentheses. Not "Washington, D.C." or a legal form ("Renault, S.A.").
void AddCitationNames(std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_citation") for each author of an author-date
// citation in running text:
// - narrative, the names right before a year in parentheses: "Kahneman and Tversky (1979)",
//   "Hochreiter et al. (1997)", "Palmeri and Gazio ( 1995 )", "Vygotsky's (1978)". One name
//   alone needs more: it is in the name lists, a reporting verb follows ("Bourdieu (1986)
//   argued"), a citing word precedes ("following", "by", "see", "cf.", ...) or a given name
//   does ("Ashley Whitfield (2003)");
// - parenthetical, the names before a year inside parentheses, first or after ";" or a citing
//   word: "(Gigerenzer, 1996; Stanovich and West 2000)", "(see Lave & Wenger, 1991)".
// A given name or initials right before a surname are part of its span. Months, seasons,
// acronyms ("(WHO 2019)"), countries, regions and big cities ("(Tokyo 2020)"), words nearly
// always written in lower case ("Heat (1995)", "(Windows 2000)") and groups are no authors.
void AddInTextCitationNames(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_case_party") for each party of a court case named
// "A v. B", "A v B", "A vs. B" or "A versus B" that is a person's name: a surname alone ("Roe
// v. Wade", "Lynch v. Overholser") or a given name and a surname. Only where the line speaks of
// law ("court", "case", "ruling", "appeal", "plaintiff", a law report such as "410 U.S. 113" or
// "F.3d" ...) or a year or report number follows the second party: "Liverpool v Chelsea" is a
// match. States, countries, the Crown ("R v Smith"), boards, companies and offices are no
// persons ("Brown v. Board of Education": Brown only).
void AddCaseParties(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_speaker", score kNerPersonScore) for the name right
// before a verb of speech or after whose possessive a relative or a death is named, where the
// tagger found nothing there: "Chahine told reporters", "Radical Shiite cleric Muqtada al-Sadr
// said", "Arafat's death", "Shojai's wife". One to four capitalised words (particles and "al-"
// inside), leading titles and sentence words left out, not a group, an acronym, a country,
// region or big city, or a word nearly always written in lower case ("Officials said"). The
// verbs only people do ("whispered", "laughed", "shrugged") and the possessives take any such
// name; "said", "told", "added", ... need a name of the lists or words the tagger's case profile
// does not know ("Shojai"): a known proper noun before "said" is as often a firm ("Kremlin").
// Never over a span the tagger has (its "Microsoft said" stays an organisation).
// Adds a PERSON candidate (detector "person_judge", kDisplayNameScore) for each judge named
// before a court's office in an opinion's header: "Before McMILLIAN, BEAM and MURPHY, Circuit
// Judges.", "LOKEN, Chief Judge, SMITH, Circuit Judge, and DORR,1 District Judge.", "HENLEY,
// Circuit Judge:". The names (one to four words, in capitals or not, footnote marks after them
// dropped) are read back from ", <Circuit|District|Chief|Senior|Magistrate|...> Judge(s)" over
// ", " and "and" to "Before", a colon, a line's start or a word that is no name.
void AddJudges(std::string_view text, Candidates& out);

// Whether `initials` ("D.C.", "U.S.A.", "A.K.A.") are an abbreviation rather than a person's
// initials: places, legal forms and words written so.
bool AbbreviationNotInitials(std::string_view initials);

// Adds a PERSON candidate (detector "person_initials", kNerPersonScore) for the initials that
// stand for a person in anonymised text (judgments, case reports, clinical notes): two or three
// capitals, each with its full stop, set off by a comma or an opening parenthesis after a word
// for a person, and ended by a comma, a closing parenthesis, " and ", a line break or the text's
// end:
// "the applicant's son, G.M., accused", "The witness, A.B., stated", "The patient (J.D., 45)".
// Not "Washington, D.C." or "Renault, S.A." (no person's word before them).
void AddInitialledPersons(std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_initial", 0.75) for one to three initials and a
// surname that no candidate holds, as minutes, references and letters write names ("M.
// O'Sullivan", "J. McAllister", "J. R. Hartley"): the initials at a word's start and after no
// given name or capitalised word but a title; the surname a capitalised name word that general
// text does not write in lower case and no gazetteer holds as a place (SurnameWord).
void AddInitialSurnames(const ner::NerModel& model, std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_native_script", the person's score) for a name
// written in its own script in parentheses right after a person's name in Latin letters, as
// news and biographies give it: "Tanaka Hiroshi (田中 博)", "Xi Jinping (习近平)", "Vladimir Putin
// (Владимир Путин)". The parentheses hold one to four words of letters beyond ASCII (no ASCII
// letter or digit), at most 60 bytes. Reads the PERSON candidates already in `out`.
void AddNativeScriptNames(std::string_view text, Candidates& out);

// Adds a PERSON candidate (detector "person_booking", kNerPersonScore) for a name written as
// airline and travel bookings write it, surname and given names in capitals around a slash
// ("DOE/JANE MS", "AL-FARSI/ABDULLAH MR", "SMITH/JOHN PAUL"), when a title follows (MR, MRS, MS,
// MISS, MSTR, DR) or a passenger's or guest's label comes before ("Passenger: DOE/JANE"). The
// span is the name without its title. Found from the text's slashes (memchr).
void AddBookingNames(std::string_view text, Candidates& out);

// `tokens` and `word_hashes` are the tagger's of `text` (NerScratch after Tag): a token is looked
// at only after a capitalised word, and then only by its hash.
void AddReportedSpeakers(const ner::NerModel& model, std::string_view text,
                         const std::vector<ner::Token>& tokens,
                         const std::vector<uint64_t>& word_hashes, Candidates& out);

// Adds a PERSON candidate (detector "person_pronoun", kNerPersonScore) for a sentence's first
// word that is a given name ("Hope", "Miles", "Precious": words of general text too, which the
// tagger reads as those words) right before a word in lower case, when a personal pronoun of
// the third person refers to someone later in that sentence or starts the next one: "Miles said
// he'd bring the grill.", "Hope finally called me back. She says ...", "Precious won the
// spelling bee at her school". A given name is one of the name lists or one given to at least
// 200 US babies a year; countries and regions are left out ("Georgia passed its budget"), and
// a span of the tagger's or of another rule's person there stays.
void AddPronounSubjects(const ner::NerModel& model, std::string_view text,
                        const std::vector<ner::Token>& tokens, Candidates& out);

// Adds a PERSON candidate (detector "person_subject", kNerPersonScore) for two or three
// title-case words that no list or gazetteer holds as anything but a given name, the last
// unknown to them all, written as a clause's subject: at a sentence's start (or after its first
// word when general text writes that in lower case: "Yesterday Bolormaa Gantulga opened"), after
// a lower-case word or a comma, and right before a verb that needs a subject (a past form, a
// present one in -s, a perfect's "has" or "had" and a participle, or an adverb and one: "Sina
// Tuilagi won gold", "Idir Ait Oumghar sells argan oil", "Gunnhildur Sigurðardóttir has
// joined"), that verb after their home of one listed word ("Siosaia Fifita of Nuku'alofa
// captained"), or a person's relative clause (", who" or ", whose": "Aroha Ngata, who was
// elected"); also one or two words of a cleft's focus before "who" ("It was Xhaka who started
// the move"). Names of traditions the lists lack are written so; the tagger, not knowing the
// words, read nothing. Also one word alone inside a sentence, after a lower-case word that is
// no article or possessive, that the lists hold as a given name, before a past form or an
// adverb and a verb ("lol Amber just moved", "I think Crystal still lives near"). A span of the
// tagger's or another rule's person, place or organisation there stays.
void AddUnknownNameSubjects(const ner::NerModel& model, std::string_view text,
                            ner::NerScratch& scratch, Candidates& out);

// Whether the word at token `k` (in lower case) is a verb's form that wants a subject before it:
// a past form in -ed, a present one in -s (not -ss, -us, -is), one of the irregular ones
// ("said", "told", "went", "won" ...), a perfect's "has" or "had" before a participle, or an
// adverb in -ly or of time before such a verb; with `progressive`, "is" or "was" before a form
// in -ing too. No copula or modal alone: "Hope is a powerful thing", "Savannah is lovely" name
// no person as often as they do.
bool SubjectVerbAt(std::string_view text, const std::vector<ner::Token>& tokens, size_t k,
                   bool progressive = false);

// Adds a PERSON candidate (detector "person_honorific", kNerPersonScore) for the one or two
// title-case words right before an honorific that South Asian English writes after a name
// ("Ankit sir's lectures", "Rao garu is coming", "Call Sunil bhai", "Sharma ji said"): words
// that general text does not write in lower case (the case profile: "Yes sir", "Good morning
// sir"), no greeting ("Namaste sir"), kinship or religious word ("Mata ji", "Guru ji"), title,
// group, country or region; a span of the tagger's or another rule's person there stays.
void AddHonorificNames(const ner::NerModel& model, std::string_view text,
                       const std::vector<ner::Token>& tokens, Candidates& out);

}  // namespace refinery::pii
