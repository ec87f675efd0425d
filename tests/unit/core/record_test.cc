#include "refinery/core/record.h"

#include <gtest/gtest.h>

#include <deque>

#include "refinery/io/record_parser.h"

namespace refinery {
namespace {

class RecordTest : public ::testing::Test {
 protected:
  Record Parse(const std::string& line) {
    storage_.push_back(line + std::string(64, '\0'));
    auto r = parser_.Parse(std::string_view(storage_.back().data(), line.size()), {"in.jsonl", 7});
    EXPECT_TRUE(r.ok()) << r.status();
    return std::move(r).value();
  }
  std::string Out(const Record& r) {
    std::string s;
    r.Serialize(s);
    return s;
  }
  std::string text_field_ = "text";
  RecordParser parser_{&text_field_, "id"};
  std::deque<std::string> storage_;
};

TEST_F(RecordTest, UnchangedRecordIsCopiedByteForByte) {
  std::string line = R"({ "id" : 1,  "text":"hi", "x": [1.50, {"y": null}] })";
  Record r = Parse(line);
  EXPECT_EQ(r.id(), "1");
  EXPECT_EQ(r.text(), "hi");
  EXPECT_FALSE(r.modified());
  EXPECT_EQ(Out(r), line);
}

TEST_F(RecordTest, ChangedTextKeepsOtherFieldsInOrder) {
  Record r = Parse(R"({"a": 1, "text": "old", "z": {"k": "v"}, "b": true})");
  r.set_text("new \"quoted\"");
  EXPECT_EQ(Out(r), R"({"a":1,"text":"new \"quoted\"","z":{"k":"v"},"b":true})");
  EXPECT_EQ(r.text_version(), 1u);
}

TEST_F(RecordTest, RefineryFieldIsAppendedOrMergedInPlace) {
  Record fresh = Parse(R"({"text": "t"})");
  fresh.refinery()["status"] = "kept";
  EXPECT_EQ(Out(fresh), R"({"text":"t","refinery":{"status":"kept"}})");

  Record existing = Parse(R"({"refinery": {"lang": "en"}, "text": "t"})");
  EXPECT_EQ(existing.Get("refinery.lang").string, "en");
  existing.refinery()["scores"]["toxicity"] = 0.25;
  EXPECT_EQ(Out(existing), R"({"refinery":{"lang":"en","scores":{"toxicity":0.25}},"text":"t"})");
  EXPECT_DOUBLE_EQ(existing.Get("refinery.scores.toxicity").number, 0.25);
}

// Members appended as text are written where the same members set as Json would be, and are
// seen as Json by anything that reads the object afterwards.
TEST_F(RecordTest, RefineryMembersAsTextMatchTheJsonTree) {
  const std::string members = R"("scores":{"toxicity":0.5},"toxic_spans":[{"start":1,"end":4}])";
  for (const char* line : {R"({"text": "t"})", R"({"refinery": {"lang": "en"}, "text": "t"})",
                           R"({"refinery": {}, "text": "t"})"}) {
    Record as_text = Parse(line);
    as_text.AppendRefineryMembers(members);
    Record as_json = Parse(line);
    Json& r = as_json.refinery();
    r["scores"]["toxicity"] = 0.5;
    r["toxic_spans"] = Json::array({Json{{"start", 1}, {"end", 4}}});
    EXPECT_EQ(Out(as_text), Out(as_json)) << line;
    EXPECT_EQ(as_text.Get("refinery.toxic_spans.0.end").number, 4) << line;
    // A later step adds a key: it comes after the appended ones, as with the tree.
    as_text.refinery()["status"] = "kept";
    as_json.refinery()["status"] = "kept";
    EXPECT_EQ(Out(as_text), Out(as_json)) << line;
    EXPECT_EQ(as_text.refinery(), as_json.refinery()) << line;
  }
}

// A record without a `refinery` object keeps appended members as text (no object is made)
// until something reads it; two appends read as one object.
TEST_F(RecordTest, RefineryMembersWithoutAnObjectStayTextUntilRead) {
  Record r = Parse(R"({"text": "t"})");
  EXPECT_FALSE(r.has_refinery());
  r.AppendRefineryMembers(R"("scores":{"toxicity":0.5})");
  r.AppendRefineryMembers(R"("status":"kept")");
  EXPECT_TRUE(r.has_refinery());
  EXPECT_TRUE(r.modified());
  EXPECT_EQ(Out(r), R"({"text":"t","refinery":{"scores":{"toxicity":0.5},"status":"kept"}})");
  EXPECT_EQ(r.Get("refinery.status").string, "kept");
  EXPECT_EQ(r.refinery().size(), 2u);
  EXPECT_EQ(Out(r), R"({"text":"t","refinery":{"scores":{"toxicity":0.5},"status":"kept"}})");
}

// The engine's status as text (AppendPendingStatus) reads as the status the tree would hold:
// appended once, kept when asked not to replace, refused where an object exists or a pending
// status is to be replaced (the caller then writes it through refinery()).
TEST_F(RecordTest, PendingStatusIsTextUntilAnObjectIsNeeded) {
  Record r = Parse(R"({"text": "t"})");
  r.AppendRefineryMembers(R"("pii":[])");
  EXPECT_TRUE(r.AppendPendingStatus("kept", /*replace=*/false));
  EXPECT_TRUE(r.AppendPendingStatus("kept", /*replace=*/false));  // one there: left alone
  EXPECT_EQ(Out(r), R"({"text":"t","refinery":{"pii":[],"status":"kept"}})");
  EXPECT_FALSE(r.AppendPendingStatus("changed", /*replace=*/true));  // to be replaced
  r.refinery()["status"] = "changed";
  EXPECT_EQ(Out(r), R"({"text":"t","refinery":{"pii":[],"status":"changed"}})");
  EXPECT_FALSE(r.AppendPendingStatus("kept", /*replace=*/false));  // an object now exists

  Record fresh = Parse(R"({"text": "t"})");  // no members at all: {"status": ...} alone
  EXPECT_TRUE(fresh.AppendPendingStatus("changed", /*replace=*/true));
  EXPECT_EQ(Out(fresh), R"({"text":"t","refinery":{"status":"changed"}})");
  EXPECT_EQ(fresh.Get("refinery.status").string, "changed");

  Record input = Parse(R"({"refinery": {"status": "kept"}, "text": "t"})");
  EXPECT_FALSE(input.AppendPendingStatus("changed", /*replace=*/true));  // the input's object
}

TEST_F(RecordTest, MissingIdBecomesFileAndLine) {
  Record r = Parse(R"({"text": "x"})");
  EXPECT_EQ(r.id(), "in.jsonl:7");
}

TEST_F(RecordTest, GetReadsNestedFieldsAndArrays) {
  Record r = Parse(R"({"text": "x", "meta": {"lang": "de", "tags": ["a", "b"], "n": 3}})");
  EXPECT_EQ(r.Get("meta.lang").string, "de");
  EXPECT_EQ(r.Get("meta.tags.1").string, "b");
  EXPECT_EQ(r.Get("meta.tags").size, 2u);
  EXPECT_DOUBLE_EQ(r.Get("meta.n").number, 3);
  EXPECT_EQ(r.Get("meta.missing").type, FieldValue::Type::kMissing);
  EXPECT_EQ(r.Get("text").string, "x");
}

TEST_F(RecordTest, SelectRenameAndRemoveFields) {
  Record r = Parse(R"({"id": "a", "text": "x", "meta": {"k": 1}, "junk": 0})");
  r.SelectFields({"text", "id", "nope"});
  EXPECT_EQ(Out(r), R"({"text":"x","id":"a"})");
  Record s = Parse(R"({"id": "a", "text": "x", "meta": {"k": 1}})");
  EXPECT_TRUE(s.RenameField("meta", "metadata"));
  EXPECT_FALSE(s.RenameField("absent", "y"));
  EXPECT_EQ(s.Get("metadata.k").number, 1);
  EXPECT_EQ(s.Get("meta").type, FieldValue::Type::kMissing);
  s.RemoveFields({"id"});
  EXPECT_EQ(Out(s), R"({"text":"x","metadata":{"k":1}})");
}

TEST(RecordParserTest, RejectsWithReasonsNamingTheField) {
  std::string text_field = "text";
  RecordParser parser(&text_field, "id");
  auto reason = [&](const std::string& line) {
    std::string padded = line + std::string(64, '\0');
    auto r = parser.Parse(std::string_view(padded.data(), line.size()), {"f", 1});
    return r.ok() ? std::string("ok") : std::string(r.status().message());
  };
  EXPECT_EQ(reason(R"({"text": "fine"})"), "ok");
  EXPECT_EQ(reason(R"({"text": 5})"), "field \"text\": expected a string, found number");
  EXPECT_EQ(reason(R"({"body": "x"})"), "field \"text\": missing");
  EXPECT_EQ(reason(R"([1, 2])"), "not a JSON object (found array)");
  EXPECT_EQ(reason("{\"text\": \"a\xff\"}"), "invalid UTF-8");
  EXPECT_EQ(reason(std::string("{\"text\": \"a\0b\"}", 14)), "line contains a NUL byte");
  EXPECT_EQ(reason(R"({"text": "unterminated)").rfind("malformed JSON", 0), 0u);
}

}  // namespace
}  // namespace refinery

