// Internal to the PII detector: candidate spans (byte offsets) and the hand-written scanners
// that turn a trigger position into an exact, validated span. Every scanner looks at a bounded
// window around its trigger, so scanning stays linear in the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "refinery/core/ascii.h"

namespace refinery::pii {

enum PiiType : uint16_t {
  kEmail,
  kPhone,
  kCard,
  kIban,
  kIp,
  kMac,
  kSsn,
  kCrypto,
  kPassport,
  kDriverLicense,
  kBankNumber,
  kDob,
  kStreet,
  kPerson,
  kApiKey,
  kAuthToken,
  kPrivateKey,
  kPassword,
  kLocation,      // learned tagger (ner_pii.h)
  kOrganization,  // learned tagger (ner_pii.h)
  kUkNhs,         // government ids: gov_id_scanners.cc
  kUsItin,
  kUrl,  // url_scanner.cc
  kUkNino,
  kInPan,
  kInAadhaar,
  kAuAbn,
  kAuTfn,
  kEsNif,
  kSgNricFin,
  kEsNie,          // Spanish foreigner's number (NIE): gov_id_scanners.cc
  kMedicalRecord,  // a medical record number after its cue (trigger_scanners.cc)
  kPassportOther,  // another country's passport number after a passport cue (PASSPORT)
  kItFiscalCode,   // national ids carrying a date of birth: gov_id_scanners.cc
  kPlPesel,
  kFiHetu,
  kSePersonnummer,
  kKrRrn,
  kZaIdNumber,
  kCaSin,  // national ids of digits only with a check: gov_id_scanners.cc
  kThTnin,
  kDeTaxId,
  kTypeCount
};
extern const char* const kTypeNames[kTypeCount];

struct Candidate {
  uint32_t start = 0, end = 0;  // bytes, half-open
  uint16_t type = 0;
  float score = 0;
  const char* detector = "";
};
using Candidates = std::vector<Candidate>;

// Case-insensitive search for any keyword in text[pos - before, pos + after).
bool NearKeyword(std::string_view text, size_t begin, size_t end, size_t before, size_t after,
                 std::initializer_list<std::string_view> keywords);
// The same, where a keyword must begin a word (no letter right before it).
bool NearWordKeyword(std::string_view text, size_t begin, size_t end, size_t before, size_t after,
                     std::initializer_list<std::string_view> keywords);

inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAlpha(unsigned char c) { return IsUpper(c) || IsLower(c); }
inline bool IsAlnum(unsigned char c) { return IsAlpha(c) || IsDigit(c); }
// A byte of an e-mail address's local part. RFC 5322 allows more, but '=', '/', '|' and the like
// in front of an '@' are code and key=value syntax far more often than an address; the
// apostrophe of "o'reilly" is a name.
inline bool IsLocalPartByte(unsigned char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}
inline bool IsWordByte(unsigned char c) { return IsAlnum(c) || c == '_' || c >= 0x80; }
// The end of a run of user- or account-name bytes (letters, digits, '.', '_', '-') from `s`,
// reading at most `max_len` + 1 bytes: a forum's "u/name", a log's or a key's account name.
inline size_t UserNameRunEnd(std::string_view text, size_t s, size_t max_len) {
  size_t e = s;
  while (e < text.size() && e - s <= max_len &&
         (IsAlnum(static_cast<unsigned char>(text[e])) || text[e] == '.' || text[e] == '_' ||
          text[e] == '-'))
    ++e;
  return e;
}
inline bool IsHex(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Appends the candidate [s, e) of type `t` found by detector `det`.
inline void AddCandidate(Candidates& out, size_t s, size_t e, PiiType t, float score,
                         const char* det) {
  out.push_back(Candidate{static_cast<uint32_t>(s), static_cast<uint32_t>(e),
                          static_cast<uint16_t>(t), score, det});
}

// '@': e-mail addresses and @Name mentions. With `sep_len` 3, `at` is a percent-encoded '@'
// ("anna.k%40gmail.com" in a URL's query or a log line): an address only.
void ScanAt(std::string_view text, size_t at, Candidates& out, size_t sep_len = 1);
// One pass over the text: digit runs (phone, card, SSN, IPv4, dates of birth, street
// addresses) and, when `names`, capitalised words (PERSON).
void ScanNumbersAndNames(std::string_view text, bool numbers, bool names, Candidates& out);

// Chat logs (chat_speakers.cc): the nick of each speaker line ("[10:02] <kevin_m> text",
// "[10:03] priya: text", "* kevin_m waves") and, for a nick that is no ordinary word, its
// mentions elsewhere in the text, as PERSON. Nothing unless at least two lines have a speaker.
void ScanChatSpeakers(std::string_view text, Candidates& out);

// Reddit user names ("Posted by u/throwaway_88", "thanks /u/spez") as PERSON (detector
// "handle", as "@linda_01"): "u/" or "/u/" at a word's start, 3 to 20 letters, digits, '_' or
// '-' with a letter among them, not a path ("menu/x") nor a unit ("45 u/min").
void ScanRedditUsers(std::string_view text, Candidates& out);

// Forum user names in a board's quote headers as PERSON (detector "handle"): "Quote from:
// darkstar77 on March 03, 2012" (SMF), "Originally Posted by bluefish22" (vBulletin), a user
// name alone before " wrote:" or " says:" at a line's start ("bluefish22 wrote:", phpBB;
// WordPress's comments; not "He wrote:") and one with a digit or '_' after "Comment by",
// "Posted by", "Reply by" or "Submitted by" ("Comment by jdoe88 on March 3, 2012").
void ScanForumUsers(std::string_view text, Candidates& out);

// User names of MediaWiki talk pages as PERSON (detector "wiki_user", wiki_users.cc): a user
// page named in a link or in the text ("[[User:Meridian_Blue|Meridian Blue]]", "User
// talk:Snowmelt", "Special:Contributions/Ostara_9"), a signature before "(talk)" with
// "contribs" or a time in UTC after it ("Kestrel Vaughan (talk) 09:15, 12 June 2014 (UTC)",
// "added by Hrothgar1987 (talk)"), {{unsigned|NAME}}, and a name with a digit or '_' named
// again in the text.
void ScanWikiUsers(std::string_view text, Candidates& out);

// Keywords before a number that make it an identifier of something else (order, invoice,
// serial, version ...), not a phone, card or personal id.
bool NegativeNumberContext(std::string_view text, size_t s, size_t e);
// Phone cues ("phone", "tel", "call", "my number" ...) in the 40 bytes before a number.
bool PhoneContext(std::string_view text, size_t s, size_t e);
// A card cue in the words right before [s, e) ("card", "visa", "credit", "debit", ...).
bool CardContext(std::string_view text, size_t s, size_t e);
// Date-of-birth cues ("born", "DOB", "date of birth" ...) before a date, each beginning a word.
bool DobContext(std::string_view text, size_t s, size_t e);

// Government ids with letters (gov_id_scanners.cc): the id of `type` ending at `end`.
void ScanGovId(std::string_view text, PiiType type, size_t end, Candidates& out);
// Government ids of digits only (UK_NHS, US_ITIN, IN_AADHAAR, AU_ABN, AU_TFN, PL_PESEL,
// SE_PERSONNUMMER, KR_RRN, ZA_ID_NUMBER, CA_SIN, TH_TNIN, DE_TAX_ID), and the Italian codice
// fiscale from its first digits, found in one pass over the digit runs instead of a prefilter
// pattern each (shapes without a literal are the slowest kind for Hyperscan). `types` has bit t set
// for each wanted PiiType t.
void ScanDigitIds(std::string_view text, uint64_t types, Candidates& out);
// The bits of the types ScanDigitIds can report.
uint64_t DigitIdTypes();
// A URL from its trigger (url_scanner.cc): `form` 0 after "scheme://", 1 after "www.", 2 at the
// end of a host's ".com" / ".org" / ".co.uk" ... (a host name without scheme or "www.").
void ScanUrl(std::string_view text, size_t end, int form, Candidates& out);
// Whether a candidate of `type` lying inside a URL is kept over the URL: secrets, e-mail and
// IP addresses are; names and numbers in a path are part of the URL.
bool KeptInsideUrl(uint16_t type);

// Whether the words right before byte `s` make the capitalised word there a person ("From: ",
// "Dear ", "spoke with ", "escalated to ", "Customer: " ...).
bool PersonContext(std::string_view text, size_t s);
// Whether the word at `s` follows a chat timestamp ("[10:24] Svenja:", "[Mon 09:03] Jenny").
bool AfterChatTimestamp(std::string_view text, size_t s);
// The first space of text[start, end), or `end` when there is none: a search bounded by the span
// (text.find(' ', start) read on to the text's end for each name of a text without spaces, a
// vCard's lines, and time grew with the square of such a text's size).
inline size_t FirstSpaceIn(std::string_view text, size_t start, size_t end) {
  const size_t k = text.substr(start, end - start).find(' ');
  return k == std::string_view::npos ? end : start + k;
}

// Whether byte `s` starts a sentence: the text's start, or after ". ", "! ", "? ", a line
// break, ":", "*", "-", ">" or "#" (spaces, tabs and quotes skipped).
bool AtSentenceStart(std::string_view text, size_t s);
// The narrower test of the name rules: the text's start, or after a line break, ".", "!", "?",
// ":" or '"' with only spaces between.
bool SentenceStart(std::string_view text, size_t start);
// A verb that starts a request about a person in chats and mail, as a sentence's capitalised
// first word ("Ping Sarah", "Ask Maria", "Thank Raj"): no part of the name after it.
bool IsMessagingVerb(std::string_view word);
// Whether "Q." or "A." at `s` marks a question or an answer of a transcript (a deposition's
// "A. Dolores Ybarra-Sandoval." is no person "A. Dolores Ybarra-Sandoval"): at a line's start,
// with a line that starts with "Q. " within 2 KB before an answer's mark, or one that starts
// with "A. " within 2 KB after a question's.
bool TranscriptMarkerAt(std::string_view text, size_t s);

// One initial or several written together, each an ASCII capital and a full stop ("J.",
// "D.Y.", "J.R.R.").
bool IsInitials(std::string_view w);

// Hyperscan trigger kinds (what the prefilter pattern found; `end` is its end offset).
enum TriggerKind : uint16_t {
  kTrigVendor,  // arg = vendor index
  kTrigJwt,
  kTrigPem,
  kTrigBearer,
  kTrigBasicAuth,
  kTrigUrlCred,
  kTrigSecretKw,  // arg = 0 password-like, 1 token-like, 2 key/secret-like
  kTrigCliPassword,
  kTrigIban,
  kTrigMac,
  kTrigIpv6,
  kTrigBech32,
  kTrigBase58,
  kTrigEth,
  kTrigContext,  // arg = PiiType (passport, driver licence, bank number, SSN, medical record)
  kTrigMonthDate,
  kTrigEuStreet,  // arg = 0 suffix form (Hauptstraße 12), 1 prefix form (Via Roma 10)
  kTrigPoBox,
  kTrigMilitary,
  kTrigPostcode,
  kTrigGovId,            // arg = PiiType (UK_NINO, IN_PAN, ES_NIF, ES_NIE, SG_NRIC_FIN, ...)
  kTrigUrl,              // arg = 0 after "scheme://", 1 after "www.", 2 after a bare host's TLD
  kTrigAddressLabel,     // "Address:", "home address =", "\"address\": " before a form's value
  kTrigJapaneseAddress,  // "3-5-1 Kita-Aoyama, Minato-ku": a block number, a district, a ward
  kTrigHomeDirectory,    // "/home/", "/Users/", "\\Users\\": a user's name in a path follows
  kTrigSpokenDigits,     // "five five five two three ...": a number read out in words
  kTrigSqlInsert,        // "INSERT INTO " (any case): names under a column list's name columns
  kTrigLogAccount,       // sshd's "password for ", PAM's "for user ": an account name follows
  kTrigObfuscatedEmail,  // arg = 0 "[at]" / "(at)", 1 a dot marker (" dot ", "[dot]")
  kTrigCount
};

struct TriggerPattern {
  const char* regex;
  unsigned flags;  // Hyperscan flags
  TriggerKind kind;
  uint16_t arg;
};
// All prefilter patterns (vendor token prefixes included).
const std::vector<TriggerPattern>& TriggerPatterns();

// An e-mail address written to escape harvesters ("john [at] gmail [dot] com", "maria(at)uni-bonn
// .de", "r.chen at outlook dot com"; obfuscated_emails.cc), read around a trigger that ends at
// `end`: arg 0 a bracketed "at", 1 a dot marker. Detector "email_obfuscated".
void ScanObfuscatedEmail(std::string_view text, size_t end, uint16_t arg, Candidates& out);

// Runs the scanner of one trigger. `end` is the pattern's end offset.
void ScanTrigger(std::string_view text, TriggerKind kind, uint16_t arg, size_t end,
                 Candidates& out);

// Shape of a random token tail: no documentation marker ("example", "xxxxxx", "your"), not a
// run of one character, varied enough to be random.
bool PlausibleTail(std::string_view tail);

// Secret scanners (secret_assignment.cc). `end` is the end of the trigger.
void ScanSecretAssignment(std::string_view text, size_t end, Candidates& out);
void ScanUrlCredentials(std::string_view text, size_t end, Candidates& out);
void ScanCliPassword(std::string_view text, size_t end, Candidates& out);
// `curl -u user:pass` / `--user "user:pass"`: the password, or a token given as the user
// with an empty password (`-u sk_live_...:`).
void ScanCurlUser(std::string_view text, size_t end, Candidates& out);
// True when `pos` lies in the authority of a URL ("scheme://user:p@ss@host"): an '@' there
// separates credentials from the host, it does not make an e-mail address.
bool InUrlAuthority(std::string_view text, size_t pos);

// Placeholder / environment lookup values that are never secrets ("YOUR_API_KEY", "xxx",
// "<token>", "${TOKEN}", "os.environ[...]", "changeme" ...).
bool IsPlaceholderSecret(std::string_view value);

}  // namespace refinery::pii
