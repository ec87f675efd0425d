#include "refinery/io/model_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "refinery/io/files.h"

namespace refinery {
namespace {

std::string Payload() {
  ModelWriter w;
  w.U32(7);
  w.F32Array(std::vector<float>{1.5f, -2.0f});
  w.StringArray({"alpha", "", "gamma"});
  w.F64(0.25);
  return w.Take();
}

TEST(ModelFile, RoundTripsThePayload) {
  std::string bytes = EncodeModelFile("ner", 3, Payload());
  auto payload = DecodeModelFile(bytes, "m.bin", "ner", 3);
  ASSERT_TRUE(payload.ok()) << payload.status();
  ModelReader r(*payload);
  EXPECT_EQ(r.U32(), 7u);
  EXPECT_EQ(r.F32Array(), (std::vector<float>{1.5f, -2.0f}));
  EXPECT_EQ(r.StringArray(), (std::vector<std::string>{"alpha", "", "gamma"}));
  EXPECT_EQ(r.F64(), 0.25);
  EXPECT_TRUE(r.Finish().ok());
}

// The view variants read the same bytes as the copying ones, pointing into the file's bytes.
TEST(ModelFile, ViewsAreTheSameBytesWithoutACopy) {
  ModelWriter w;
  w.String("weights");
  w.String("");
  const std::string bytes = EncodeModelFile("ner", 3, w.bytes());
  auto copy = DecodeModelFile(bytes, "m.bin", "ner", 3);
  auto view = DecodeModelFileView(bytes, "m.bin", "ner", 3);
  ASSERT_TRUE(copy.ok() && view.ok());
  EXPECT_EQ(*view, *copy);
  EXPECT_GE(view->data(), bytes.data());
  EXPECT_LE(view->data() + view->size(), bytes.data() + bytes.size());
  EXPECT_FALSE(DecodeModelFileView(bytes, "m.bin", "toxicity", 3).ok());
  ModelReader r(*view);
  const std::string_view s = r.StringView();
  EXPECT_EQ(s, "weights");
  EXPECT_EQ(s.data(), view->data() + 8);
  EXPECT_EQ(r.StringView(), "");
  EXPECT_TRUE(r.Finish().ok());
  ModelReader short_reader(view->substr(0, 10));
  EXPECT_EQ(short_reader.StringView(), "");
  EXPECT_FALSE(short_reader.Finish().ok());
}

TEST(ModelFile, NamesTheFileAndTheProblem) {
  std::string bytes = EncodeModelFile("ner", 3, Payload());
  auto wrong_kind = DecodeModelFile(bytes, "m.bin", "toxicity", 3);
  EXPECT_NE(wrong_kind.status().message().find("m.bin: a 'ner' model, expected a 'toxicity'"),
            std::string::npos)
      << wrong_kind.status();
  auto wrong_version = DecodeModelFile(bytes, "m.bin", "ner", 4);
  EXPECT_NE(wrong_version.status().message().find("format version 3, this build reads version 4"),
            std::string::npos)
      << wrong_version.status();
  auto not_model = DecodeModelFile("hello world, not a model", "x.txt", "ner", 3);
  EXPECT_NE(not_model.status().message().find("x.txt: not a Refinery model file"),
            std::string::npos);
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  EXPECT_NE(DecodeModelFile(flipped, "m.bin", "ner", 3).status().message().find("checksum"),
            std::string::npos);
}

TEST(ModelFile, EveryTruncationIsAnError) {
  std::string bytes = EncodeModelFile("ner", 3, Payload());
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = DecodeModelFile(std::string_view(bytes).substr(0, n), "m.bin", "ner", 3);
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes accepted";
    EXPECT_NE(r.status().message().find("m.bin: "), std::string::npos);
  }
}

TEST(ModelReader, ShortPayloadIsAnErrorValue) {
  std::string p = Payload();
  for (size_t n = 0; n < p.size(); ++n) {
    ModelReader r(std::string_view(p).substr(0, n));
    r.U32();
    r.F32Array();
    r.StringArray();
    r.F64();
    EXPECT_FALSE(r.Finish().ok()) << n;
  }
  ModelReader huge(std::string_view("\xff\xff\xff\xff\xff\xff\xff\x7f", 8));
  EXPECT_TRUE(huge.F32Array().empty());
  EXPECT_FALSE(huge.Finish().ok());
}

TEST(ModelFile, WritesAndReadsFiles) {
  std::string path = ::testing::TempDir() + "/model_file_test.bin";
  ASSERT_TRUE(WriteModelFile(path, "toxicity", 1, "payload").ok());
  auto read = ReadModelFile(path, "toxicity", 1);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, "payload");
  EXPECT_FALSE(ReadModelFile(path + ".missing", "toxicity", 1).ok());
  // Mapped instead of read: the same payload and the same refusals.
  auto mapped = MapModelFile(path, "toxicity", 1);
  ASSERT_TRUE(mapped.ok()) << mapped.status();
  EXPECT_EQ(mapped->payload, "payload");
  EXPECT_FALSE(MapModelFile(path + ".missing", "toxicity", 1).ok());
  const auto wrong_kind = MapModelFile(path, "ner", 1);
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_NE(wrong_kind.status().message().find(path), std::string::npos);
  EXPECT_FALSE(MapModelFile(path, "toxicity", 2).ok());
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace refinery
