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
  OptionTable t;
  t.Add("pipeline", flags->pipeline, "Pipeline file (YAML)").Required();
  t.Add("--input,-i", flags->inputs, "Input files, directories or globs")
      .DefaultNote("the pipeline's 'input'")
      .Env("REFINERY_INPUT");
  t.Add("--output,-o", flags->output, "Output directory or file")
      .DefaultNote("the pipeline's 'output'")
      .Env("REFINERY_OUTPUT");
  flags->run.AddTo(t, /*with_shards=*/true);
  CLI::App* cmd = AddCommand(app, "run", t);
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
  OptionTable t;
  t.Add("step", flags->names, "Only these step types").DefaultNote("all");
  t.Add("--json", flags->json,
        "Print [{name, summary, params: [{name, type, default, help, ...}]}] as JSON");
  CLI::App* cmd = AddCommand(app, "steps", t);
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
