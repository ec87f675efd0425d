// The PII detector's compiled trigger databases (PiiDetectorOptions::pattern_database,
// io/hyperscan_db.h): a database is loaded only for the trigger set it was written for, spans
// are the same whether it was loaded or compiled, and a missing, garbled or foreign file makes
// the detector compile.
#include <hs/hs.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "refinery/core/build_info.h"
#include "refinery/detect/pii_detector.h"
#include "refinery/io/files.h"
#include "refinery/io/hyperscan_db.h"
#include "refinery/io/model_file.h"

namespace refinery {
namespace {

// Every text of tests/cases/pii/*.tsv (the third field, "\n" and "\t" unescaped): each trigger
// kind has cases there.
std::vector<std::string> CaseTexts() {
  std::vector<std::string> texts;
  std::error_code ec;
  for (const auto& e :
       std::filesystem::directory_iterator(BuildSourceDir() + "/tests/cases/pii", ec)) {
    if (e.path().extension() != ".tsv") continue;
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      if (tab != std::string::npos) tab = line.find('\t', tab + 1);
      if (tab == std::string::npos) continue;
      std::string text;
      for (size_t i = tab + 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == 'n' || line[i + 1] == 't')) {
          text.push_back(line[++i] == 'n' ? '\n' : '\t');
        } else {
          text.push_back(line[i]);
        }
      }
      texts.push_back(text);
    }
  }
  return texts;
}

using Span = std::tuple<size_t, size_t, std::string, double, std::string>;

std::vector<std::vector<Span>> SpansOf(const PiiDetector& d,
                                       const std::vector<std::string>& texts) {
  auto scratch = d.NewScratch();
  std::vector<std::vector<Span>> out;
  for (const std::string& t : texts) {
    std::vector<Span> spans;
    for (const PiiSpan& s : d.DetectBytes(t, *scratch))
      spans.emplace_back(s.start, s.end, s.type, s.score, s.detector);
    out.push_back(spans);
  }
  return out;
}

std::shared_ptr<const PiiDetector> Make(std::vector<std::string> types, const std::string& db) {
  PiiDetectorOptions o;
  o.types = std::move(types);
  o.ner = false;  // the triggers do not depend on the tagger; keeps the test fast
  o.pattern_database = db;
  auto d = PiiDetector::Create(o);
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *d : nullptr;
}

TEST(PiiPatternDatabase, LoadedOnlyForItsOwnTriggerSetWithTheSameSpans) {
  const std::vector<std::string> texts = CaseTexts();
  ASSERT_GT(texts.size(), 500u);
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/pii_triggers_test.hsdb";
  const std::vector<std::string> some = {"EMAIL_ADDRESS", "URL", "UK_NINO", "API_KEY"};
  ASSERT_TRUE(PiiDetector::SavePatternDatabases(path, {{}, some}).ok());

  for (const std::vector<std::string>& types : {std::vector<std::string>{}, some}) {
    auto compiled = Make(types, path + ".missing");
    auto loaded = Make(types, path);
    ASSERT_TRUE(compiled && loaded);
    EXPECT_FALSE(compiled->loaded_pattern_database());
    EXPECT_TRUE(loaded->loaded_pattern_database()) << types.size();
    const auto a = SpansOf(*compiled, texts), b = SpansOf(*loaded, texts);
    size_t spans = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      EXPECT_EQ(a[i], b[i]) << texts[i];
      spans += a[i].size();
    }
    EXPECT_GT(spans, types.empty() ? 500u : 100u);
  }
  // A trigger set the file has no database for (no government id's or URL's triggers) is
  // compiled.
  auto other = Make({"EMAIL_ADDRESS", "API_KEY"}, path);
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->loaded_pattern_database());

  // Garbled files: a flipped byte in the database (the container's CRC no longer holds), the
  // file cut short, another kind of model file, not a model file. Each is compiled, with the
  // same spans.
  StatusOr<std::string> bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  std::string flipped = *bytes;
  flipped[flipped.size() / 2] ^= 0x20;
  const std::vector<std::string> garbled = {
      flipped, bytes->substr(0, bytes->size() / 2),
      EncodeModelFile("toxicity-lexicon-hs", 1, bytes->substr(40)), "not a database"};
  const auto want = SpansOf(*Make({}, path), texts);
  for (size_t g = 0; g < garbled.size(); ++g) {
    const std::string bad = dir + "/pii_triggers_bad.hsdb";
    {
      std::ofstream out(bad, std::ios::binary | std::ios::trunc);
      out << garbled[g];
    }
    auto d = Make({}, bad);
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->loaded_pattern_database()) << g;
    EXPECT_EQ(SpansOf(*d, texts), want) << g;
  }
}

