// `refinery metrics IN [IN2 ...]`: dataset diversity and information metrics, one column per
// input (docs/metrics.md defines every key).
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli_common.h"
#include "refinery/io/record_reader.h"
#include "refinery/metrics/corpus_metrics.h"

namespace refinery::cli {

namespace {

struct MetricsFlags {
  std::vector<std::string> inputs;
  std::string output;
  bool json = false;
  uint64_t seed = 1;
  size_t sample_docs = 2000;
  size_t rouge_exact_limit = 1000;
  size_t rouge_pairs = 20000;
  int embed_dim = 512;
  int threads = 0;
  std::string text_field = "text";
  std::string id_field = "id";
};

Status Measure(const MetricsFlags& f, const std::string& input, metrics::CorpusMetrics& m) {
  RecordReaderOptions ro;
  ro.text_field = f.text_field;
  ro.id_field = f.id_field;
  ASSIGN_OR_RETURN(auto reader, RecordReader::Open({input}, ro));
  Record rec;
  // Batches: the distinct n-gram counts run on a second thread (same result as one by one).
  std::vector<std::string> batch;
  size_t batch_bytes = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(rec));
    if (more) {
      batch.emplace_back(rec.text());
      batch_bytes += batch.back().size();
    }
    if (!more || batch.size() >= 4096 || batch_bytes >= (4u << 20)) {
      m.AddDocuments(batch);
      batch.clear();
      batch_bytes = 0;
    }
    if (!more) break;
  }
  if (reader->rejected() > 0) {
    std::fprintf(stderr, "refinery: warning: %s: %llu lines skipped (first: %s)\n", input.c_str(),
                 static_cast<unsigned long long>(reader->rejected()),
                 reader->first_reject_reason().c_str());
  }
  return absl::OkStatus();
}

void PrintTable(const Json& result, const std::vector<std::string>& inputs) {
  const char* keys[] = {"docs",
                        "tokens",
                        "mean_tokens",
                        "distinct_1",
                        "distinct_2",
                        "distinct_3",
                        "distinct_4",
                        "ttr",
                        "mattr",
                        "mtld",
                        "compression_ratio_gzip",
                        "compression_ratio_zstd",
                        "self_bleu",
                        "rouge2_pairwise",
                        "embed_mean_pairwise_l2",
                        "embed_centroid_l2",
                        "vendi"};
  std::printf("%-24s", "metric");
  for (size_t i = 0; i < inputs.size(); ++i) std::printf("             [%zu]", i + 1);
  std::printf("\n");
  for (const char* k : keys) {
    std::printf("%-24s", k);
    for (const std::string& in : inputs) {
      const Json& v = result["inputs"][in][k];
      if (v.is_number_integer()) {
        std::printf(" %16lld", static_cast<long long>(v.get<int64_t>()));
      } else {
        std::printf(" %16.4f", v.get<double>());
      }
    }
    std::printf("\n");
  }
  for (size_t i = 0; i < inputs.size(); ++i) std::printf("[%zu] %s\n", i + 1, inputs[i].c_str());
}

}  // namespace

Verb AddMetricsVerb(CLI::App& app) {
  auto f = std::make_shared<MetricsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "metrics",
      "Dataset diversity and information metrics (distinct-n, MTLD, self-BLEU, Vendi, ...)");
  cmd->add_option("input", f->inputs, "One corpus per argument: a file, directory or glob")
      ->required();
  cmd->add_flag("--json", f->json, "Print the metrics as JSON");
  cmd->add_option("--output,-o", f->output, "Also write the JSON to this file");
  cmd->add_option("--seed", f->seed, "Seed of every sample (default 1)");
  cmd->add_option("--sample-docs", f->sample_docs,
                  "Documents sampled for self-BLEU, ROUGE-2 and embeddings (default 2000)");
  cmd->add_option("--rouge-exact-limit", f->rouge_exact_limit,
                  "All document pairs up to this many documents (default 1000)");
  cmd->add_option("--rouge-pairs", f->rouge_pairs, "Pairs sampled beyond it (default 20000)");
  cmd->add_option("--embed-dim", f->embed_dim, "Hashed TF-IDF dimension (default 512)")
      ->check(CLI::Range(16, 8192));
  cmd->add_option("--threads,-t", f->threads, "Inputs measured in parallel (default: all cores)");
  cmd->add_option("--text-field", f->text_field, "Field holding the text (default: text)");
  cmd->add_option("--id-field", f->id_field, "Field holding the record id (default: id)");
  cmd->footer(
      "Examples:\n"
      "  refinery metrics data/raw.jsonl.zst\n"
      "  refinery metrics raw.jsonl out/refined/ synthetic.jsonl --json > metrics.json\n"
      "  refinery metrics 'shards/*.jsonl.gz' --sample-docs 5000 --seed 7 --json\n"
      "Each input is one corpus; embeddings of all inputs share one IDF so distances compare.\n"
      "Definitions: docs/metrics.md.\n");
  return Verb{cmd, [f]() {
                metrics::CorpusMetricsOptions o;
                o.seed = f->seed;
                o.sample_docs = f->sample_docs;
                o.rouge_exact_limit = f->rouge_exact_limit;
                o.rouge_sample_pairs = f->rouge_pairs;
                o.embed_dim = f->embed_dim;
                std::vector<std::unique_ptr<metrics::CorpusMetrics>> ms;
                for (size_t i = 0; i < f->inputs.size(); ++i)
                  ms.push_back(std::make_unique<metrics::CorpusMetrics>(o));
                std::vector<Status> status(f->inputs.size());
                size_t threads = f->threads > 0 ? static_cast<size_t>(f->threads)
                                                : std::max(1u, std::thread::hardware_concurrency());
                std::atomic<size_t> next{0};
                std::vector<std::thread> pool;
                for (size_t t = 0; t < std::min(threads, f->inputs.size()); ++t) {
                  pool.emplace_back([&] {
                    for (size_t i; (i = next++) < f->inputs.size();)
                      status[i] = Measure(*f, f->inputs[i], *ms[i]);
                  });
                }
                for (auto& t : pool) t.join();
                for (const Status& s : status) {
                  if (!s.ok()) return Fail(std::string(s.message()));
                }
                metrics::BucketDocumentFrequency df(o.embed_dim);
                for (auto& m : ms) df.Merge(m->document_frequency());
                std::vector<double> idf = df.Idf();
                Json result;
                result["seed"] = f->seed;
                result["inputs"] = Json::object();
                for (size_t i = 0; i < f->inputs.size(); ++i)
                  result["inputs"][f->inputs[i]] = ms[i]->Finish(idf);
                if (!f->output.empty()) {
                  FILE* out = std::fopen(f->output.c_str(), "w");
                  if (out == nullptr) return Fail(f->output + ": cannot write");
                  std::string text = result.dump(2) + "\n";
                  std::fwrite(text.data(), 1, text.size(), out);
                  std::fclose(out);
                }
                if (f->json) {
                  std::cout << result.dump(2) << std::endl;
                } else {
                  PrintTable(result, f->inputs);
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
