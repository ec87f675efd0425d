// Speakers of chat logs (chat_speakers.cc): the nick of each speaker line, whatever its case or
// shape, and its later mentions when it is no ordinary word.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "refinery/detect/pii_scanners.h"

namespace refinery {
namespace {

// The texts of the PERSON candidates, in order.
std::vector<std::string> Speakers(std::string_view text) {
  pii::Candidates out;
  pii::ScanChatSpeakers(text, out);
  std::vector<std::string> words;
  for (const pii::Candidate& c : out) {
    EXPECT_EQ(c.type, pii::kPerson);
    EXPECT_STREQ(c.detector, "chat_speaker");
    words.emplace_back(text.substr(c.start, c.end - c.start));
  }
  return words;
}

using Words = std::vector<std::string>;

TEST(ChatSpeakers, IrcNicksInAngleBracketsWithOrWithoutTimestamps) {
  EXPECT_EQ(Speakers("[10:02] <kevin_m> anyone know if the build works?\n"
                     "[10:03] <@priya> yeah"),
            (Words{"kevin_m", "priya"}));
  EXPECT_EQ(Speakers("<kevin> hi\n<priya> hey"), (Words{"kevin", "priya"}));
  // A nick of lower-case letters: its slots, and where a message addresses it at its start.
  EXPECT_EQ(Speakers("2004-07-04 00:13:21 <Amaranth> lxmnb: nice\n"
                     "2004-07-04 00:13:40 <lxmnb> thanks"),
            (Words{"Amaranth", "lxmnb", "lxmnb"}));
}

TEST(ChatSpeakers, ColonAndActionLinesNeedATimestamp) {
  EXPECT_EQ(Speakers("[10:24] svenja: hey can you send me the vpn config?\n"
                     "[10:26] * j4net waves"),
            (Words{"svenja", "j4net"}));
  // Without one, "note:" and "todo:" lines are no chat.
  EXPECT_EQ(Speakers("note: restart the server\ntodo: rotate the keys"), Words{});
}

TEST(ChatSpeakers, DistinctiveNicksAreFoundWhereTheyAreAddressed) {
  // "kevin_m" has a symbol, "Dana" is a listed given name: both are people when addressed.
  // "help" is an ordinary word: its speaker slot counts, and the start of a message addressed
  // to it ("help: what do you need"), not a mention elsewhere ("ask for help").
  EXPECT_EQ(Speakers("[10:02] <kevin_m> is it broken?\n[10:03] <help> kevin_m: try a clean "
                     "build, or ask Dana for help\n[10:04] <Dana> help: what do you need"),
            (Words{"kevin_m", "help", "Dana", "help", "kevin_m", "Dana"}));
}

TEST(ChatSpeakers, AddresseesAtAMessagesStart) {
  // One that never speaks is a person when shaped as a nick ("erUSUL", "Jordan_U"), not a
  // sentence's word before a colon or comma ("Note:", "Yes,").
  EXPECT_EQ(Speakers("[14:20] <histo> how do i reinstall grub?\n"
                     "[14:25] <Jordan_U> erUSUL: grub-install /dev/sda\n"
                     "[14:26] <ikonia> Note: this is off topic\n"
                     "[14:27] <ikonia> Yes, it works"),
            (Words{"histo", "Jordan_U", "ikonia", "ikonia", "erUSUL"}));
}

TEST(ChatSpeakers, MarkupAndSingleLinesAreNoLog) {
  EXPECT_EQ(Speakers("<div> hello world\n<span> more text</span>"), Words{});
  EXPECT_EQ(Speakers("<kevin> just one line that looks like a log"), Words{});
  EXPECT_EQ(Speakers("<kevin>hi\n<priya>hey"), Words{});  // no space after '>'
}

TEST(ChatSpeakers, LongLogsStayLinear) {
  // 20,000 lines of one speaker addressing another: each nick is searched for once.
  std::string log;
  for (int i = 0; i < 20000; ++i)
    log += "[10:02] <kevin_m> priya_x: ping\n[10:03] <priya_x> pong\n";
  pii::Candidates out;
  pii::ScanChatSpeakers(log, out);
  EXPECT_EQ(out.size(), 60000u);  // two speakers and one mention per pair of lines
}

}  // namespace
}  // namespace refinery
