// `refinery metrics IN [IN2 ...]`: dataset diversity and information metrics, one column per
// input (docs/metrics.md defines every key).
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "refinery/metrics/measure_corpora.h"

namespace refinery::cli {

namespace {

struct MetricsFlags {
  std::vector<std::string> inputs;
  std::string output;
  bool json = false;
  metrics::MeasureCorporaOptions options;  // the library's defaults are the flags' defaults
};

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
  OptionTable t;
  t.Add("input", f->inputs, "One corpus per argument: a file, directory or glob").Required();
  t.Add("--json", f->json, "Print the metrics as JSON");
  t.Add("--output,-o", f->output, "Also write the JSON to this file");
  metrics::MeasureCorporaOptions& o = f->options;
  t.Add("--seed", o.metrics.seed, "Seed of every sample");
  t.Add("--sample-docs", o.metrics.sample_docs,
        "Documents sampled for self-BLEU, ROUGE-2 and embeddings");
  t.Add("--rouge-exact-limit", o.metrics.rouge_exact_limit,
        "All document pairs up to this many documents");
  t.Add("--rouge-pairs", o.metrics.rouge_sample_pairs, "Pairs sampled beyond it");
  t.Add("--embed-dim", o.metrics.embed_dim, "Hashed TF-IDF dimension").Range(16, 8192);
  t.Add("--threads,-t", o.threads, "Inputs measured in parallel").DefaultNote("all cores");
  AddRecordFieldRows(t, o.text_field, &o.id_field);
  CLI::App* cmd = AddCommand(app, "metrics", t);
  return Verb{cmd, [f]() {
                metrics::MeasureCorporaOptions o = f->options;
                o.warn = [](const std::string& message) {
                  std::fprintf(stderr, "refinery: warning: %s\n", message.c_str());
                };
                StatusOr<Json> measured = metrics::MeasureCorpora(f->inputs, o);
                if (!measured.ok()) return Fail(std::string(measured.status().message()));
                const Json& result = *measured;
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
