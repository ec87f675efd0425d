// `refinery run PIPELINE.yaml`: runs a pipeline file.
#include "cli_common.h"
#include "refinery/pipeline/step_docs.h"
#include "refinery/pipeline/step_registry.h"

#include <iostream>

namespace refinery::cli {

Verb AddRunVerb(CLI::App& app) {
  struct Flags {
    std::string pipeline;
    std::vector<std::string> inputs;
    std::string output;
    RunFlags run;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd =
      app.add_subcommand("run", "Run a pipeline (YAML): input → steps → output directory");
  OptionTable t;
  t.Add("pipeline", flags->pipeline, "Pipeline file (YAML)").Required();
  t.Add("--input,-i", flags->inputs, "Input files, directories or globs")
      .DefaultNote("the pipeline's 'input'")
      .Env("REFINERY_INPUT");
  t.Add("--output,-o", flags->output, "Output directory or file")
      .DefaultNote("the pipeline's 'output'")
      .Env("REFINERY_OUTPUT");
  flags->run.AddTo(t, /*with_shards=*/true);
  t.AddTo(cmd);
  cmd->footer(
      "Examples:\n"
      "  refinery run examples/quickstart.yaml\n"
      "  refinery run pipeline.yaml -i 'raw/*.jsonl.zst' -o out/run1 --threads 8\n"
      "  refinery run pipeline.yaml --resume                  # finish an interrupted run\n"
      "  refinery run pipeline.yaml --num-shards 16 --shard-index 3\n"
      "Exit codes: 0 done, 2 usage/config/IO error, 75 stopped by a signal (rerun with "
      "--resume).\n");
  return Verb{cmd, [flags]() {
                StatusOr<PipelineConfig> config = LoadPipelineFile(flags->pipeline);
                if (!config.ok()) return Fail(std::string(config.status().message()));
                if (!flags->inputs.empty()) config->inputs = flags->inputs;
                if (!flags->output.empty()) config->output = flags->output;
                RunOptions options;
                Status applied = flags->run.ApplyTo(*config, options);
                if (!applied.ok()) return Fail(std::string(applied.message()));
                return RunAndReport(*config, options, flags->run.json);
              }};
}

Verb AddStepsVerb(CLI::App& app) {
  struct Flags {
    std::vector<std::string> names;
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "steps", "List the step types a pipeline can use, with their parameters and defaults");
  OptionTable t;
  t.Add("step", flags->names, "Only these step types").DefaultNote("all");
  t.Add("--json", flags->json,
        "Print [{name, summary, params: [{name, type, default, help, ...}]}] as JSON");
  t.AddTo(cmd);
  cmd->footer(
      "Examples:\n"
      "  refinery steps\n"
      "  refinery steps pii_anonymize\n"
      "  refinery steps --json | jq '.[] | select(.name == \"sample\") | .params'\n");
  return Verb{cmd, [flags]() {
                const StepRegistry& registry = StepRegistry::Builtin();
                std::vector<std::string> names =
                    flags->names.empty() ? registry.Names() : flags->names;
                for (const std::string& name : names) {
                  if (registry.Find(name) == nullptr)
                    return Fail("unknown step type '" + name + "'");
                }
                if (flags->json) {
                  std::cout << StepsJson(registry, names).dump(2) << std::endl;
                } else {
                  std::cout << StepsText(registry, names);
                }
                return kExitOk;
              }};
}

}  // namespace refinery::cli