namespace refinery {
namespace {

// A record whose text no step needs is validated without copying the text out; asking for it
// anyway (a filter on `text`, say) reads it from the line, escapes decoded.
TEST(DeferredTextTest, TextIsReadFromTheLineWhenAskedFor) {
  std::string text_field = "text";
  RecordParser deferring(&text_field, "id", /*defer_text=*/true);
  std::string line = R"({"id": 3, "text": "caf\u00e9 \"quoted\"\nnext", "n": 1})";
  std::string padded = line + std::string(64, '\0');
  auto r = deferring.Parse(std::string_view(padded.data(), line.size()), {"f", 1});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->modified());
  EXPECT_EQ(r->id(), "3");
  EXPECT_EQ(r->text(), "caf\xC3\xA9 \"quoted\"\nnext");
  EXPECT_EQ(r->Get("text").string, r->text());
  // Still checked: a non-string text is a reject even when the text is deferred.
  std::string bad = R"({"text": 5})";
  std::string bad_padded = bad + std::string(64, '\0');
  auto rejected = deferring.Parse(std::string_view(bad_padded.data(), bad.size()), {"f", 2});
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.status().message(), "field \"text\": expected a string, found number");
}

TEST(RecordIdTest, RecordWithoutIdIsNamedByFileAndLine) {
  std::string text_field = "text";
  RecordParser parser(&text_field, "id");
  std::string line = R"({"text": "x"})";
  std::string padded = line + std::string(64, '\0');
  auto r = parser.Parse(std::string_view(padded.data(), line.size()), {"dir/in.jsonl", 12});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->id(), "dir/in.jsonl:12");
}

TEST(RecordParserTest, NulByteIsRejectedWherever) {
  std::string text_field = "text";
  RecordParser parser(&text_field, "id");
  for (std::string line :
       {std::string("{\"text\":\"a\0b\"}", 14), std::string("{\"text\":\"ab\"}\0", 14),
        std::string("{\0\"text\":\"ab\"}", 14), std::string("\0{\"text\":\"a\"}", 13),
        std::string("{\"text\":\"a\",\"n\":1\0}", 19)}) {
    std::string padded = line + std::string(64, '\0');
    auto r = parser.Parse(std::string_view(padded.data(), line.size()), {"f", 1});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "line contains a NUL byte");
  }
}

}  // namespace
}  // namespace refinery
