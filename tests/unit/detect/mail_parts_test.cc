// Parts of a mail whose words are syntax (src/refinery/detect/mail_parts.cc): which header
// fields count as machine-written, folded lines, bounded look-back, base64 lines and MIME
// delimiters. The whole detector's view is in tests/cases/pii/organizations.tsv.
#include "refinery/detect/mail_parts.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace refinery::pii {
namespace {

size_t At(std::string_view text, std::string_view word) { return text.find(word); }

TEST(MailParts, MachineFieldsAndTheirFoldedLines) {
  const std::string_view mail =
      "Received: from mail.example by mx.example\n"
      " (Sun Internet Mail Server sims.3.5)\n"
      "From: Ian Henry <ian@example.org>\n"
      "Subject: Lunch with Maria\n"
      "X-MS-Exchange-Organization: Contoso\n"
      "Content-Type: Multipart/Mixed; Boundary=\"NextPart\"\n"
      "\n"
      "Maria wrote back.\n";
  EXPECT_TRUE(InMachineHeader(mail, At(mail, "mail.example")));
  EXPECT_TRUE(InMachineHeader(mail, At(mail, "Sun")));  // a folded line of Received
  EXPECT_FALSE(InMachineHeader(mail, At(mail, "Ian")));
  EXPECT_FALSE(InMachineHeader(mail, At(mail, "Maria")));
  EXPECT_TRUE(InMachineHeader(mail, At(mail, "Contoso")));  // a prefix: X-MS-
  EXPECT_TRUE(InMachineHeader(mail, At(mail, "Multipart")));
  EXPECT_FALSE(InMachineHeader(mail, At(mail, "Maria wrote")));
}

TEST(MailParts, LookBackIsBounded) {
  // A field name more than 256 bytes before the word is not looked for: a text without line
  // breaks costs a bounded scan per word.
  const std::string text = "Received: " + std::string(2000, 'a') + " Sun";
  EXPECT_FALSE(InMachineHeader(text, text.size() - 3));
  EXPECT_TRUE(InMachineHeader(text, 12));
}

TEST(MailParts, Base64LinesAndBoundaries) {
  const std::string_view body =
      "Content-Transfer-Encoding: base64\n\n"
      "VFyLb09U9ajzXBS8Kgkhc4mBS+EuTjRPvH/VElWMuw2aLUWCRHHf8ymVCHjF\n"
      "--NextPart\n"
      "--Brad Sherman\n"
      "ThisLineIsLongButHasNoDigitsAtAllAndIsJustOneWordOfLetters\n";
  const size_t b64 = At(body, "EuTjRPvH");
  EXPECT_TRUE(InEncodedLine(body, b64, b64 + 8));
  const size_t letters = At(body, "ThisLine");
  EXPECT_FALSE(InEncodedLine(body, letters, letters + 8));
  EXPECT_TRUE(OnBoundaryLine(body, At(body, "NextPart")));
  EXPECT_FALSE(OnBoundaryLine(body, At(body, "Brad")));
  const std::string_view prose = "Call Maria Lopez at noon.";
  EXPECT_FALSE(InEncodedLine(prose, 5, 10));
}

}  // namespace
}  // namespace refinery::pii
