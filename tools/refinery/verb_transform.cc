// Transform verbs: `refinery VERB IN... -o OUT` is the one-step pipeline [{STEP: flags}].
#include "cli_common.h"
#include "cli_params.h"
#include "refinery/pipeline/step_registry.h"

namespace refinery::cli {

Verb AddTransformVerb(CLI::App& app, TransformVerbSpec spec) {
  struct Flags {
    std::vector<std::string> inputs;
    std::string output;
    RunFlags run;
  };
  auto flags = std::make_shared<Flags>();
  OptionTable t;
  t.Add("input", flags->inputs, "Input files, directories or globs; - for stdin").Required();
  t.Add("--output,-o", flags->output,
        "Output: a directory (parts, summary.json, rejects.jsonl), a .jsonl[.gz|.zst] file, or -")
      .Required();
  flags->run.AddTo(t, /*with_shards=*/true);
  CLI::App* cmd = AddCommand(app, spec.name, spec.description, t, spec.examples);
  const StepInfo* info = StepRegistry::Builtin().Find(spec.step_type);
  auto write_table = info ? AddParamFlags(cmd, info->params) : std::function<void(YAML::Node&)>();
  auto write_extra = spec.add_flags ? spec.add_flags(cmd) : std::function<void(YAML::Node&)>();
  auto write_params = [write_table, write_extra](YAML::Node& params) {
    if (write_table) write_table(params);
    if (write_extra) write_extra(params);
  };
  std::string step_type = spec.step_type;
  auto run = spec.run;
  return Verb{cmd, [flags, write_params, step_type, run]() {
                PipelineConfig config;
                config.inputs = flags->inputs;
                config.output = flags->output;
                StepSpec step;
                step.type = step_type;
                step.params = YAML::Node(YAML::NodeType::Map);
                write_params(step.params);
                config.steps.push_back(step);
                RunOptions options;
                Status applied = flags->run.ApplyTo(config, options);
                if (!applied.ok()) return Fail(std::string(applied.message()));
                if (run) return run(config, options, flags->run.json);
                return RunAndReport(config, options, flags->run.json);
              }};
}

}  // namespace refinery::cli
