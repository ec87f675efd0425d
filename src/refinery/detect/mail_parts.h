// Parts of an e-mail message (RFC 5322 headers, MIME bodies) where capitalised words are
// machine syntax, not names: "Content-Type: Multipart/Mixed; Boundary=\"NextPart\"", "Received:
// from mail.example (Sun Internet Mail Server ...)", and base64 bodies ("VFyLb09U9ajzXBS8...")
// whose fragments between '+' and '/' the tagger reads as organisations. Mail archives, support
// tickets and scraped mailing lists are full of them.
#pragma once

#include <cstddef>
#include <string_view>

namespace refinery::pii {

// Whether `pos` lies in a header field that machines write (Received, Content-Type,
// Content-Disposition, Message-ID, DKIM-Signature, X-... and the like), its continuation lines
// included. Address fields (From, To, Cc, Reply-To, Sender) and Subject are not such fields:
// their names are people's. Looks back at most a few lines of at most 256 bytes each, so the
// cost is bounded on a text without line breaks.
bool InMachineHeader(std::string_view text, size_t pos);

// Whether a word starting at `start` is the delimiter of a MIME part: a line of "--" and the
// boundary, no space ("--ABCDE", "--NextPart--"; not the signature "--Brad Sherman").
bool OnBoundaryLine(std::string_view text, size_t start);

// Whether [start, end) lies on a line of base64 (at least 40 bytes of the base64 alphabet, no
// space, at least one digit and both cases), as MIME bodies and PEM blocks are written.
bool InEncodedLine(std::string_view text, size_t start, size_t end);

}  // namespace refinery::pii
