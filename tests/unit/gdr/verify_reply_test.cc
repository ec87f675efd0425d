// VerifyReply is pure: a chunk's state and a reply give the next step and the audit entry.
#include "refinery/gdr/verify_reply.h"

#include <gtest/gtest.h>

#include "refinery/gdr/kept_text.h"

namespace refinery::gdr {
namespace {

class VerifyReplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = PiiDetector::Create(PiiDetectorOptions{});
    ASSERT_TRUE(d.ok()) << d.status();
    criteria_.push_back(MakePiiCriterion(*d));
    AnonymizerOptions sopt;
    sopt.default_operator = AnonymizeOperator::kSurrogate;
    surrogates_ = *Anonymizer::Create(sopt);
  }

  ChunkUnderTest Chunk(std::string_view core, int attempt = 0) {
    states_.clear();
    for (const auto& c : criteria_) states_.push_back(c->Prepare(core));
    ChunkUnderTest ch;
    ch.core = core;
    ch.criteria = &criteria_;
    ch.states = &states_;
    ch.pii = dynamic_cast<const PiiLeakState*>(states_[0].get());
    ch.surrogates = surrogates_.get();
    ch.attempt = attempt;
    ch.max_attempts = 3;
    return ch;
  }

  static ChatResponse Reply(std::string content, std::string finish = "stop") {
    ChatResponse r;
    r.choices = {std::move(content)};
    r.finish_reasons = {std::move(finish)};
    return r;
  }

  std::vector<std::shared_ptr<const Criterion>> criteria_;
  std::vector<std::unique_ptr<CriterionState>> states_;
  std::shared_ptr<const Anonymizer> surrogates_;
};

const char kDoc[] = "Please write to jane.roe@mailhost.com about the invoice.";

TEST_F(VerifyReplyTest, AcceptsACleanRewrite) {
  ReplyVerdict v = VerifyReply(
      Chunk(kDoc),
      Reply("<refined>\nPlease write to kim.lee@mailbox.net about the invoice.\n</refined>"));
  EXPECT_EQ(v.next, NextStep::kAccept);
  EXPECT_EQ(v.candidate, "Please write to kim.lee@mailbox.net about the invoice.");
  EXPECT_EQ(v.entry["verdict"], "pass");
  EXPECT_FALSE(v.repaired);
}

TEST_F(VerifyReplyTest, RepairsSurvivingValuesInsteadOfRetrying) {
  ReplyVerdict v =
      VerifyReply(Chunk(kDoc), Reply(std::string("<refined>\n") + kDoc + "\n</refined>"));
  EXPECT_EQ(v.next, NextStep::kAccept);
  EXPECT_TRUE(v.repaired);
  EXPECT_EQ(v.candidate.find("jane.roe@mailhost.com"), std::string::npos) << v.candidate;
  EXPECT_EQ(v.entry["verdict"], "repaired");
}

TEST_F(VerifyReplyTest, UntaggedRetriesWithFeedbackThenFallsBack) {
  ReplyVerdict first = VerifyReply(Chunk(kDoc, 0), Reply("Sure! Here it is."));
  EXPECT_EQ(first.next, NextStep::kRetry);
  EXPECT_EQ(first.failed, std::vector<std::string>{"no_tags"});
  EXPECT_NE(first.feedback.find("<refined>"), std::string::npos);
  ReplyVerdict last = VerifyReply(Chunk(kDoc, 2), Reply("Sure! Here it is."));
  EXPECT_EQ(last.next, NextStep::kFallBack);
  EXPECT_EQ(last.reason, "no_tags");
}

