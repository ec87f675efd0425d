// Names and places in structured text that a tagger of prose does not read: the values of keys
// that name them in JSON, Python, JavaScript, SQL and XML written inline ("first_name":
// "Maria", last_name='Lopez', <city>Tucson</city>), and the columns of a CSV text whose header
// names them ("first_name,last_name,dob\nAnneke,Visser,1988-04-12").
#pragma once

#include <cstdint>
#include <string_view>

#include "refinery/detect/ner_model.h"
#include "refinery/detect/pii_scanners.h"

namespace refinery::pii {

// What a key or a column header names, from its letters alone (case, '_', '-' and spaces
// ignored): a given name ("first_name", "firstName", "given_name", "forename"), a family name
// ("last_name", "surname", "family_name"), a full name ("full_name", "display_name",
// "customer_name", "patient_name", "contact_name", ...; "name" alone only for a value of two to
// four words that starts with a given name of the lists), a town ("city", "town",
// "birthplace", "place_of_birth", "hometown"), a postal address ("address", "street",
// "address_line1", "mailing_address", ...), or an account's name ("user", "username",
// "user_name", "login", "screen_name": a PERSON as a handle is, when it is one word with a
// lower-case letter and no system's account).
enum class KeyKind : uint8_t {
  kNone,
  kGiven,
  kFamily,
  kFull,
  kName,
  kPlace,
  kAddress,
  kAccount,
  kBirthDate  // "dob", "date_of_birth", "birthdate", "Geburtsdatum": a numeric date is one
};
KeyKind KindOfKey(std::string_view key);

// Adds a PERSON, LOCATION, STREET_ADDRESS or DATE_OF_BIRTH candidate (detector "keyed_value",
// score kDisplayNameScore; a date of birth 0.85) for
// - a quoted value after a key of one of those kinds and ':' or '=' ('"first_name": "Maria"',
//   "last_name='Lopez'", "'city': 'Tucson'"), on one line, at most 120 bytes;
// - an XML element's text ("<first_name>Maria</first_name>", "<city>Tucson</city>");
// - the fields of a CSV text's rows under such a header (its first line, 2 to 40 fields of
//   identifiers; a row with as many fields).
// A name or a town must be one to four capitalised words of letters (a placeholder, a number
// or a lower-case word is none); an address needs a digit, a capital and a space, and is no
// e-mail, web or IP address. Found from the colons, '=' and '<' of the text alone (memchr).
void AddKeyedValues(const ner::NerModel& model, std::string_view text, Candidates& out);

// Trigger scanners (trigger_scanners.cc; they need no tagger). `end` is the trigger's end:
// - ScanSqlInsert, after "INSERT INTO " (any case): the values of an INSERT with a column list
//   ("INSERT INTO users (first_name, last_name) VALUES ('Ifeoma', 'Chukwu'), (...);"), as a
//   CSV's columns: a quoted value under a column of a kind above (a "name" column's value
//   must start with a given name of the name lists). Each tuple is read once, a value of at
//   most 200 bytes ('' inside it is a quote).
// - ScanLogAccount, after sshd's "password for ", "publickey for ", "invalid user " or PAM's
//   "for user ": the account name when " from " and an address or "(uid=" follows it ("Accepted
//   password for dmitri from 198.51.100.23"), as a PERSON (detector "keyed_value"); not a
//   system's or a service's account ("root", "www-data", "postgres").
// - ScanCommentOwner, after "TODO(", "FIXME(", "XXX(" or "HACK(": the account name up to ")"
//   ("TODO(mkowalczyk): remove"), as ScanLogAccount's; an e-mail address there is the e-mail
//   scanner's.
// - ScanAccountMention, after a label of an account or its holder and ":" ("owner: m.oconnor",
//   "Username: jdoe42", "assignee: k_walker"; any case): an account name that starts with a
//   small letter and holds a digit, '_' or '.', up to a space, a line's end or punctuation, as
//   ScanLogAccount's (not one word of the language: "owner: the finance team").
void ScanSqlInsert(std::string_view text, size_t end, Candidates& out);
void ScanLogAccount(std::string_view text, size_t end, Candidates& out);
void ScanCommentOwner(std::string_view text, size_t end, Candidates& out);
void ScanAccountMention(std::string_view text, size_t end, Candidates& out);
// The account in quotes after "user", "login for", "logon for" or "account" (`end`: the byte
// after the opening quote), as a log line writes it ("User 'emma.lindqvist' logged in", "Failed
// login for 'r.mukherjee' from ..."): closed by the same quote, with a digit, '_' or '.' in it.
void ScanQuotedAccount(std::string_view text, size_t end, Candidates& out);

// The end of a CSV text's header line (its first line, 2 to 40 comma-separated fields of
// identifiers, one a key of a kind above: "Name,Department,Manager,Start Date"), else 0. Its
// words are the columns' labels: the tagger's names there name nothing ("Department" was an
// organisation).
size_t CsvHeaderEnd(std::string_view text);

}  // namespace refinery::pii
