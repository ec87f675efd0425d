// `refinery slurm submit|status`: run a pipeline as a Slurm job array (one task per shard)
// and follow it. The work is in src/refinery/scaleout; this file only parses flags.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli_common.h"
#include "refinery/scaleout/sbatch_script.h"
#include "refinery/scaleout/slurm_status.h"
#include "refinery/scaleout/slurm_submit.h"
#include "refinery/scaleout/subprocess.h"

namespace refinery::cli {

namespace {

using scaleout::FormatCommand;

std::string DescribeSubmitCommand(const scaleout::SubmitOptions& o) {
  std::vector<std::string> argv = {"refinery", "slurm",   "submit",
                                   o.pipeline, "--tasks", std::to_string(o.tasks)};
  auto add = [&](const char* flag, const std::string& value) {
    if (!value.empty()) {
      argv.push_back(flag);
      argv.push_back(value);
    }
  };
  add("--output", o.output);
  add("--input", o.input);
  if (o.max_parallel) add("--max-parallel", std::to_string(o.max_parallel));
  add("--partition", o.partition);
  add("--time", o.time);
  if (o.cpus) add("--cpus", std::to_string(o.cpus));
  add("--mem", o.mem);
  for (const std::string& arg : o.sbatch_args) argv.push_back("--sbatch-arg=" + arg);
  for (const std::string& arg : o.run_args) argv.push_back("--run-arg=" + arg);
  return FormatCommand(argv);
}

Verb AddSubmit(CLI::App& slurm) {
  auto o = std::make_shared<scaleout::SubmitOptions>();
  auto json = std::make_shared<bool>(false);
  OptionTable t;
  t.Add("PIPELINE", o->pipeline, "Pipeline YAML").Required();
  t.Add("--tasks,-n", o->tasks, "Number of shards = array tasks").Required().Range(1, 100000000);
  t.Add("--output,-o", o->output, "Output directory").DefaultNote("the pipeline's");
  t.Add("--input,-i", o->input, "Input override").DefaultNote("the pipeline's");
  t.Add("--max-parallel", o->max_parallel, "At most K tasks at once (array throttle %K)")
      .DefaultNote("no limit");
  t.Add("--partition,-p", o->partition, "Slurm partition");
  t.Add("--time,-t", o->time, "Time limit per task (Slurm format, e.g. 4:00:00)");
  t.Add("--cpus,-c", o->cpus, "CPUs per task (also the task's --threads)")
      .DefaultNote("Slurm's default");
  t.Add("--mem", o->mem, "Memory per task (e.g. 16G)");
  t.Add("--job-name", o->job_name, "Job name").DefaultNote("refinery");
  t.Add("--signal-seconds", o->signal_seconds,
        "Seconds before the time limit that tasks are told to stop and requeue");
  t.Add("--sbatch-arg", o->sbatch_args,
        "Extra sbatch option, verbatim (write --sbatch-arg=--exclusive)")
      .OneValuePerFlag();
  t.Add("--run-arg", o->run_args,
        "Extra argument for each task's `refinery run`, verbatim\n"
        "(--run-arg=--no-cache, --run-arg=--cache=/local/cache.sqlite)")
      .OneValuePerFlag();
  t.Add("--refinery-bin", o->refinery_binary, "refinery executable the tasks run")
      .DefaultNote("this one");
  t.Add("--dry-run", o->dry_run, "Write the script and print the sbatch commands only");
  t.Add("--json", *json, "Print what was submitted as JSON");
  CLI::App* cmd = AddCommand(slurm, "submit", t);
  return Verb{
      cmd, [o, json]() {
        o->submitted_by = DescribeSubmitCommand(*o);
        StatusOr<scaleout::SubmitResult> result = scaleout::SubmitRun(*o);
        if (!result.ok()) return Fail(std::string(result.status().message()));
        const scaleout::SubmitResult& r = *result;
        if (!r.note.empty()) fmt::print(stderr, "refinery: note: {}\n", r.note);
        std::string skipped;
        if (r.already_done || !r.already_queued.empty()) {
          skipped = fmt::format(" ({} done, {} queued or running already)", r.already_done,
                                r.already_queued.size());
        }
        if (*json) {
          Json commands = Json::array();
          for (const auto& c : r.commands) commands.push_back(FormatCommand(c));
          Json out = {{"output", r.output},
                      {"script", r.script_path},
                      {"shards", scaleout::FormatArrayIndices(r.shards)},
                      {"num_shards", o->tasks},
                      {"already_done", r.already_done},
                      {"already_queued", scaleout::FormatArrayIndices(r.already_queued)},
                      {"max_array_size", r.max_array_size},
                      {"commands", commands},
                      {"job_ids", r.job_ids},
                      {"dry_run", o->dry_run}};
          fmt::print("{}\n", out.dump(2));
        } else if (r.shards.empty()) {
          fmt::print(stderr,
                     "refinery: nothing to submit: all {} shards are done, "
                     "queued or running{}\n",
                     o->tasks, skipped);
        } else if (o->dry_run) {
          fmt::print(stderr, "refinery: wrote {}; would submit shards {} of {}{}:\n", r.script_path,
                     scaleout::FormatArrayIndices(r.shards), o->tasks, skipped);
          for (const auto& c : r.commands) fmt::print("{}\n", FormatCommand(c));
        } else {
          fmt::print(stderr, "refinery: submitted shards {} of {}{} as job {} (script {})\n",
                     scaleout::FormatArrayIndices(r.shards), o->tasks, skipped,
                     fmt::join(r.job_ids, ", "), r.script_path);
          for (const std::string& id : r.job_ids) fmt::print("{}\n", id);
        }
        return kExitOk;
      }};
}

Verb AddStatus(CLI::App& slurm) {
  struct Flags {
    std::string dir;
    bool json = false;
    bool wait = false;
    bool strict = false;
    double interval = 5;
    double timeout = 0;
  };
  auto f = std::make_shared<Flags>();
  OptionTable t;
  t.Add("DIR", f->dir, "The run's output directory").Required();
  t.Add("--json", f->json, "Print the status as JSON");
  t.Add("--wait", f->wait, "Wait until no shard is running or pending; exit 1 unless all are done");
  t.Add("--interval", f->interval, "Seconds between checks with --wait").Range(0.1, 3600);
  t.Add("--timeout", f->timeout, "Give up waiting after this many seconds (0: never)");
  t.Add("--strict", f->strict, "Exit 1 unless every shard is done");
  CLI::App* cmd = AddCommand(slurm, "status", t);
  return Verb{
      cmd, [f]() {
        auto start = std::chrono::steady_clock::now();
        while (true) {
          StatusOr<std::vector<scaleout::Submission>> submissions =
              scaleout::ReadSubmissions(f->dir);
          if (!submissions.ok()) return Fail(std::string(submissions.status().message()));
          std::vector<std::string> job_ids;
          for (const auto& s : *submissions) job_ids.push_back(s.job_id);
          // Ask Slurm first, then read markers (a task that ends in between is done).
          scaleout::SlurmView view = scaleout::QuerySlurm(job_ids);
          StatusOr<scaleout::RunStatus> status = scaleout::CollectRunStatus(f->dir, view);
          if (!status.ok()) {
            // Tasks may not have written run.json yet right after submission.
            if (f->wait && absl::IsNotFound(status.status()) && !job_ids.empty()) {
              std::this_thread::sleep_for(std::chrono::duration<double>(f->interval));
              continue;
            }
            return Fail(std::string(status.status().message()));
          }
          bool active = status->counts.count("running") || status->counts.count("pending");
          double waited =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          bool timed_out = f->timeout > 0 && waited >= f->timeout;
          if (f->wait && active && !timed_out) {
            if (!f->json && !isatty(STDOUT_FILENO)) {
              fmt::print(stderr, "refinery: {}\n", scaleout::FormatStatusLine(*status));
            }
            std::this_thread::sleep_for(std::chrono::duration<double>(f->interval));
            continue;
          }
          if (f->json) {
            fmt::print("{}\n", scaleout::StatusToJson(*status).dump(2));
          } else {
            fmt::print("{}", scaleout::FormatStatusTable(*status));
          }
          bool complete = status->counts["done"] == status->num_shards;
          return (f->wait || f->strict) && !complete ? kExitCheckFailed : kExitOk;
        }
      }};
}

}  // namespace

Verb AddSlurmVerb(CLI::App& app) {
  return AddGroup(app, "slurm",
                  "Run a pipeline as a Slurm job array: submit, status (see docs/scale-out.md)",
                  {AddSubmit, AddStatus});
}

}  // namespace refinery::cli
