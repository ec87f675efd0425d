#include "refinery/gdr/chunking.h"

#include <gtest/gtest.h>

#include <random>

#include "refinery/core/utf8.h"

namespace refinery::gdr {
namespace {

TEST(Chunking, ChunksConcatenateToTheDocumentAndRespectTheBudget) {
  std::mt19937 rng(5);
  const char* pieces[] = {"word ", "longerword ", "é ", ".\n", "\n\n", "字字 ", "x"};
  for (int t = 0; t < 200; ++t) {
    std::string doc;
    size_t n = rng() % 400;
    for (size_t i = 0; i < n; ++i) doc += pieces[rng() % 7];
    size_t budget = 16 + rng() % 200;
    auto chunks = SplitIntoChunks(doc, budget);
    ASSERT_FALSE(chunks.empty());
    std::string joined;
    size_t pos = 0;
    for (const Chunk& c : chunks) {
      EXPECT_EQ(c.begin, pos);
      EXPECT_LE(c.end - c.begin, budget);
      EXPECT_TRUE(IsValidUtf8(c.core));
      joined += std::string(c.lead) + std::string(c.core) + std::string(c.trail);
      pos = c.end;
    }
    ASSERT_EQ(joined, doc) << t;
  }
}

TEST(Chunking, PrefersParagraphBoundaries) {
  std::string p1(300, 'a'), p2(300, 'b');
  std::string doc = p1 + "\n\n" + p2;  // chunks are views into the document
  auto chunks = SplitIntoChunks(doc, 400);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].core, p1);
  EXPECT_EQ(chunks[1].core, p2);
}

TEST(Chunking, InfersTheSurrogatesChosen) {
  std::string original = "Dear Maria Lopez, your order ships to 12 Elm St today.";
  std::string rewrite = "Dear Elena Ruiz, your order ships to 48 Oak Ave today.";
  std::vector<PiiSpan> spans = {{5, 16, "PERSON", 0.9, "t"}, {38, 47, "STREET_ADDRESS", 0.9, "t"}};
  auto r = InferReplacements(original, rewrite, spans);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], (std::pair<std::string, std::string>{"Maria Lopez", "Elena Ruiz"}));
  EXPECT_EQ(r[1], (std::pair<std::string, std::string>{"12 Elm St", "48 Oak Ave"}));
  // Unchanged values and unlocatable contexts give nothing.
  EXPECT_TRUE(InferReplacements(original, original, spans).empty());
  EXPECT_TRUE(InferReplacements(original, "something else entirely", spans).empty());
}

}  // namespace
}  // namespace refinery::gdr