// io/hyperscan_db.h: an entry for other patterns is skipped and the next one that fits is
// taken; a file whose every entry is for other patterns loads nothing.
TEST(PiiPatternDatabase, EntriesOfOtherPatternSetsAreSkipped) {
  const char* a_expr[] = {"foo[0-9]+"};
  const char* b_expr[] = {"bar"};
  unsigned flags[] = {0}, ids[] = {0};
  hs_database_t *a = nullptr, *b = nullptr;
  hs_compile_error_t* err = nullptr;
  ASSERT_EQ(
      hs_compile_multi(a_expr, flags, ids, 1, HS_MODE_BLOCK, PortableHyperscanPlatform(), &a, &err),
      HS_SUCCESS);
  ASSERT_EQ(
      hs_compile_multi(b_expr, flags, ids, 1, HS_MODE_BLOCK, PortableHyperscanPlatform(), &b, &err),
      HS_SUCCESS);
  HyperscanFingerprint fa(HS_MODE_BLOCK, 1), fb(HS_MODE_BLOCK, 1), fflags(HS_MODE_BLOCK, 1);
  fa.Add(a_expr[0], 0);
  fb.Add(b_expr[0], 0);
  fflags.Add(b_expr[0], HS_FLAG_CASELESS);
  EXPECT_NE(fa.value(), fb.value());
  EXPECT_NE(fb.value(), fflags.value());  // the flags are part of the pattern set
  const std::string path = testing::TempDir() + "/two_entries.hsdb";
  ASSERT_TRUE(SaveHyperscanDatabases(path, "test-hs", 1, {{fa.value(), a}, {fb.value(), b}}).ok());
  for (uint64_t fp : {fb.value(), fa.value()}) {
    LoadedHyperscanDatabase loaded = LoadHyperscanDatabase(path, "test-hs", 1, fp);
    ASSERT_NE(loaded.db, nullptr);
    size_t matches = 0;
    auto count = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
      ++*static_cast<size_t*>(ctx);
      return 0;
    };
    ASSERT_EQ(hs_scan(loaded.db, "bar foo12", 9, 0, loaded.scratch, count, &matches), HS_SUCCESS);
    EXPECT_EQ(matches, fp == fa.value() ? 2u : 1u);  // foo1, foo12 / bar
    hs_free_scratch(loaded.scratch);
    hs_free_database(loaded.db);
  }
  EXPECT_EQ(LoadHyperscanDatabase(path, "test-hs", 1, fflags.value()).db, nullptr);
  EXPECT_EQ(LoadHyperscanDatabase(path, "test-hs", 2, fa.value()).db, nullptr);   // version
  EXPECT_EQ(LoadHyperscanDatabase(path, "other-hs", 1, fa.value()).db, nullptr);  // kind
  hs_free_database(a);
  hs_free_database(b);
}

// The shipped models/pii.triggers.hsdb holds the current trigger sets of `detect`'s and
// `anonymize`'s default types and of the tagger's types (compiled for any x86-64, so it loads
// on every CPU Hyperscan runs on). When a trigger pattern changes, rewrite it:
//   build/bin/pii_trigger_db models/pii.triggers.hsdb <bench/pii.sh's PATTERN_TYPES>
TEST(PiiPatternDatabase, ShippedFileFitsTheDefaultTriggerSets) {
  const std::string path = BuildSourceDir() + "/models/pii.triggers.hsdb";
  StatusOr<std::string> payload = ReadModelFile(path, "pii-triggers-hs", 1);
  ASSERT_TRUE(payload.ok()) << payload.status();
  ModelReader r(*payload);
  if (r.String() != hs_version()) GTEST_SKIP() << "written by another Hyperscan version";
  for (const std::vector<std::string>& types :
       {std::vector<std::string>{}, DefaultAnonymizeTypes(), TaggerTypes()}) {
    auto d = Make(types, path);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->loaded_pattern_database())
        << path << " does not fit the trigger patterns of " << types.size()
        << " types: rewrite it with build/bin/pii_trigger_db (see models/README.md)";
  }
}

}  // namespace
}  // namespace refinery
