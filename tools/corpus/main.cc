// refinery-corpus: writes a realistic, deterministic sample corpus (web pages with boilerplate,
// forum and chat posts, support e-mails, forms, logs, source files; some with personal data,
// secrets and toxic lines) with gold labels: PII spans and edit programs for the boilerplate.
#include <cstdio>
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "genres.h"
#include "refinery/io/compression.h"

namespace {

using refinery::Json;
using namespace refinery::corpus;

int Fail(const std::string& message) {
  std::fprintf(stderr, "refinery-corpus: error: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir = "examples/data";
  std::string gold_dir;
  std::string name = "sample";
  std::string compression = "none";
  uint64_t seed = 1;
  uint64_t docs = 0;
  double size_mb = 0;
  bool bad_lines = false;
  CLI::App app{"Writes a deterministic sample corpus with gold PII spans and edit programs",
               "refinery-corpus"};
  app.add_option("--out,-o", out_dir, "Directory for the corpus file");
  app.add_option("--gold-dir", gold_dir, "Directory for gold labels (default: <out>/../gold)");
  app.add_option("--name", name, "Base file name");
  app.add_option("--seed", seed, "Seed: the same seed gives the same bytes");
  app.add_option("--docs", docs, "Number of documents");
  app.add_option("--size-mb", size_mb,
                 "Generate until the corpus holds this many MB (instead of --docs)");
  app.add_option("--compression", compression, "none, gzip or zstd");
  app.add_flag("--with-bad-lines", bad_lines, "Add a few malformed lines (to show rejects.jsonl)");
  app.footer(
      "Examples:\n  refinery-corpus --out examples/data --docs 400 --with-bad-lines\n"
      "  refinery-corpus --out /tmp/bench --size-mb 200 --compression zstd\n");
  CLI11_PARSE(app, argc, argv);
  if (docs == 0 && size_mb <= 0) docs = 400;
  auto codec = refinery::CompressionFromName(compression);
  if (!codec.ok()) return Fail(std::string(codec.status().message()));
  if (gold_dir.empty()) gold_dir = (std::filesystem::path(out_dir).parent_path() / "gold").string();
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  std::filesystem::create_directories(gold_dir, ec);

  std::string path =
      out_dir + "/" + name + ".jsonl" + std::string(refinery::CompressionExtension(*codec));
  auto corpus = refinery::OpenByteSink(path, *codec);
  auto pii = refinery::OpenByteSink(gold_dir + "/" + name + ".pii_gold.jsonl",
                                    refinery::Compression::kNone);
  auto edits = refinery::OpenByteSink(gold_dir + "/" + name + ".edit_gold.jsonl",
                                      refinery::Compression::kNone);
  if (!corpus.ok()) return Fail(std::string(corpus.status().message()));
  if (!pii.ok()) return Fail(std::string(pii.status().message()));
  if (!edits.ok()) return Fail(std::string(edits.status().message()));

  Rng rng(seed);
  const uint64_t target_bytes = static_cast<uint64_t>(size_mb * 1e6);
  Document previous;
  for (uint64_t i = 0; docs ? i < docs : (*corpus)->bytes_written() < target_bytes; ++i) {
    Document d = MakeDocument(rng);
    // About 3% are reposts of the previous document (for exact deduplication).
    if (!previous.text.empty() && rng.Chance(0.03)) d = previous;
    char id[32];
    std::snprintf(id, sizeof(id), "%s-%07llu", d.source.c_str(),
                  static_cast<unsigned long long>(i));
    Json record{{"id", id},
                {"source", d.source},
                {"text", d.text},
                {"meta", {{"lang", "en"}, {"seed", seed}}}};
    std::string line = record.dump() + "\n";
    if (auto s = (*corpus)->Write(line); !s.ok()) return Fail(std::string(s.message()));
    if (!d.pii_spans.empty() || d.program.empty()) {
      Json gold{{"id", id}, {"text", d.text}, {"spans", d.pii_spans}};
      (void)(*pii)->Write(gold.dump() + "\n");
    }
    if (!d.program.empty()) {
      Json gold{{"id", id}, {"program", d.program}};
      (void)(*edits)->Write(gold.dump() + "\n");
    }
    previous = d;
    if (bad_lines && i % 150 == 75) {
      (void)(*corpus)->Write("{\"id\": \"broken-" + std::to_string(i) +
                             "\", \"text\": \"unterminated\n");
      (void)(*corpus)->Write("{\"id\": \"numeric-" + std::to_string(i) + "\", \"text\": 42}\n");
    }
  }
  for (auto* sink : {&*corpus, &*pii, &*edits}) {
    if (auto s = (*sink)->Finish(); !s.ok()) return Fail(std::string(s.message()));
  }
  std::fprintf(stderr, "refinery-corpus: wrote %s (%.1f MB) and gold labels in %s\n", path.c_str(),
               static_cast<double>((*corpus)->bytes_written()) / 1e6, gold_dir.c_str());
  return 0;
}
