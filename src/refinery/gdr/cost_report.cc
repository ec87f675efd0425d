#include "refinery/gdr/cost_report.h"

#include <fmt/format.h>

namespace refinery::gdr {

namespace {

double Per(double a, double b) { return b > 0 ? a / b : 0.0; }

}  // namespace

Json CostReport(const CostInputs& in) {
  Json r = Json::object();
  r["records"] = in.records;
  r["records_sent"] = in.records_sent;
  r["requests"] = in.requests;
  r["cache_hits"] = in.cache_hits;
  r["prompt_tokens"] = in.prompt_tokens;
  r["completion_tokens"] = in.completion_tokens;
  r["requests_per_record"] = Per(in.requests, in.records);
  r["prompt_tokens_per_record"] = Per(in.prompt_tokens, in.records);
  r["completion_tokens_per_record"] = Per(in.completion_tokens, in.records);
  // Tokens are not counted per message by the servers: the overhead's share of the prompt
  // bytes stands for its share of the prompt tokens.
  double share = Per(in.overhead_bytes * in.requests, in.prompt_bytes);
  if (share > 1) share = 1;
  r["prompt_overhead_share"] = share;
  r["prompt_overhead_tokens_per_record"] = share * Per(in.prompt_tokens, in.records);
  if (in.usage_estimated > 0) r["answers_with_estimated_usage"] = in.usage_estimated;
  if (in.price_in && in.price_out) {
    r["price_in_usd_per_mtok"] = *in.price_in;
    r["price_out_usd_per_mtok"] = *in.price_out;
    // USD per million tokens times tokens per record is USD per million records.
    double per_million = Per(in.prompt_tokens, in.records) * *in.price_in +
                         Per(in.completion_tokens, in.records) * *in.price_out;
    r["usd_per_million_records"] = per_million;
    r["usd_this_run"] =
        (in.prompt_tokens * *in.price_in + in.completion_tokens * *in.price_out) / 1e6;
  }
  return r;
}

std::string CostLine(const Json& r) {
  std::string line = fmt::format(
      "cost: {:.2f} requests, {:.0f} prompt + {:.0f} completion tokens per record; prompt "
      "overhead {:.1f}% of prompt tokens",
      r.value("requests_per_record", 0.0), r.value("prompt_tokens_per_record", 0.0),
      r.value("completion_tokens_per_record", 0.0), 100 * r.value("prompt_overhead_share", 0.0));
  if (r.contains("usd_per_million_records")) {
    line +=
        fmt::format("; ${:.2f} per million records (${}/${} per M tokens in/out)",
                    r.value("usd_per_million_records", 0.0), r.value("price_in_usd_per_mtok", 0.0),
                    r.value("price_out_usd_per_mtok", 0.0));
  }
  return line;
}

}  // namespace refinery::gdr
