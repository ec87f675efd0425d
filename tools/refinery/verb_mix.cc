// `refinery mix --source NAME=PATH ... -o OUT`: deterministic, seeded data mixes with provenance.
#include <cstdio>
#include <iostream>
#include <map>

#include "cli_common.h"
#include "refinery/metrics/data_mix.h"

namespace refinery::cli {

Verb AddMixVerb(CLI::App& app) {
  struct Flags {
    std::vector<std::string> sources, proportions, token_quotas;
    metrics::MixOptions options;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  metrics::MixOptions& o = f->options;
  OptionTable t;
  t.Add("--source,-s", f->sources, "NAME=PATH (repeat): a source file, directory or glob")
      .Required();
  t.Add("--proportions,-p", f->proportions, "NAME=SHARE,... share of output records per source");
  t.Add("--token-quota", f->token_quotas, "NAME=TOKENS,... tokens wanted per source");
  t.Excludes("--proportions", "--token-quota");
  t.Add("--total", o.total_records, "Output records with --proportions")
      .DefaultNote("the largest mix that fits");
  t.Add("--output,-o", o.output, "Output .jsonl[.gz|.zst] or -").Required();
  t.Add("--manifest", o.manifest, "Manifest JSON").DefaultNote("OUTPUT.manifest.json");
  t.Add("--seed", o.seed, "Seed: the same seed gives the same mix");
  t.Add("--order", o.order, "shuffle (interleaved by seeded key) or source")
      .Choices({"shuffle", "source"});
  AddRecordFieldRows(t, o.text_field, &o.id_field);
  t.Add("--json", f->json, "Print the manifest as JSON on stdout");
  CLI::App* cmd = AddCommand(app, "mix", t);
  return Verb{cmd, [f]() {
                metrics::MixOptions o = f->options;  // sources are added below
                std::map<std::string, size_t> index;
                for (const std::string& s : f->sources) {
                  size_t eq = s.find('=');
                  if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
                    return Fail("--source: expected NAME=PATH, got '" + s + "'");
                  }
                  std::string name = s.substr(0, eq);
                  if (index.count(name)) return Fail("--source: duplicate name '" + name + "'");
                  index[name] = o.sources.size();
                  o.sources.push_back({name, s.substr(eq + 1), 0, 0});
                }
                const bool tokens = !f->token_quotas.empty();
                if (!tokens && f->proportions.empty())
                  return Fail("mix: give --proportions or --token-quota");
                o.mode = tokens ? "tokens" : "proportions";
                auto values = metrics::ParseNamedValues(tokens ? f->token_quotas : f->proportions,
                                                        tokens ? "--token-quota" : "--proportions");
                if (!values.ok()) return Fail(std::string(values.status().message()));
                for (const auto& [name, v] : *values) {
                  auto it = index.find(name);
                  if (it == index.end())
                    return Fail((tokens ? "--token-quota" : "--proportions") +
                                std::string(": unknown source '") + name + "'");
                  (tokens ? o.sources[it->second].token_quota : o.sources[it->second].proportion) =
                      v;
                }
                auto manifest = metrics::MixSources(o);
                if (!manifest.ok()) return Fail(std::string(manifest.status().message()));
                if (f->json) {
                  std::cout << manifest->dump(2) << std::endl;
                } else {
                  std::fprintf(stderr, "refinery mix: %lld records written to %s\n",
                               static_cast<long long>((*manifest)["records"].get<int64_t>()),
                               o.output.c_str());
                  for (const Json& s : (*manifest)["sources"]) {
                    std::fprintf(stderr, "  %-16s %10lld records %12lld tokens%s\n",
                                 s["name"].get<std::string>().c_str(),
                                 static_cast<long long>(s["records_selected"].get<int64_t>()),
                                 static_cast<long long>(s["tokens_selected"].get<int64_t>()),
                                 s["short"].get<bool>() ? "  (short of target)" : "");
                  }
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
