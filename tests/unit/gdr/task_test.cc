#include "refinery/gdr/task.h"

#include <gtest/gtest.h>

namespace refinery::gdr {
namespace {

TEST(RewriteTask, BuiltinTasksParseWithVersionsAndExamples) {
  for (const char* name : {"anonymize", "detoxify"}) {
    auto t = LoadRewriteTask(name);
    ASSERT_TRUE(t.ok()) << name << ": " << t.status();
    EXPECT_EQ(t->name, name);
    EXPECT_NE(t->version.find("-v"), std::string::npos);
    EXPECT_GE(t->few_shot.size(), 2u);
    EXPECT_NE(t->user.find("<document>\n{{document}}\n</document>"), std::string::npos);
    // At least one example shows that text needing no change is returned unchanged.
    bool identity = false;
    for (auto& [in, out] : t->few_shot) identity = identity || in == out;
    EXPECT_TRUE(identity) << name;
  }
  EXPECT_TRUE(LoadRewriteTask("anonymize")->criteria.pii);
  EXPECT_TRUE(LoadRewriteTask("detoxify")->criteria.toxicity.has_value());
}

TEST(RewriteTask, MessagesPutTheDocumentVerbatimLastAndNotesBeforeIt) {
  auto t = LoadRewriteTask("anonymize");
  ASSERT_TRUE(t.ok());
  std::string doc = "Call {{document}} Ann at 555-0100\n  indented";
  auto msgs = BuildMessages(*t, doc, "Your previous rewrite was rejected: x");
  ASSERT_EQ(msgs.size(), 1 + 2 * t->few_shot.size() + 1);
  EXPECT_EQ(msgs.front().role, "system");
  EXPECT_EQ(msgs[1].role, "user");
  EXPECT_EQ(msgs[2].role, "assistant");
  EXPECT_NE(msgs[2].content.find("<refined>"), std::string::npos);
  const std::string& last = msgs.back().content;
  EXPECT_EQ(msgs.back().role, "user");
  EXPECT_EQ(last.rfind("<document>\n" + doc + "\n</document>"),
            last.size() - std::string("<document>\n" + doc + "\n</document>").size());
  EXPECT_EQ(last.find("Your previous rewrite was rejected"), 0u);
}

TEST(RewriteTask, AnswerWrappingIsTakenOffWhenTheOriginalHasNone) {
  const std::string doc = "Call Ann at 555-0100.";
  EXPECT_EQ(*CandidateFromReply("<refined>\n```\nCall Eva at 555-0199.\n```\n</refined>", doc),
            "Call Eva at 555-0199.");
  EXPECT_EQ(*CandidateFromReply("```\n<refined>\n\n Call Eva.\n\n</refined>\n```", doc),
            "Call Eva.");
  // A fenced original keeps its fence.
  const std::string code = "```\nkey = 'abc'\n```";
  EXPECT_EQ(*CandidateFromReply("<refined>\n```\nkey = 'xyz'\n```\n</refined>", code),
            "```\nkey = 'xyz'\n```");
  // Untagged answers: a preamble line, a fence, both; none when a tag is there.
  EXPECT_EQ(*CandidateFromUntaggedReply("Here is the refined document:\n\nCall Eva.", doc),
            "Call Eva.");
  EXPECT_EQ(*CandidateFromUntaggedReply("```text\nCall Eva.\n```", doc), "Call Eva.");
  EXPECT_EQ(*CandidateFromUntaggedReply("Sure:\n```\nCall Eva.\n```\n", doc), "Call Eva.");
  EXPECT_EQ(*CandidateFromUntaggedReply("<think>x</think>\nCall Eva.", doc), "Call Eva.");
  EXPECT_FALSE(CandidateFromUntaggedReply("<refined>\nCall Eva. (cut", doc).has_value());
  EXPECT_FALSE(CandidateFromUntaggedReply("  \n", doc).has_value());
  // A first line ending in ':' that the original starts with is the document.
  EXPECT_EQ(*CandidateFromUntaggedReply("To:\nEva", "To:\nAnn"), "To:\nEva");
}

TEST(RewriteTask, ExtractRefinedTakesTheLastCompleteBlock) {
  EXPECT_EQ(*ExtractRefined("a <refined>\none\n</refined> b <refined>two</refined>"), "two");
  EXPECT_EQ(*ExtractRefined("<refined>\n\nkeep blank\n\n</refined>"), "\nkeep blank\n");
  EXPECT_FALSE(ExtractRefined("no tags at all").has_value());
  EXPECT_FALSE(ExtractRefined("<refined>cut off by max_tokens").has_value());
  EXPECT_EQ(*ExtractRefined("<refined></refined>"), "");
}

TEST(RewriteTask, UserTemplatesAreValidatedWithLineNumbers) {
  auto ok = ParseRewriteTask(
      "name: mine\nversion: mine-v3\nuser: \"Fix: <document>{{document}}</document>\"\n"
      "few_shot:\n  - {input: a, output: b}\ncriteria:\n  toxicity: 0.3\n  must_keep: [ACME]\n"
      "  length_ratio: [0.8, 1.2]\n",
      "mine.yaml");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_DOUBLE_EQ(*ok->criteria.toxicity, 0.3);
  EXPECT_EQ(ok->criteria.must_keep, std::vector<std::string>{"ACME"});
  EXPECT_DOUBLE_EQ(ok->criteria.max_length_ratio, 1.2);

  auto no_doc = ParseRewriteTask("version: v1\nuser: no placeholder\n", "t.yaml");
  ASSERT_FALSE(no_doc.ok());
  EXPECT_NE(std::string(no_doc.status().message()).find("t.yaml:2"), std::string::npos);
  EXPECT_NE(std::string(no_doc.status().message()).find("{{document}}"), std::string::npos);

  auto unknown =
      ParseRewriteTask("version: v1\nuser: \"{{document}}\"\ncriteria:\n  pi: true\n", "t.yaml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(std::string(unknown.status().message()).find("criteria.pi"), std::string::npos);

  EXPECT_FALSE(ParseRewriteTask("user: \"{{document}}\"\n", "t.yaml").ok());  // no version
  EXPECT_FALSE(LoadRewriteTask("/nonexistent/task.yaml").ok());
}

}  // namespace
}  // namespace refinery::gdr