// With keep_text, which proves that an answer is the document, an untagged answer is a
// candidate like a tagged one: taken when it keeps the text, failed when it does not.
TEST_F(VerifyReplyTest, UntaggedAnswersAreJudgedByKeepText) {
  criteria_.push_back(MakeKeptTextCriterion(nullptr));
  ReplyVerdict ok = VerifyReply(
      Chunk(kDoc),
      Reply("Here is the refined document:\n\n```\nPlease write to kim.lee@mailbox.net about "
            "the invoice.\n```"));
  EXPECT_EQ(ok.next, NextStep::kAccept);
  EXPECT_EQ(ok.candidate, "Please write to kim.lee@mailbox.net about the invoice.");
  EXPECT_EQ(ok.entry["untagged"], true);
  ReplyVerdict chat = VerifyReply(Chunk(kDoc), Reply("Sure! Here it is."));
  EXPECT_EQ(chat.next, NextStep::kRetry);
  EXPECT_EQ(chat.failed, (std::vector<std::string>{"no_tags", "lost_text"}));
  EXPECT_NE(chat.feedback.find("<refined>"), std::string::npos);
  ReplyVerdict answer = VerifyReply(
      Chunk(kDoc), Reply("Please write to kim.lee@mailbox.net about the invoice.\n\nI can also "
                         "draft the invoice e-mail for you if you like."));
  EXPECT_EQ(answer.next, NextStep::kRetry);
  EXPECT_EQ(answer.failed, (std::vector<std::string>{"no_tags", "lost_text"}));
}

TEST_F(VerifyReplyTest, TheModelsOwnReplacementIsAppliedWhereItMissedIt) {
  criteria_.push_back(MakeKeptTextCriterion(nullptr));
  ReplyVerdict v =
      VerifyReply(Chunk("Ask Pieter Jansen, or mail pieter.jansen@corp.example; pieter knows."),
                  Reply("<refined>\nAsk Karel Smit, or mail pieter.jansen@corp.example; pieter "
                        "knows.\n</refined>"));
  EXPECT_EQ(v.next, NextStep::kAccept);
  EXPECT_EQ(v.candidate, "Ask Karel Smit, or mail karel.smit@corp.example; karel knows.");
  EXPECT_EQ(v.entry["propagated"], 3);
}

TEST_F(VerifyReplyTest, CutRepliesGrowOrRechunkAndAreNeverAccepted) {
  ChunkUnderTest ch = Chunk(kDoc);
  ChatResponse cut =
      Reply("<refined>\nPlease write to x@y.org about the invoice.\n</refined>", "length");
  ReplyVerdict grow = VerifyReply(ch, cut);
  EXPECT_EQ(grow.next, NextStep::kRetry);
  EXPECT_TRUE(grow.grow);
  ch.context_tokens = 100;
  ch.max_tokens = 80;
  ch.prompt_tokens = 40;
  ReplyVerdict split = VerifyReply(ch, cut);
  EXPECT_EQ(split.next, NextStep::kRechunk);
  EXPECT_EQ(split.reason, "cut");
}

// Ollama cuts a prompt longer than its context silently; the token count it reports is the
// only trace: far fewer tokens than the bytes sent is a cut prompt, re-chunked, never accepted.
TEST_F(VerifyReplyTest, ASilentlyCutPromptIsRechunkedNotAccepted) {
  ChunkUnderTest ch = Chunk(kDoc);
  ch.prompt_bytes = 12000;
  ChatResponse r =
      Reply("<refined>\nPlease write to kim.lee@mailbox.net about the invoice.\n</refined>");
  r.prompt_tokens = 1024;  // under 1 token per 6 bytes
  ReplyVerdict v = VerifyReply(ch, r);
  EXPECT_EQ(v.next, NextStep::kRechunk);
  EXPECT_EQ(v.reason, "prompt_truncated");
  r.prompt_tokens = 3000;  // a count a real tokenizer gives for 12 KB
  EXPECT_EQ(VerifyReply(ch, r).next, NextStep::kAccept);
}

TEST_F(VerifyReplyTest, ThinkingIsNotAnAnswer) {
  ReplyVerdict v = VerifyReply(
      Chunk(kDoc), Reply(std::string("<think>\n<refined>\n") + kDoc + "\n</refined>\n</think>\n"));
  EXPECT_EQ(v.next, NextStep::kRetry);
  EXPECT_EQ(v.failed, std::vector<std::string>{"empty"});
}

}  // namespace
}  // namespace refinery::gdr
